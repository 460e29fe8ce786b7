// Stored reports the caller may read.
import { defineRoute } from "@/lib/api/handler";
import { listReports } from "@/lib/reports/service";
import { reportListQuerySchema } from "@/lib/reports/validators";

export const dynamic = "force-dynamic";

// GET /api/reports — reports filed in the caller's entity subtree or created by them (filters: scope_type, scope_id, mine; cursor pages)
export const GET = defineRoute({
  permission: "reports:read",
  summary: "List reports",
  query: reportListQuerySchema,
  handler: ({ db, principal, query }) => listReports(db, principal, query),
});
