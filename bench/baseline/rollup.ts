// The score rollup inside a write transaction, as lib/scores/rollup.ts, rebuild.ts and
// lib/specializations/evaluate.ts run it: contributions read before and after the change, the
// difference added to user_scores under the per-user advisory lock (a recount for a person without
// a row), then the specialization levels re-evaluated. The counter statements are the lib's builders.
import { type SQL, sql } from "drizzle-orm";
import { SPECIALIZATION_LEVELS } from "../../db/schema/metrics";
import { COUNTER_COLUMNS, type CounterColumn, projectCountersSql, resultCountersSql, scoreCountersSql, taskCountersSql, toScoreCounters } from "../../lib/scores/counters";
import { computeScores, DEFAULT_SCORE_WEIGHTS } from "../../lib/scores/formulas";
import { evidenceSql } from "../../lib/specializations/evaluate";
import { LEVEL_RULES, requirementsOf } from "../../lib/specializations/rules";
import { namedRows, namedSql, type Queryable, rows, runSql } from "./common";

type Delta = Record<CounterColumn, number>;
export type Deltas = Map<number, Delta>;
const zero = (): Delta => Object.fromEntries(COUNTER_COLUMNS.map((c) => [c, 0])) as Delta;
const idList = (ids: readonly number[]) => sql.join(ids.map((id) => sql`${id}`), sql`, `);
const cents = (value: number) => Math.round(value * 100) / 100;

export async function contributionsOf(tx: Queryable, of: { taskIds?: number[]; projectIds?: number[]; resultIds?: number[] }): Promise<Deltas> {
  const ids = sql.placeholder("ids");
  const queries: [string, () => SQL, number[]][] = [];
  if (of.taskIds?.length) queries.push(["scores_task_contribution", () => taskCountersSql(sql`ta.task_id = any(${ids})`), of.taskIds]);
  if (of.projectIds?.length) queries.push(["scores_project_contribution", () => projectCountersSql(sql`p.id = any(${ids})`), of.projectIds]);
  if (of.resultIds?.length) queries.push(["scores_result_contribution", () => resultCountersSql(sql`tr.id = any(${ids})`), of.resultIds]);
  const total: Deltas = new Map();
  for (const [name, query, values] of queries) {
    for (const row of await namedSql<Partial<Delta> & { user_id: number }>(tx, name, query, { ids: values })) {
      const sum = total.get(row.user_id) ?? zero();
      for (const c of COUNTER_COLUMNS) sum[c] += row[c] ?? 0;
      total.set(row.user_id, sum);
    }
  }
  return total;
}

export function differenceOf(after: Deltas, before: Deltas): Deltas {
  const result: Deltas = new Map();
  for (const userId of new Set([...after.keys(), ...before.keys()])) {
    const delta = zero();
    let moved = false;
    for (const c of COUNTER_COLUMNS) {
      delta[c] = cents((after.get(userId)?.[c] ?? 0) - (before.get(userId)?.[c] ?? 0));
      if (delta[c] !== 0) moved = true;
    }
    if (moved) result.set(userId, delta);
  }
  return result;
}

async function lockScores(tx: Queryable, userIds: number[]): Promise<void> {
  const ids = [...new Set(userIds)].sort((a, b) => a - b);
  if (ids.length) await tx.query({ name: "scores_advisory_locks", text: `select pg_advisory_xact_lock($1, id) from unnest($2::int[]) as id`, values: [727_002, ids] });
}

async function rebuildBatch(tx: Queryable, userIds: number[]): Promise<void> {
  await lockScores(tx, userIds);
  const columns = COUNTER_COLUMNS.join(", ");
  await runSql(
    tx,
    sql`insert into user_scores (user_id, entity_id, ${sql.raw(columns)})
      select c.user_id, u.entity_id, ${sql.raw(COUNTER_COLUMNS.map((c) => `c.${c}`).join(", "))}
      from (${scoreCountersSql({ users: idList(userIds) })}) c join users u on u.id = c.user_id
      order by c.user_id
      on conflict (user_id) do update set ${sql.raw(COUNTER_COLUMNS.map((c) => `${c} = excluded.${c}`).join(", "))},
        entity_id = excluded.entity_id, updated_at = now()
      where (${sql.raw(COUNTER_COLUMNS.map((c) => `user_scores.${c}`).join(", "))}, user_scores.entity_id)
        is distinct from (${sql.raw(COUNTER_COLUMNS.map((c) => `excluded.${c}`).join(", "))}, excluded.entity_id)
      returning user_id`,
  );
}

