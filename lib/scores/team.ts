// A team's scores: a manager's direct reports, or everyone in an entity subtree — one row per
// active member (sortable, paged) plus the team's aggregate, a ratio of the summed counters.
import "server-only";
import { and, eq, sql } from "drizzle-orm";
import type { DbOrTx } from "../../db/client";
import { entities, users } from "../../db/schema";
import { notFound } from "../api/errors";
import { authorize } from "../api/handler";
import type { Principal } from "../auth/principal";
import { visibleEntities, visibleUsers } from "../auth/scope";
import { type Formulas, SCORE_FORMULAS, type ScoreCardDto, scoreCard, type ScoringDto, scoringDto, selectMembers, sumRows } from "./dto";
import type { Scores } from "./formulas";
import { overdueInSubtree, overdueOfUsers } from "./overdue";
import { inSubtree } from "./queries";
import type { TeamScoresQuery, TeamSortKey } from "./validators";
import { scoringOfEntities, scoringOfEntity } from "./weights";

export type TeamMemberDto = ScoreCardDto & { user: { id: number; name: string; entity_id: number; manager_id: number | null } };
export type TeamScoresDto = ScoringDto & {
  team: { kind: "manager"; manager: { id: number; name: string } } | { kind: "entity"; entity: { id: number; name: string; path: string } };
  aggregate: ScoreCardDto & { members: number };
  members: { total: number; limit: number; offset: number; sort: TeamSortKey; order: "asc" | "desc"; items: TeamMemberDto[] };
  formulas: Formulas;
};

export async function getTeamScores(db: DbOrTx, principal: Principal, query: TeamScoresQuery): Promise<TeamScoresDto> {
  if (principal.role === "employee") throw notFound("team");
  authorize(principal, "scores:read");
  const team = query.entity_id !== undefined ? await entityTeam(db, principal, query.entity_id) : await managerTeam(db, principal, query.manager_id ?? principal.userId);

  const members = await selectMembers(db, sql`${team.members} and users.is_active and ${visibleUsers(principal)}`);
  const overdue = team.overdue ? await team.overdue() : await overdueOfUsers(db, members.map((m) => m.id));
  const scoring = await scoringOfEntity(db, team.entityId);
  const memberScoring = await scoringOfEntities(db, members.map((m) => m.entity_id));
  const rows: TeamMemberDto[] = members.map((m) => ({
    user: { id: m.id, name: m.name, entity_id: m.entity_id, manager_id: m.manager_id },
    ...scoreCard(m, overdue.get(m.id) ?? 0, (memberScoring.get(m.entity_id) ?? scoring).weights),
  }));
  const order = query.order ?? (query.sort === "name" ? "asc" : "desc");
  rows.sort(compareBy(query.sort, order));
  const totalOverdue = rows.reduce((n, r) => n + r.counters.overdue_tasks, 0);
  return {
    team: team.describe,
    ...scoringDto(scoring),
    aggregate: { members: members.length, ...scoreCard(sumRows(members), totalOverdue, scoring.weights, Math.max(1, members.length)) },
    members: { total: rows.length, limit: query.limit, offset: query.offset, sort: query.sort, order, items: rows.slice(query.offset, query.offset + query.limit) },
    formulas: SCORE_FORMULAS,
  };
}

type Team = {
  describe: TeamScoresDto["team"];
  /** Condition on users (unaliased) selecting the members. */
  members: ReturnType<typeof sql>;
  /** The entity whose weights blend the aggregate. */
  entityId: number;
  /** Overdue counts for an entity team come from the subtree's open work; a manager's team reads per person. */
  overdue?: () => Promise<Map<number, number>>;
};

async function managerTeam(db: DbOrTx, principal: Principal, managerId: number): Promise<Team> {
  const [manager] = await db
    .select({ id: users.id, name: users.name, entityId: users.entityId })
    .from(users)
    .where(and(eq(users.id, managerId), visibleUsers(principal)));
  if (!manager) throw notFound("manager");
  return { describe: { kind: "manager", manager: { id: manager.id, name: manager.name } }, members: sql`users.manager_id = ${manager.id}`, entityId: manager.entityId };
}

async function entityTeam(db: DbOrTx, principal: Principal, entityId: number): Promise<Team> {
  const [entity] = await db
    .select({ id: entities.id, name: entities.name, path: entities.path })
    .from(entities)
    .where(and(eq(entities.id, entityId), visibleEntities(principal)));
  if (!entity) throw notFound("entity");
  return {
    describe: { kind: "entity", entity },
    members: sql`users.entity_id in (select e.id from entities e where ${inSubtree(sql`e.path`, entity.path)})`,
    entityId: entity.id,
    overdue: () => overdueInSubtree(db, entity.path),
  };
}

const SCORE_KEYS = new Set<string>(["completion", "help", "timing", "quality", "technical", "progress"]);

/** Sorted by the key, nulls (no evidence yet) last in either order, then by name and id. */
function compareBy(key: TeamSortKey, order: "asc" | "desc") {
  const valueOf = (row: TeamMemberDto): number | string | null =>
    key === "name" ? row.user.name : SCORE_KEYS.has(key) ? row.scores[key as keyof Scores] : row.counters[key as "assigned_tasks" | "completed_tasks" | "overdue_tasks"];
  const sign = order === "asc" ? 1 : -1;
  return (a: TeamMemberDto, b: TeamMemberDto): number => {
    const x = valueOf(a);
    const y = valueOf(b);
    if (x !== y) {
      if (x === null) return 1;
      if (y === null) return -1;
      const cmp = typeof x === "string" && typeof y === "string" ? x.localeCompare(y) : Number(x) - Number(y);
      if (cmp !== 0) return sign * cmp;
    }
    return a.user.name.localeCompare(b.user.name) || a.user.id - b.user.id;
  };
}
