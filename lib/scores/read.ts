// Reading scores: one person (themself, or anyone in scope with scores:read), and an entity
// subtree with a breakdown per child entity. Everything is read from user_scores (kept current by
// the rollup), never recounted from tasks; only overdue work is counted at read time (overdue.ts).
import "server-only";
import { and, eq, sql } from "drizzle-orm";
import { type DbOrTx, queryRows } from "../../db/client";
import { entities } from "../../db/schema";
import { notFound } from "../api/errors";
import { authorize } from "../api/handler";
import type { Principal } from "../auth/principal";
import { visibleEntities, visibleUsers } from "../auth/scope";
import type { CounterColumn } from "./counters";
import {
  type Formulas,
  SCORE_FORMULAS,
  type ScoreCardDto,
  scoreCard,
  type ScoringDto,
  scoringDto,
  selectMembers,
  sumRows,
} from "./dto";
import { overdueByChild, overdueOfUsers } from "./overdue";
import { entityGroupsSql } from "./queries";
import { scoringOfEntity } from "./weights";

export type UserScoresDto = ScoreCardDto &
  ScoringDto & { user: { id: number; name: string; entity_id: number; is_active: boolean }; formulas: Formulas };

/** A person's scores: themself always; anyone else visible to the principal with scores:read; otherwise 404. */
export async function getUserScores(db: DbOrTx, principal: Principal, params: { userId: number }): Promise<UserScoresDto> {
  const self = params.userId === principal.userId;
  if (!self) authorizeOrHide(principal);
  const [member] = await selectMembers(db, sql`users.id = ${params.userId} and ${visibleUsers(principal)}`);
  if (!member) throw notFound("user");
  const scoring = await scoringOfEntity(db, member.entity_id);
  const overdue = await overdueOfUsers(db, [member.id]);
  return {
    user: { id: member.id, name: member.name, entity_id: member.entity_id, is_active: member.is_active },
    ...scoreCard(member, overdue.get(member.id) ?? 0, scoring.weights),
    ...scoringDto(scoring),
    formulas: SCORE_FORMULAS,
  };
}

/**
 * Employees have no scores:read: asking for someone else is answered as if the person did not exist
 * (their own scope holds only themself), so the refusal leaks nothing; a token lacking the read scope is a 403.
 */
function authorizeOrHide(principal: Principal): void {
  if (principal.role === "employee") throw notFound("user");
  authorize(principal, "scores:read");
}

type Group = ScoreCardDto & { members: number };
export type EntityScoresDto = ScoringDto & {
  entity: { id: number; name: string; path: string };
  /**
   * The whole subtree's active members. Here, and in `own` and `children`, overdue_tasks counts the
   * open work past due that belongs to the subtree (tasks by their entity), whoever owns it.
   */
  aggregate: Group;
  /** The entity's own members (not in a child entity). */
  own: Group;
  /** One row per direct child entity, each over its own subtree. */
  children: ({ entity_id: number; name: string } & Group)[];
  formulas: Formulas;
};

/** An entity subtree's scores as sums of its active members' counters, with a breakdown per child entity. */
export async function getEntityScores(db: DbOrTx, principal: Principal, params: { entityId: number }): Promise<EntityScoresDto> {
  if (principal.role === "employee") throw notFound("entity");
  authorize(principal, "scores:read");
  const [entity] = await db
    .select({ id: entities.id, name: entities.name, path: entities.path })
    .from(entities)
    .where(and(eq(entities.id, params.entityId), visibleEntities(principal)));
  if (!entity) throw notFound("entity");
  const scoring = await scoringOfEntity(db, entity.id);
  // Sums per direct child of the entity (null: members of the entity itself), in one indexed pass over users.
  const groups = await queryRows<{ child_id: number | null; members: number } & Record<CounterColumn, number>>(
    db,
    entityGroupsSql(entity.path, visibleUsers(principal)),
  );
  const overdueOf = await overdueByChild(db, entity.path);
  const children = await db
    .select({ id: entities.id, name: entities.name })
    .from(entities)
    .where(and(eq(entities.parentId, entity.id), visibleEntities(principal)))
    .orderBy(entities.name, entities.id);
  const group = (rows: typeof groups, overdueTasks: number): Group => {
    const members = rows.reduce((n, r) => n + r.members, 0);
    return { members, ...scoreCard(sumRows(rows), overdueTasks, scoring.weights, Math.max(1, members)) };
  };
  return {
    entity,
    ...scoringDto(scoring),
    aggregate: group(groups, [...overdueOf.values()].reduce((a, b) => a + b, 0)),
    own: group(groups.filter((g) => g.child_id === null), overdueOf.get(null) ?? 0),
    children: children.map((c) => ({
      entity_id: c.id,
      name: c.name,
      ...group(groups.filter((g) => g.child_id === c.id), overdueOf.get(c.id) ?? 0),
    })),
    formulas: SCORE_FORMULAS,
  };
}
