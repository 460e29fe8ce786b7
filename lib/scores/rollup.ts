// Keeps user_scores current inside the transaction of each change that moves a counter: the
// change's contribution (counters.ts, the one definition) is read before and after, and only the
// difference is added — never a recount of a user's tasks. A user's scores are locked (an advisory
// lock per user, then the row) last in a transaction and in ascending user id order, after the
// task → checklist → milestone → project locks, so two transactions cannot wait on each other through them.
// No `import "server-only"`: the seed CLI instantiates programs through this.
import { type SQL, sql } from "drizzle-orm";
import type { DbOrTx } from "../../db/client";
import { preparedSql } from "../../db/prepared";
import type { TaskResult } from "../../db/schema";
import { evaluateSpecializations } from "../specializations/evaluate";
import { COUNTER_COLUMNS, type CounterColumn, type CounterRow, projectCountersSql, resultCountersSql, taskCountersSql } from "./counters";
import { lockScores, rebuildBatch } from "./rebuild";

export type CounterDelta = Record<CounterColumn, number>;
/** Per user, what to add to each counter. */
export type Deltas = Map<number, CounterDelta>;

const zero = (): CounterDelta => Object.fromEntries(COUNTER_COLUMNS.map((c) => [c, 0])) as CounterDelta;
// Minutes carry two decimals; float differences are rounded back to them.
const cents = (value: number) => Math.round(value * 100) / 100;

/** What the given tasks, projects and results contribute to each user's counters right now. */
export async function contributionsOf(
  tx: DbOrTx,
  of: { taskIds?: readonly number[]; projectIds?: readonly number[]; resultIds?: readonly number[] },
): Promise<Deltas> {
  // Run on every change that moves a counter: one prepared statement per kind (db/prepared.ts).
  const ids = sql.placeholder("ids");
  const queries: [string, () => SQL, readonly number[]][] = [];
  if (of.taskIds?.length) queries.push(["scores_task_contribution", () => taskCountersSql(sql`ta.task_id = any(${ids})`), of.taskIds]);
  if (of.projectIds?.length) queries.push(["scores_project_contribution", () => projectCountersSql(sql`p.id = any(${ids})`), of.projectIds]);
  if (of.resultIds?.length) queries.push(["scores_result_contribution", () => resultCountersSql(sql`tr.id = any(${ids})`), of.resultIds]);
  const total: Deltas = new Map();
  for (const [name, query, values] of queries) {
    for (const row of await preparedSql<Partial<CounterRow> & { user_id: number }>(tx, name, query).execute({ ids: values })) {
      const sum = total.get(row.user_id) ?? zero();
      for (const column of COUNTER_COLUMNS) sum[column] += row[column] ?? 0;
      total.set(row.user_id, sum);
    }
  }
  return total;
}

/** after − before, per user, dropping users whose counters did not move. */
export function differenceOf(after: Deltas, before: Deltas, sign: 1 | -1 = 1): Deltas {
  const result: Deltas = new Map();
  for (const userId of new Set([...after.keys(), ...before.keys()])) {
    const delta = zero();
    let moved = false;
    for (const column of COUNTER_COLUMNS) {
      delta[column] = sign * cents((after.get(userId)?.[column] ?? 0) - (before.get(userId)?.[column] ?? 0));
      if (delta[column] !== 0) moved = true;
    }
    if (moved) result.set(userId, delta);
  }
  return result;
}

/**
 * Adds the deltas to user_scores in one statement whose rows are taken in ascending user id order.
 * Only rows that exist are added to; answers the ids of the users whose counters moved.
 */
export async function applyScoreDeltas(tx: DbOrTx, deltas: Deltas): Promise<number[]> {
  const userIds = [...deltas.keys()].sort((a, b) => a - b);
  if (userIds.length === 0) return [];
  // One array per column (user ids, then each counter's deltas in the same order): the statement's
  // text is the same for any number of users, so it is prepared (db/prepared.ts).
  const values: Record<string, unknown> = { user_id: userIds };
  for (const c of COUNTER_COLUMNS) values[c] = userIds.map((id) => (deltas.get(id) ?? zero())[c]);
  await preparedSql(tx, "scores_add_deltas", () => {
    const arrays = sql.join([sql`${sql.placeholder("user_id")}::int[]`, ...COUNTER_COLUMNS.map((c) => sql`${sql.placeholder(c)}::numeric[]`)], sql`, `);
    return sql`update user_scores s set
      ${sql.raw(COUNTER_COLUMNS.map((c) => `${c} = s.${c} + d.${c}`).join(",\n      "))},
      updated_at = now()
    from (select * from unnest(${arrays}) as v(user_id, ${sql.raw(COUNTER_COLUMNS.join(", "))}) order by user_id) as d
    where s.user_id = d.user_id`;
  }).execute(values);
  return userIds;
}