async function applyScoreDeltas(tx: Queryable, deltas: Deltas): Promise<void> {
  const userIds = [...deltas.keys()].sort((a, b) => a - b);
  if (userIds.length === 0) return;
  const values: Record<string, unknown> = { user_id: userIds };
  for (const c of COUNTER_COLUMNS) values[c] = userIds.map((id) => (deltas.get(id) ?? zero())[c]);
  await namedSql(
    tx,
    "scores_add_deltas",
    () => {
      const arrays = sql.join([sql`${sql.placeholder("user_id")}::int[]`, ...COUNTER_COLUMNS.map((c) => sql`${sql.placeholder(c)}::numeric[]`)], sql`, `);
      return sql`update user_scores s set
      ${sql.raw(COUNTER_COLUMNS.map((c) => `${c} = s.${c} + d.${c}`).join(",\n      "))},
      updated_at = now()
    from (select * from unnest(${arrays}) as v(user_id, ${sql.raw(COUNTER_COLUMNS.join(", "))}) order by user_id) as d
    where s.user_id = d.user_id`;
    },
    values,
  );
}

/** lib/specializations/evaluate.ts: standings read, due levels unlocked with their evidence and events. */
export async function evaluateSpecializations(tx: Queryable, userIds: number[]): Promise<void> {
  const ids = [...new Set(userIds)].sort((a, b) => a - b);
  const people = await namedRows<{ id: number; entity_id: number; profession_id: number | null } & Record<CounterColumn, number | string | null>>(
    tx,
    "specialization_people",
    `select u.id, u.entity_id, u.profession_id, s.assigned_tasks, s.completed_tasks, s.helped_tasks, s.actual_minutes, s.expected_minutes,
          s.correct_answers, s.total_questions, s.rating_sum, s.rating_count, s.completed_projects, s.passed_milestone_tests
        from users u left join user_scores s on s.user_id = u.id where u.id = any($1) order by u.id`,
    [ids],
  );
  const professionIds = [...new Set(people.flatMap((p) => (p.profession_id === null ? [] : [p.profession_id])))];
  const levels = professionIds.length
    ? await namedRows<{ id: number; profession_id: number; level: string; name: string }>(tx, "specialization_levels", `select id, profession_id, level, name from specializations where profession_id = any($1)`, [
        professionIds,
      ])
    : [];
  const unlocked = await namedRows<{ user_id: number; specialization_id: number }>(
    tx,
    "specialization_unlocked",
    `select user_id, specialization_id, unlocked_at, evidence, notes from user_specializations where user_id = any($1)`,
    [ids],
  );
  const entityIds = [...new Set(people.map((p) => p.entity_id))];
  const scoring = await namedRows<{ id: number; threshold: string }>(
    tx,
    "entity_scoring",
    `select e.id, e.advanced_threshold as threshold, a.id as ancestor_id, a.score_weights as weights
        from entities e
        left join entities a on a.id = any (string_to_array(trim(both '/' from e.path), '/')::int[]) and a.score_weights is not null
        where e.id = any($1)
        order by e.id, length(a.path) desc nulls last`,
    [entityIds],
  );
  const due: { userId: number; entityId: number; specializationId: number; level: string; facts: Record<string, unknown> }[] = [];
  for (const person of people) {
    const threshold = Number(scoring.find((s) => s.id === person.entity_id)?.threshold ?? 1);
    const facts = {
      completedProjects: Number(person.completed_projects ?? 0),
      passedMilestoneTests: Number(person.passed_milestone_tests ?? 0),
      progress: computeScores(toScoreCounters(person), DEFAULT_SCORE_WEIGHTS).progress,
      advancedThreshold: threshold,
    };
    for (const level of SPECIALIZATION_LEVELS) {
      const row = levels.find((l) => l.profession_id === person.profession_id && l.level === level);
      if (!row || unlocked.some((u) => u.user_id === person.id && u.specialization_id === row.id)) continue;
      if (!requirementsOf(level, facts).every((r) => r.met)) continue;
      due.push({ userId: person.id, entityId: person.entity_id, specializationId: row.id, level, facts: { completed_projects: facts.completedProjects, passed_milestone_tests: facts.passedMilestoneTests, progress: facts.progress, advanced_threshold: threshold } });
    }
  }
  if (due.length === 0) return;
  const evidence = new Map(
    (await runSql<{ user_id: number; project_ids: number[] | null; test_ids: number[] | null }>(tx, evidenceSql([...new Set(due.map((d) => d.userId))]))).map((r) => [
      r.user_id,
      { completed_project_ids: r.project_ids ?? [], milestone_test_task_ids: r.test_ids ?? [] },
    ]),
  );
  const values: unknown[] = [];
  const tuples = due.map((d) => {
    values.push(d.userId, d.specializationId, JSON.stringify({ rule: LEVEL_RULES[d.level as keyof typeof LEVEL_RULES], level: d.level, ...evidence.get(d.userId), ...d.facts }), null);
    const n = values.length;
    return `($${n - 3}, $${n - 2}, $${n - 1}::jsonb, $${n})`;
  });
  const inserted = await rows<{ user_id: number; specialization_id: number }>(
    tx,
    `insert into user_specializations (user_id, specialization_id, evidence, notes) values ${tuples.join(", ")} on conflict (user_id, specialization_id) do nothing returning user_id, specialization_id, unlocked_at`,
    values,
  );
  const events = inserted.flatMap((row) => {
    const d = due.find((x) => x.userId === row.user_id && x.specializationId === row.specialization_id);
    return d ? [{ type: "specialization.unlocked", entityId: d.entityId, userId: d.userId, projectId: null, actorId: null, payload: { user_id: d.userId, specialization_id: d.specializationId, level: d.level } }] : [];
  });
  await insertEvents(tx, events);
}

