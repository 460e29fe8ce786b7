// The audit log as admins read it: permission, entity scope and a JSON-friendly shape.
import "server-only";
import { sql } from "drizzle-orm";
import type { DbOrTx } from "@/db";
import { auditLog, users } from "@/db/schema";
import { authorize } from "../api/handler";
import type { Principal } from "../auth/principal";
import { subtreeEntityIds } from "../auth/scope";
import { type AuditLogFilters, listAuditLog } from "./query";

export type AuditEntryDTO = {
  id: number;
  seq: number | null;
  at: string;
  actor_id: number | null;
  action: string;
  table_name: string;
  row_key: string;
  before: unknown;
  after: unknown;
  request_id: string | null;
  ip: string | null;
  hash: string | null;
};

/**
 * Admins read the changes made by people of their subtree. Changes without an actor (migrations,
 * seeds, imports) may concern any organisation, so they are left to `audit:verify` and SQL access.
 */
function auditScope(principal: Principal) {
  return sql`${auditLog.actorId} in (select ${users.id} from ${users} where ${users.entityId} in ${subtreeEntityIds(principal)})`;
}

export async function listAuditEntries(
  db: DbOrTx,
  principal: Principal,
  filters: Omit<AuditLogFilters, "scope">,
): Promise<{ items: AuditEntryDTO[]; next_cursor: string | null }> {
  authorize(principal, "audit:read");
  const page = await listAuditLog(db, { ...filters, scope: auditScope(principal) });
  return {
    items: page.items.map((row) => ({
      id: row.id,
      seq: row.seq,
      at: row.at.toISOString(),
      actor_id: row.actorId,
      action: row.action,
      table_name: row.tableName,
      row_key: row.rowKey,
      before: row.before,
      after: row.after,
      request_id: row.requestId,
      ip: row.ip,
      hash: row.hash,
    })),
    next_cursor: page.nextCursor === null ? null : String(page.nextCursor),
  };
}
