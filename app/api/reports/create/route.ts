// Reports: the specification's flow step "generate_reports".
import { defineRoute } from "@/lib/api/handler";
import { createReport } from "@/lib/reports/service";
import { reportCreateSchema } from "@/lib/reports/validators";

export const dynamic = "force-dynamic";

// POST /api/reports/create — compute the requested metrics for a scope and period, store the snapshot (201 + Location)
export const POST = defineRoute({
  permission: "reports:write",
  summary: "Create a report",
  body: reportCreateSchema,
  handler: async ({ db, principal, body }) => {
    const report = await createReport(db, principal, body.metrics);
    return Response.json(report, { status: 201, headers: { location: report.links.self } });
  },
});
