import { readiness } from "@/lib/platform/health";

export const dynamic = "force-dynamic";

// GET /api/health/ready — readiness: the database answers and is migrated
export async function GET() {
  const result = await readiness();
  if (result.ready) {
    return Response.json({ status: "ready", database: result.database }, { headers: { "cache-control": "no-store" } });
  }
  return Response.json(
    {
      type: "https://groundwork.dev/problems/not-ready",
      title: "Service Unavailable",
      status: 503,
      detail: "The database is not reachable; retry shortly.",
      database: result.database,
    },
    {
      status: 503,
      headers: { "content-type": "application/problem+json", "retry-after": "5", "cache-control": "no-store" },
    },
  );
}
