// Query parameters of the audit log list (API and admin page share them).
import { z } from "zod";
import { AUDIT_ACTIONS } from "@/db/schema";
import { AUDIT_PAGE_MAX } from "./query";

export const auditListQuery = z
  .object({
    table: z.string().trim().regex(/^[a-z_]{1,63}$/, "a table name").optional(),
    actor_id: z.coerce.number().int().positive().optional(),
    action: z.enum(AUDIT_ACTIONS).optional(),
    row_key: z.string().trim().min(1).max(200).optional(),
    from: z.iso.datetime({ offset: true }).optional(),
    to: z.iso.datetime({ offset: true }).optional(),
    cursor: z.coerce.number().int().positive().optional(),
    limit: z.coerce.number().int().min(1).max(AUDIT_PAGE_MAX).optional(),
  })
  .strict();

export type AuditListQuery = z.infer<typeof auditListQuery>;

export function toAuditFilters(query: AuditListQuery) {
  return {
    tableName: query.table,
    actorId: query.actor_id,
    action: query.action,
    rowKey: query.row_key,
    from: query.from ? new Date(query.from) : undefined,
    to: query.to ? new Date(query.to) : undefined,
    cursor: query.cursor,
    limit: query.limit,
  };
}
