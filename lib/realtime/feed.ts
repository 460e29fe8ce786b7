// Reading the events outbox in an order no later commit can break. Event ids are drawn before
// commit, so id 11 may commit before id 10; reading "id > last" would then skip 10 for good.
// Each event carries its transaction id: readers go in (tx_id, id) order and stop below the
// oldest transaction still running, so every event behind a reader's cursor is final.
// Used by the custom server outside Next, so no "server-only" guard here.
import { type SQL, sql } from "drizzle-orm";
import { type DbOrTx, queryRows } from "../../db/client";

/** A position in the feed: events are read strictly after it. */
export type FeedCursor = { txId: number; id: number };

export const FEED_START: FeedCursor = { txId: 0, id: 0 };

export type FeedEvent = {
  id: number;
  txId: number;
  type: string;
  entityId: number | null;
  userId: number | null;
  projectId: number | null;
  actorId: number | null;
  payload: Record<string, unknown>;
  createdAt: string;
};

type EventRow = {
  id: string | number;
  tx_id: string | number;
  type: string;
  entity_id: number | null;
  user_id: number | null;
  project_id: number | null;
  actor_id: number | null;
  payload: Record<string, unknown>;
  created_at: string | Date;
};

const toEvent = (r: EventRow): FeedEvent => ({
  id: Number(r.id),
  txId: Number(r.tx_id),
  type: r.type,
  entityId: r.entity_id,
  userId: r.user_id,
  projectId: r.project_id,
  actorId: r.actor_id,
  payload: r.payload,
  createdAt: r.created_at instanceof Date ? r.created_at.toISOString() : new Date(r.created_at).toISOString(),
});

export const cursorOf = (e: Pick<FeedEvent, "txId" | "id">): FeedCursor => ({ txId: e.txId, id: e.id });

/** Whether a comes after b in feed order. */
export const isAfter = (a: FeedCursor, b: FeedCursor): boolean => a.txId > b.txId || (a.txId === b.txId && a.id > b.id);

/**
 * Events of transactions below this id are all visible or gone. It is the oldest transaction the
 * query's own snapshot still sees running, leaving out those running in other databases of the
 * cluster (they cannot write our events, and must not stall delivery). A transaction that ended
 * after the snapshot is no longer in pg_stat_activity and so still counts: the safe direction.
 */
const SETTLED_BELOW = sql`coalesce(
  (select min(x::text::bigint) from pg_snapshot_xip(pg_current_snapshot()) x where not exists (
    select 1 from pg_stat_activity a where a.datname is distinct from current_database() and a.backend_xid is not null
      and a.backend_xid::text::bigint = (x::text::bigint & 4294967295))),
  pg_snapshot_xmax(pg_current_snapshot())::text::bigint)`;

/** The newest settled position: where a reader that wants only new events starts. */
export async function feedHead(db: DbOrTx): Promise<FeedCursor> {
  const [row] = await queryRows<{ tx_id: string | number; id: string | number }>(
    db,
    sql`select tx_id, id from events where tx_id < ${SETTLED_BELOW} order by tx_id desc, id desc limit 1`,
  );
  return row ? { txId: Number(row.tx_id), id: Number(row.id) } : FEED_START;
}

export type FeedPage = {
  events: FeedEvent[];
  /** Newer events exist but wait for an older transaction to end; read again shortly. */
  heldBack: boolean;
};

/**
 * Settled events after `after` (and not after `until`), in feed order. `where` narrows the rows in
 * SQL (a reconnecting client's topics), so a catch-up reads only what it may deliver.
 */
export async function readFeed(db: DbOrTx, after: FeedCursor, options: { limit: number; until?: FeedCursor; where?: SQL }): Promise<FeedPage> {
  const rows = await queryRows<EventRow & { settled_below: string | number }>(
    db,
    sql`select e.id, e.tx_id, e.type, e.entity_id, e.user_id, e.project_id, e.actor_id, e.payload, e.created_at
        from events e
        where (e.tx_id, e.id) > (${after.txId}::bigint, ${after.id}::bigint)
          and e.tx_id < ${SETTLED_BELOW}
          ${options.until ? sql`and (e.tx_id, e.id) <= (${options.until.txId}::bigint, ${options.until.id}::bigint)` : sql``}
          ${options.where ? sql`and (${options.where})` : sql``}
        order by e.tx_id, e.id
        limit ${options.limit}`,
  );
  const events = rows.map(toEvent);
  let heldBack = false;
  if (events.length < options.limit && !options.until) {
    const [pending] = await queryRows<{ pending: boolean }>(
      db,
      // The newest transaction id by the (tx_id, id) index: an EXISTS over "tx_id >= bound" was
      // planned as a scan of the whole outbox (7 ms at 15k events) on every wake-up.
      sql`select coalesce((select tx_id from events order by tx_id desc limit 1) >= ${SETTLED_BELOW}, false) as pending`,
    );
    heldBack = pending?.pending ?? false;
  }
  return { events, heldBack };
}

/** Where the event a client saw last sits in the feed; null when it is no longer kept (or never was). */
export async function cursorOfEventId(db: DbOrTx, id: number): Promise<FeedCursor | null> {
  const [row] = await queryRows<{ tx_id: string | number }>(db, sql`select tx_id from events where id = ${id}`);
  return row ? { txId: Number(row.tx_id), id } : null;
}

/** Drops delivered events past the retention window; a client whose last event is gone reloads. */
export async function purgeEvents(db: DbOrTx, olderThan: Date): Promise<number> {
  const [row] = await queryRows<{ purged: number }>(
    db,
    sql`with gone as (delete from events where created_at < ${olderThan.toISOString()}::timestamptz returning 1) select count(*)::int as purged from gone`,
  );
  return row?.purged ?? 0;
}
