// One line and one metric sample per answered request. The route wrapper (lib/api/handler.ts)
// reports API requests with the caller; server.ts reports every other request it serves.
import { logger } from "./logger";
import { recordRequest } from "./metrics";
import { currentRequest, type RequestContext } from "./request-context";

export type CompletedRequest = {
  requestId: string;
  method: string;
  /** The route pattern or a bounded label (lib/observability/route-pattern.ts), never a raw URL. */
  route: string;
  status: number;
  durationMs: number;
  userId?: number | null;
  tokenId?: number | null;
  /** The problem+json code of an error answer. */
  problemCode?: string;
  /** The client went away before the answer was complete. */
  aborted?: boolean;
};

/** Health probes and static assets log at debug: at info they would drown everything else. */
const QUIET_ROUTES = new Set(["/api/health", "/api/health/ready", "/_next", "/api/metrics"]);

/**
 * Records a request once. `context` is the request's own context when the caller holds it:
 * server.ts reports from a response's "close" event, which may fire while the next request on
 * the same keep-alive connection is current.
 */
export function observeRequest(request: CompletedRequest, context: RequestContext | undefined = currentRequest()): void {
  if (context) {
    if (context.logged) return;
    context.logged = true;
  }
  recordRequest(request);
  const line = {
    request_id: request.requestId,
    method: request.method,
    route: request.route,
    status: request.status,
    latency_ms: Math.round(request.durationMs * 10) / 10,
    user_id: request.userId ?? null,
    token_id: request.tokenId ?? null,
    ...(request.problemCode ? { error_code: request.problemCode } : {}),
    ...(request.aborted ? { aborted: true } : {}),
  };
  if (QUIET_ROUTES.has(request.route) && request.status < 500) logger.debug(line, "request completed");
  else logger.info(line, "request completed");
}