export type OutboxEvent = { type: string; entityId: number | null; userId: number | null; projectId: number | null; actorId: number | null; payload: Record<string, unknown> };

const EVENT_INSERT = `insert into "events" ("id", "type", "entity_id", "user_id", "project_id", "actor_id", "payload", "tx_id", "created_at") values (default, $1, $2, $3, $4, $5, $6, default, default)`;

/** lib/realtime/outbox.ts emitEvents: one event by its prepared statement, several in one multi-row insert. */
export async function insertEvents(tx: Queryable, events: OutboxEvent[]): Promise<void> {
  if (events.length === 0) return;
  const [only] = events;
  if (events.length === 1 && only) {
    await tx.query({ name: "event_insert", text: EVENT_INSERT, values: [only.type, only.entityId, only.userId, only.projectId, only.actorId, JSON.stringify(only.payload)] });
    return;
  }
  const values: unknown[] = [];
  const tuples = events.map((e) => {
    values.push(e.type, e.entityId, e.userId, e.projectId, e.actorId, JSON.stringify(e.payload));
    const n = values.length;
    return `(default, $${n - 5}, $${n - 4}, $${n - 3}, $${n - 2}, $${n - 1}, $${n}, default, default)`;
  });
  await tx.query(`insert into "events" ("id", "type", "entity_id", "user_id", "project_id", "actor_id", "payload", "tx_id", "created_at") values ${tuples.join(", ")}`, values);
}

/** rollup.ts settle(): lock, find the rows, recount the missing people, add the rest, re-evaluate. */
export async function settle(tx: Queryable, deltas: Deltas): Promise<void> {
  if (deltas.size === 0) return;
  const userIds = [...deltas.keys()].sort((a, b) => a - b);
  await lockScores(tx, userIds);
  const existing = new Set(
    (await namedRows<{ user_id: number }>(tx, "scores_lock_rows", `select user_id from user_scores where user_id = any($1) order by user_id for update`, [userIds])).map((r) => r.user_id),
  );
  const missing = userIds.filter((id) => !existing.has(id));
  if (missing.length) await rebuildBatch(tx, missing);
  await applyScoreDeltas(tx, new Map([...deltas].filter(([id]) => existing.has(id))));
  await evaluateSpecializations(tx, userIds);
}
