import { defineRoute } from "@/lib/api/handler";
import { listAuditEntries } from "@/lib/audit/service";
import { auditListQuery, toAuditFilters } from "@/lib/audit/validators";

// GET /api/audit — the audit log newest first, filterable by table, actor, action, row and period
export const GET = defineRoute({
  permission: "audit:read",
  summary: "List audit log entries",
  query: auditListQuery,
  handler: ({ db, principal, query }) => listAuditEntries(db, principal, toAuditFilters(query)),
});
