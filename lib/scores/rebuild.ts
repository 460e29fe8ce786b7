// Rebuilds user_scores from scratch with the counters' one definition, a batch of users per
// transaction, then re-evaluates their specializations. The running rollup must always equal what
// this writes (lib/scores/rollup.test.ts checks it after random activity); run it after restoring
// data by hand or after a change to a counter's definition (`npm run cli -- scores:rebuild`).
// No `import "server-only"`: the CLI and the seeds run this.
import { sql } from "drizzle-orm";
import { type Db, type DbOrTx, queryRows } from "../../db/client";
import { preparedSql } from "../../db/prepared";
import { evaluateSpecializations } from "../specializations/evaluate";
import { COUNTER_COLUMNS, scoreCountersSql } from "./counters";

/** Users per transaction: each holds one advisory lock per user until it commits. */
export const REBUILD_BATCH = 500;

export type RebuildSummary = { users: number; changed: number; unlocked: number };

/** Recomputes the counters of the given users (all when omitted) and writes the rows that differ. */
export async function rebuildScores(
  db: Db,
  options: { userIds?: readonly number[]; log?: (line: string) => void; emitEvents?: boolean } = {},
): Promise<RebuildSummary> {
  const summary: RebuildSummary = { users: 0, changed: 0, unlocked: 0 };
  let after = 0;
  for (;;) {
    const batch = options.userIds
      ? [...options.userIds].sort((a, b) => a - b).filter((id) => id > after).slice(0, REBUILD_BATCH)
      : (await queryRows<{ id: number }>(db, sql`select id from users where id > ${after} order by id limit ${REBUILD_BATCH}`)).map((r) => r.id);
    if (batch.length === 0) break;
    after = batch[batch.length - 1] ?? after;
    const result = await db.transaction(async (tx) => {
      const changed = await rebuildBatch(tx, batch);
      const standings = await evaluateSpecializations(tx, batch, { emitEvents: options.emitEvents });
      const unlocked = [...standings.values()].reduce((n, s) => n + s.levels.filter((l) => l.newly_unlocked).length, 0);
      return { changed, unlocked };
    });
    summary.users += batch.length;
    summary.changed += result.changed;
    summary.unlocked += result.unlocked;
    options.log?.(`scores: ${summary.users} users rebuilt, ${summary.changed} rows changed, ${summary.unlocked} levels unlocked`);
  }
  return summary;
}

/** Namespace of the transaction-level advisory locks that serialise writers of one user's scores. */
const SCORES_LOCK = 727_002;

/**
 * Serialises the writers of these users' scores until the transaction ends, in ascending id order.
 * A recount must not race a delta: without this, a recount read before a concurrent delta committed
 * would overwrite it. Row locks cannot do it alone, since a person's first row does not exist yet.
 */
export async function lockScores(tx: DbOrTx, userIds: readonly number[]): Promise<void> {
  const ids = [...new Set(userIds)].sort((a, b) => a - b);
  if (ids.length === 0) return;
  await preparedSql(tx, "scores_advisory_locks", () => sql`select pg_advisory_xact_lock(${SCORES_LOCK}, id) from unnest(${sql.placeholder("ids")}::int[]) as id`).execute({ ids });
}

/**
 * Writes the recomputed counters of these users; answers how many rows were created or changed.
 * Takes the users' score locks first, so the recount (a later statement) sees every delta committed before.
 */
export async function rebuildBatch(tx: DbOrTx, userIds: readonly number[]): Promise<number> {
  if (userIds.length === 0) return 0;
  await lockScores(tx, userIds);
  const ids = sql.join(userIds.map((id) => sql`${id}`), sql`, `);
  const columns = COUNTER_COLUMNS.join(", ");
  const rows = await queryRows<{ user_id: number }>(
    tx,
    sql`insert into user_scores (user_id, entity_id, ${sql.raw(columns)})
      select c.user_id, u.entity_id, ${sql.raw(COUNTER_COLUMNS.map((c) => `c.${c}`).join(", "))}
      from (${scoreCountersSql({ users: ids })}) c join users u on u.id = c.user_id
      order by c.user_id
      on conflict (user_id) do update set ${sql.raw(COUNTER_COLUMNS.map((c) => `${c} = excluded.${c}`).join(", "))},
        entity_id = excluded.entity_id, updated_at = now()
      where (${sql.raw(COUNTER_COLUMNS.map((c) => `user_scores.${c}`).join(", "))}, user_scores.entity_id)
        is distinct from (${sql.raw(COUNTER_COLUMNS.map((c) => `excluded.${c}`).join(", "))}, excluded.entity_id)
      returning user_id`,
  );
  return rows.length;
}
