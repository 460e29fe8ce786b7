// GET /api/scores/team?entity_id= and GET /api/scores/entities/:id as lib/scores/team.ts and read.ts
// run them: the same statements in the same order. The long ones come from the lib's own SQL builders
// (lib/scores/queries.ts, lib/auth/scope.ts: drizzle's sql template rendered to text, no ORM), so
// they cannot drift; the scores are the lib's pure formulas.
import { sql } from "drizzle-orm";
import type pg from "pg";
import type { ScoreWeights } from "../../db/schema";
import { visibleUsers } from "../../lib/auth/scope";
import type { Principal as AppPrincipal } from "../../lib/auth/principal";
import { COUNTER_COLUMNS, type CounterColumn, toScoreCounters } from "../../lib/scores/counters";
import { computeScores, DEFAULT_SCORE_WEIGHTS, SCORE_FORMULAS } from "../../lib/scores/formulas";
import { entityGroupsSql, inSubtree, membersSql, overdueByChildSql, overdueInSubtreeSql } from "../../lib/scores/queries";
import { HttpError, placeholders, type Principal, rows, runSql as run } from "./common";

const asApp = (p: Principal): AppPrincipal => ({ ...p, via: "token", scopes: ["read", "write"], tokenId: null });

type Scoring = { weights: ScoreWeights; weightsFrom: number | null; advancedThreshold: number };
/** lib/scores/weights.ts scoringOfEntities: every entity on the path, nearest first. */
async function scoringOf(db: pg.Pool, ids: number[]): Promise<Map<number, Scoring>> {
  const unique = [...new Set(ids)];
  const found = await rows<{ id: number; threshold: string; ancestor_id: number | null; weights: ScoreWeights | null }>(
    db,
    `select e.id, e.advanced_threshold as threshold, a.id as ancestor_id, a.score_weights as weights
        from entities e
        left join entities a on a.id = any (string_to_array(trim(both '/' from e.path), '/')::int[]) and a.score_weights is not null
        where e.id in (${placeholders(unique.length)})
        order by e.id, length(a.path) desc nulls last`,
    unique,
  );
  const result = new Map<number, Scoring>();
  for (const row of found) {
    if (result.get(row.id)?.weightsFrom != null) continue;
    const weights = row.ancestor_id === null ? null : row.weights;
    result.set(row.id, { weights: weights ?? DEFAULT_SCORE_WEIGHTS, weightsFrom: weights ? row.ancestor_id : null, advancedThreshold: Number(row.threshold) });
  }
  return result;
}

type Counters = Record<CounterColumn, number>;
type Member = { id: number; name: string; entity_id: number; manager_id: number | null; is_active: boolean } & Counters;

function sumRows(list: Partial<Counters>[]): Counters {
  const sum = Object.fromEntries(COUNTER_COLUMNS.map((c) => [c, 0])) as Counters;
  for (const row of list) for (const c of COUNTER_COLUMNS) sum[c] += row[c] ?? 0;
  for (const c of COUNTER_COLUMNS) if (c.endsWith("minutes")) sum[c] = Math.round(sum[c] * 100) / 100;
  return sum;
}

function scoreCard(row: Partial<Counters>, overdue: number, weights: ScoreWeights, members = 1) {
  const counters = Object.fromEntries(COUNTER_COLUMNS.map((c) => [c, row[c] ?? 0]));
  return { counters: { ...counters, overdue_tasks: overdue }, scores: computeScores(toScoreCounters(row), weights, members) };
}

const scoringDto = (s: Scoring) => ({ weights: s.weights, weights_from_entity_id: s.weightsFrom, advanced_threshold: s.advancedThreshold });

async function overdueInSubtree(db: pg.Pool, path: string): Promise<Map<number, number>> {
  const found = await run<{ user_id: number; n: number }>(db, overdueInSubtreeSql(path, new Date()));
  return new Map(found.map((r) => [r.user_id, r.n]));
}

