// Who is acting, for the audit triggers: transaction-local settings that groundwork_audit() reads
// (db/migrations/0002_audit_triggers.sql), so every row a transaction changes names its actor.
// No `import "server-only"`: CLI scripts (seed, audit:verify) run outside Next.js and import this too.
import { sql } from "drizzle-orm";
import type { Db, DbOrTx, Tx } from "../../db/client";
import { preparedSql } from "../../db/prepared";

export interface AuditContext {
  actorId: number | null;
  requestId?: string | null;
  ip?: string | null;
}

/**
 * Sets the audit context for the rest of the current transaction (set_config's is_local = true),
 * so a pooled connection never carries one request's actor into the next.
 * Called on the pool instead of a transaction it would last one statement only: use withAudit.
 */
export async function setAuditContext(tx: DbOrTx, ctx: AuditContext): Promise<void> {
  if (ctx.actorId !== null && !Number.isSafeInteger(ctx.actorId)) {
    throw new TypeError(`audit actorId must be an integer or null, got ${String(ctx.actorId)}`);
  }
  // The triggers read '' as NULL: a setting cannot be unset once defined in a session.
  // Every audited write runs this first: a prepared statement (db/prepared.ts).
  await preparedSql(tx, "audit_context", () => sql`select
    set_config('groundwork.actor_id', ${sql.placeholder("actor")}, true),
    set_config('groundwork.request_id', ${sql.placeholder("request")}, true),
    set_config('groundwork.ip', ${sql.placeholder("ip")}, true)`).execute({
    actor: ctx.actorId === null ? "" : String(ctx.actorId),
    request: ctx.requestId ?? "",
    ip: ctx.ip ?? "",
  });
}

/** Runs fn in a new transaction whose row changes are audited as done by ctx.actorId. */
export async function withAudit<T>(db: Db, ctx: AuditContext, fn: (tx: Tx) => Promise<T>): Promise<T> {
  return db.transaction(async (tx) => {
    await setAuditContext(tx, ctx);
    return fn(tx);
  });
}
