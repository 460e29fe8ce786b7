// One stored report with its snapshot.
import { defineRoute } from "@/lib/api/handler";
import { getReport } from "@/lib/reports/service";
import { reportIdParamsSchema } from "@/lib/reports/validators";

export const dynamic = "force-dynamic";

// GET /api/reports/:id — a report the caller may read
export const GET = defineRoute({
  permission: "reports:read",
  summary: "Get a report",
  params: reportIdParamsSchema,
  handler: ({ db, principal, params }) => getReport(db, principal, params),
});