/** The team dashboard for an entity team (lib/scores/team.ts with entity_id). */
export async function teamScores(db: pg.Pool, principal: Principal, query: URLSearchParams): Promise<[number, unknown]> {
  if (principal.role === "employee") throw new HttpError(404, "team not found");
  const entityId = Number(query.get("entity_id"));
  const limit = Number(query.get("limit") ?? 100);
  const [entity] = await rows<{ id: number; name: string; path: string }>(
    db,
    `select "id", "name", "path" from "entities" where ("entities"."id" = $1 and "entities"."path" like $2)`,
    [entityId, `${principal.entityPath}%`],
  );
  if (!entity) throw new HttpError(404, "entity not found");
  const members = await run<Member>(
    db,
    membersSql(sql`users.entity_id in (select e.id from entities e where ${inSubtree(sql`e.path`, entity.path)}) and users.is_active and ${visibleUsers(asApp(principal))}`),
  );
  const overdue = await overdueInSubtree(db, entity.path);
  const scoring = (await scoringOf(db, [entity.id])).get(entity.id);
  if (!scoring) throw new Error(`entity ${entity.id} does not exist`);
  const memberScoring = await scoringOf(db, members.map((m) => m.entity_id));
  const items = members.map((m) => ({
    user: { id: m.id, name: m.name, entity_id: m.entity_id, manager_id: m.manager_id },
    ...scoreCard(m, overdue.get(m.id) ?? 0, (memberScoring.get(m.entity_id) ?? scoring).weights),
  }));
  items.sort((a, b) => a.user.name.localeCompare(b.user.name) || a.user.id - b.user.id);
  const totalOverdue = items.reduce((n, r) => n + r.counters.overdue_tasks, 0);
  return [
    200,
    {
      team: { kind: "entity", entity },
      ...scoringDto(scoring),
      aggregate: { members: members.length, ...scoreCard(sumRows(members), totalOverdue, scoring.weights, Math.max(1, members.length)) },
      members: { total: items.length, limit, offset: 0, sort: "name", order: "asc", items: items.slice(0, limit) },
      formulas: SCORE_FORMULAS,
    },
  ];
}

/** The entity-wide dashboard (lib/scores/read.ts getEntityScores). */
export async function entityScores(db: pg.Pool, principal: Principal, entityId: number): Promise<[number, unknown]> {
  if (principal.role === "employee") throw new HttpError(404, "entity not found");
  const visible = `${principal.entityPath}%`;
  const [entity] = await rows<{ id: number; name: string; path: string }>(
    db,
    `select "id", "name", "path" from "entities" where ("entities"."id" = $1 and "entities"."path" like $2)`,
    [entityId, visible],
  );
  if (!entity) throw new HttpError(404, "entity not found");
  const scoring = (await scoringOf(db, [entity.id])).get(entity.id);
  if (!scoring) throw new Error(`entity ${entity.id} does not exist`);
  const groups = await run<{ child_id: number | null; members: number } & Counters>(db, entityGroupsSql(entity.path, visibleUsers(asApp(principal))));
  const overdueRows = await run<{ child_id: number | null; n: number }>(db, overdueByChildSql(entity.path, new Date()));
  const overdueOf = new Map(overdueRows.map((r) => [r.child_id, r.n]));
  const children = await rows<{ id: number; name: string }>(
    db,
    `select "id", "name" from "entities" where ("entities"."parent_id" = $1 and "entities"."path" like $2) order by "entities"."name", "entities"."id"`,
    [entity.id, visible],
  );
  const group = (list: typeof groups, overdueTasks: number) => {
    const members = list.reduce((n, r) => n + r.members, 0);
    return { members, ...scoreCard(sumRows(list), overdueTasks, scoring.weights, Math.max(1, members)) };
  };
  return [
    200,
    {
      entity,
      ...scoringDto(scoring),
      aggregate: group(groups, [...overdueOf.values()].reduce((a, b) => a + b, 0)),
      own: group(groups.filter((g) => g.child_id === null), overdueOf.get(null) ?? 0),
      children: children.map((c) => ({ entity_id: c.id, name: c.name, ...group(groups.filter((g) => g.child_id === c.id), overdueOf.get(c.id) ?? 0) })),
      formulas: SCORE_FORMULAS,
    },
  ];
}