/**
 * A person whose row does not exist yet (their first counted change, or work that predates the
 * rollup) gets it from one recount, read in the same transaction: once per person, never per request.
 * `when` says whether the recount already sees the change (after it) or not (before a delete).
 */
async function settle(tx: DbOrTx, deltas: Deltas, when: "after" | "before"): Promise<void> {
  if (deltas.size === 0) return;
  const userIds = [...deltas.keys()].sort((a, b) => a - b);
  await lockScores(tx, userIds);
  const existing = new Set(
    (
      await preparedSql<{ user_id: number }>(tx, "scores_lock_rows", () => sql`select user_id from user_scores where user_id = any(${sql.placeholder("ids")}) order by user_id for update`).execute({
        ids: userIds,
      })
    ).map((r) => r.user_id),
  );
  const missing = userIds.filter((id) => !existing.has(id));
  if (missing.length) await rebuildBatch(tx, missing);
  const toAdd: Deltas = new Map([...deltas].filter(([id]) => when === "before" || existing.has(id)));
  await applyScoreDeltas(tx, toAdd);
  await evaluateSpecializations(tx, userIds);
}

/** New tasks with their assignees (a program started, a template assigned, a request granted). */
export async function recordTasksCreated(tx: DbOrTx, taskIds: readonly number[]): Promise<void> {
  if (taskIds.length === 0) return;
  await settle(tx, await contributionsOf(tx, { taskIds }), "after");
}

/** Tasks about to be deleted: their contribution leaves the counters first. */
export async function recordTasksRemoved(tx: DbOrTx, taskIds: readonly number[]): Promise<void> {
  if (taskIds.length === 0) return;
  await settle(tx, differenceOf(new Map(), await contributionsOf(tx, { taskIds })), "before");
}

/**
 * Watches a task (and the project it may complete) across a change: read its contribution now, and
 * settle() adds what the change moved. The reads take no locks, so they may run before the cascade.
 * The counters read only final states (done, cancelled, completed) and a final state never moves
 * again, so a move to a non-final state (`final` false) moves no counter and reads nothing.
 */
export async function watchScores(tx: DbOrTx, task: { id: number; projectId: number | null }, final = true): Promise<{ settle: () => Promise<void> }> {
  if (!final) return { settle: () => Promise.resolve() };
  const of = { taskIds: [task.id], projectIds: task.projectId === null ? [] : [task.projectId] };
  const before = await contributionsOf(tx, of);
  return { settle: async () => settle(tx, differenceOf(await contributionsOf(tx, of), before), "after") };
}

/**
 * Called right after a task_results row is inserted: its quiz and technical counters join the
 * user's, and the user's specializations are re-evaluated. The result's task, milestone and project
 * are locked first, in the cascade's order, because the exam's completion that usually follows
 * locks them too and user_scores must come last.
 */
export async function recordResultInScores(tx: DbOrTx, result: TaskResult): Promise<void> {
  if (result.userId === null) return;
  if (result.taskId !== null) {
    const task = { id: result.taskId };
    const id = sql.placeholder("id");
    await preparedSql(tx, "result_lock_task", () => sql`select 1 from tasks where id = ${id} for update`).execute(task);
    await preparedSql(tx, "result_lock_milestone", () => sql`select 1 from milestones where id = (select milestone_id from tasks where id = ${id}) for update`).execute(task);
    await preparedSql(tx, "result_lock_project", () => sql`select 1 from projects where id = (select project_id from tasks where id = ${id}) for update`).execute(task);
  }
  await settle(tx, await contributionsOf(tx, { resultIds: [result.id] }), "after");
}
