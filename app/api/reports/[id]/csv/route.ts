// A stored report as a CSV download.
import { defineRoute } from "@/lib/api/handler";
import { getReportCsv } from "@/lib/reports/service";
import { reportIdParamsSchema } from "@/lib/reports/validators";

export const dynamic = "force-dynamic";

// GET /api/reports/:id/csv — the report's sections as CSV (attachment; formula-like text cells escaped)
export const GET = defineRoute({
  permission: "reports:read",
  summary: "Download a report as CSV",
  params: reportIdParamsSchema,
  successContentType: "text/csv",
  handler: async ({ db, principal, params }) => {
    const { filename, csv } = await getReportCsv(db, principal, params);
    return new Response(csv, {
      status: 200,
      headers: { "content-type": "text/csv; charset=utf-8", "content-disposition": `attachment; filename="${filename}"` },
    });
  },
});
