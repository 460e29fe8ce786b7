// Reads the audit log newest first for the admin page and API. No authorization here: the caller
// checks "audit:read" and the entity scope before calling.
import { type SQL, and, desc, eq, gte, isNull, lt } from "drizzle-orm";
import type { DbOrTx } from "../../db/client";
import { AUDIT_ACTIONS, type AuditLogRow, auditLog } from "../../db/schema";

export type AuditAction = (typeof AUDIT_ACTIONS)[number];

export interface AuditLogFilters {
  tableName?: string;
  /** A user id, or null for changes made without an actor (migrations, seeds, system jobs). */
  actorId?: number | null;
  action?: AuditAction;
  rowKey?: string;
  /** Inclusive lower bound on `at`. */
  from?: Date;
  /** Exclusive upper bound on `at`. */
  to?: Date;
  /** The nextCursor of the previous page. */
  cursor?: number;
  limit?: number;
  /** The caller's entity-scope condition on audit_log, applied in the WHERE. */
  scope?: SQL;
}

export interface AuditLogPage {
  items: AuditLogRow[];
  /** Pass as `cursor` to get the next (older) page; null on the last page. */
  nextCursor: number | null;
}

export const AUDIT_PAGE_DEFAULT = 50;
export const AUDIT_PAGE_MAX = 200;

/** Keyset pagination on id: stable while rows are being added, and no OFFSET scan on deep pages. */
export async function listAuditLog(db: DbOrTx, filters: AuditLogFilters = {}): Promise<AuditLogPage> {
  const limit = Math.min(Math.max(Math.trunc(filters.limit ?? AUDIT_PAGE_DEFAULT), 1), AUDIT_PAGE_MAX);
  const conditions: SQL[] = [];
  if (filters.tableName !== undefined) conditions.push(eq(auditLog.tableName, filters.tableName));
  if (filters.actorId === null) conditions.push(isNull(auditLog.actorId));
  else if (filters.actorId !== undefined) conditions.push(eq(auditLog.actorId, filters.actorId));
  if (filters.action !== undefined) conditions.push(eq(auditLog.action, filters.action));
  if (filters.rowKey !== undefined) conditions.push(eq(auditLog.rowKey, filters.rowKey));
  if (filters.from !== undefined) conditions.push(gte(auditLog.at, filters.from));
  if (filters.to !== undefined) conditions.push(lt(auditLog.at, filters.to));
  if (filters.cursor !== undefined) conditions.push(lt(auditLog.id, filters.cursor));
  if (filters.scope !== undefined) conditions.push(filters.scope);

  // One extra row tells whether another page exists without a count query.
  const rows = await db
    .select()
    .from(auditLog)
    .where(and(...conditions))
    .orderBy(desc(auditLog.id))
    .limit(limit + 1);
  const items = rows.slice(0, limit);
  const last = items.at(-1);
  return { items, nextCursor: rows.length > limit && last ? last.id : null };
}
