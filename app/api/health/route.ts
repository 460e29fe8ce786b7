import { liveness } from "@/lib/platform/health";

export const dynamic = "force-dynamic";

// GET /api/health — liveness: the process is up and serving requests
export function GET() {
  return Response.json(liveness(), { headers: { "cache-control": "no-store" } });
}
