import { defineRoute } from "@/lib/api/handler";
import { metricsResponse, orMetricsToken } from "@/lib/observability/metrics-access";

export const dynamic = "force-dynamic";

// GET /api/metrics — Prometheus metrics of this replica, for admins or `Bearer <METRICS_TOKEN>`
export const GET = orMetricsToken(
  defineRoute({
    permission: "audit:read",
    summary: "Prometheus metrics of this replica (admins, or a scraper with Authorization: Bearer <METRICS_TOKEN>)",
    successContentType: "text/plain",
    handler: () => metricsResponse(),
  }),
);
