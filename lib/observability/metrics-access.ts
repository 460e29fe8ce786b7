// Who may read /api/metrics: an admin (through the usual route wrapper), or a Prometheus scraper
// presenting METRICS_TOKEN. The scraper's path needs no database, so metrics still answer while
// the database is away, which is when they are wanted most.
import { createHash, timingSafeEqual } from "node:crypto";
import type { RouteHandler } from "../api/handler";
import { requestIdOf } from "../api/request";
import { renderMetrics } from "./metrics";
import { observeRequest } from "./request-log";

/** METRICS_TOKEN shorter than this is refused: it would be guessable. */
export const METRICS_TOKEN_MIN_LENGTH = 32;

/** Whether the request carries `Authorization: Bearer <METRICS_TOKEN>`, compared in constant time. */
export function presentsMetricsToken(request: Request, configured: string | undefined = process.env.METRICS_TOKEN): boolean {
  if (!configured || configured.length < METRICS_TOKEN_MIN_LENGTH) return false;
  const given = /^Bearer\s+(\S+)$/i.exec(request.headers.get("authorization") ?? "")?.[1];
  if (!given) return false;
  // Digests have one length, so neither the comparison nor its timing depends on the token's.
  const digest = (value: string) => createHash("sha256").update(value).digest();
  return timingSafeEqual(digest(given), digest(configured));
}

/** The exposition as an HTTP answer. */
export async function metricsResponse(): Promise<Response> {
  const { contentType, body } = await renderMetrics();
  return new Response(body, { headers: { "content-type": contentType, "cache-control": "no-store" } });
}

/**
 * `adminRoute` for people and API tokens; the scraper's token is answered before it, since it is
 * no API token the wrapper could resolve. The result carries the admin route's spec, so the
 * OpenAPI document and the authorization walker see the route as the admin route it is.
 */
export function orMetricsToken(adminRoute: RouteHandler): RouteHandler {
  const route = async (request: Request, context: Parameters<RouteHandler>[1]): Promise<Response> => {
    if (!presentsMetricsToken(request)) return adminRoute(request, context);
    const started = performance.now();
    const requestId = requestIdOf(request);
    const response = await metricsResponse();
    response.headers.set("x-request-id", requestId);
    observeRequest({ requestId, method: request.method, route: "/api/metrics", status: response.status, durationMs: performance.now() - started });
    return response;
  };
  return Object.assign(route, { spec: adminRoute.spec });
}
