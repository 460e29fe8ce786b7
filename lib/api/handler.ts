// The route wrapper every app/api handler uses: principal, permission, zod-parsed input,
// body limit, CSRF check, rate limit, request id, problem+json for every error, and one log line
// and metric sample per request.
import type { z } from "zod";
import { type Db, getDb } from "../../db/client";
import { PERMISSIONS, type Permission, roleAllows, scopeAllows } from "../auth/permissions";
import { type Principal, resolvePrincipal } from "../auth/principal";
import { logger } from "../observability/logger";
import { observeRequest } from "../observability/request-log";
import { routePatternOf } from "../observability/route-pattern";
import { ApiError, problemResponse, toApiError, validationError } from "./errors";
import { idempotencyKeyOf, REPLAYED_HEADERS, requestFingerprint, withIdempotency } from "./idempotency";
import { isStoredReplay, type RouteRateLimit, takeRoutePoints } from "./rate-limit";
import { assertSameOrigin, clientIp, DEFAULT_MAX_BODY_BYTES, readJsonBody, requestIdOf } from "./request";

type RouteContext = { params: Promise<Record<string, string | string[]>> };

export type HandlerContext<B, Q, P, Auth extends boolean> = {
  db: Db;
  principal: Auth extends true ? Principal : Principal | null;
  body: B;
  query: Q;
  params: P;
  request: Request;
  requestId: string;
  ip: string | null;
};

export type RouteSpec<B, Q, P, Auth extends boolean> = {
  /** The permission the caller needs; `null` with `auth: false` makes the route public. */
  permission: Auth extends true ? Permission : null;
  auth?: Auth;
  summary?: string;
  body?: z.ZodType<B>;
  query?: z.ZodType<Q>;
  params?: z.ZodType<P>;
  maxBodyBytes?: number;
  /** A per-user limit (authenticated callers), taken after the input parses and before the work. */
  rateLimit?: RouteRateLimit<B, Q, P>;
  /** Status of a successful answer when the handler returns plain data. */
  successStatus?: number;
  /** Media type of a successful answer when it is not JSON (a CSV download), for the OpenAPI document. */
  successContentType?: string;
  handler: (ctx: HandlerContext<B, Q, P, Auth>) => Promise<unknown>;
};

export type RouteHandler = ((request: Request, context: RouteContext) => Promise<Response>) & {
  spec: RouteSpec<unknown, unknown, unknown, boolean>;
};

const SAFE_METHODS = new Set(["GET", "HEAD", "OPTIONS"]);

export function defineRoute<B = undefined, Q = undefined, P = undefined, Auth extends boolean = true>(
  spec: RouteSpec<B, Q, P, Auth>,
): RouteHandler {
  const run = async (request: Request, context: RouteContext): Promise<Response> => {
    const started = performance.now();
    const requestId = requestIdOf(request);
    const ip = clientIp(request);
    // Who asked, for the log line: known once the credentials are resolved.
    let caller: Principal | null = null;
    let answer: Response;
    let problemCode: string | undefined;
    try {
      const db = await getDb();
      const requiresAuth = spec.auth !== false;
      const principal = await resolvePrincipal(db, request).catch((err: unknown) => {
        if (requiresAuth) throw err;
        return null;
      });
      if (requiresAuth) {
        if (!principal) throw new ApiError("unauthenticated", "Sign in or send an API token.");
        authorize(principal, spec.permission as Permission);
        if (principal.via === "session" && !SAFE_METHODS.has(request.method)) assertSameOrigin(request);
      }
      if (principal) {
        principal.requestId = requestId;
        principal.ip = ip;
      }
      caller = principal;

      const params = await parseWith(spec.params, await context.params, "params");
      const query = await parseWith(spec.query, Object.fromEntries(new URL(request.url).searchParams), "query");
      const rawBody = SAFE_METHODS.has(request.method) ? undefined : await readJsonBody(request, spec.maxBodyBytes ?? DEFAULT_MAX_BODY_BYTES);
      const body = await parseWith(spec.body, rawBody, "body");

      const run = async (database: Db) =>
        toResponse(
          await spec.handler({
            db: database,
            principal: principal as HandlerContext<B, Q, P, Auth>["principal"],
            body: body as B,
            query: query as Q,
            params: params as P,
            request,
            requestId,
            ip,
          }),
          spec.successStatus ?? (request.method === "POST" ? 201 : 200),
        );

      const key = request.method === "POST" && principal ? idempotencyKeyOf(request) : null;
      // Before the idempotency transaction opens; replaying a stored answer takes no points.
      if (spec.rateLimit && principal && !(key && (await isStoredReplay(db, principal.userId, key)))) {
        const points = spec.rateLimit.points?.({ body: body as B, query: query as Q, params: params as P }) ?? 1;
        await takeRoutePoints(db, principal, spec.rateLimit, points);
      }
      let response: Response;
      if (key && principal) {
        const path = new URL(request.url).pathname;
        const answer = await withIdempotency(
          db,
          { userId: principal.userId, key, method: request.method, path, fingerprint: requestFingerprint(request.method, path, rawBody) },
          async (tx) => {
            const fresh = await run(tx);
            const text = await fresh.text();
            const headers: Record<string, string> = {};
            for (const name of REPLAYED_HEADERS) {
              const value = fresh.headers.get(name);
              if (value !== null) headers[name] = value;
            }
            return { status: fresh.status, body: text === "" ? null : (JSON.parse(text) as unknown), headers };
          },
        );
        const init = { status: answer.status, headers: answer.headers };
        response = answer.body === null ? new Response(null, init) : Response.json(answer.body, init);
        if (answer.replayed) response.headers.set("idempotent-replayed", "true");
      } else {
        response = await run(db);
      }
      response.headers.set("x-request-id", requestId);
      if (!response.headers.has("cache-control")) response.headers.set("cache-control", "no-store");
      answer = response;
    } catch (err) {
      const apiError = toApiError(err);
      problemCode = apiError.code;
      if (apiError.status >= 500) await logFailure(err, apiError, request, context, requestId);
      answer = problemResponse(apiError, requestId);
    }
    observeRequest({
      requestId,
      method: request.method,
      route: await routeOf(request, context),
      status: answer.status,
      durationMs: performance.now() - started,
      userId: caller?.userId,
      tokenId: caller?.tokenId,
      problemCode,
    });
    return answer;
  };
  return Object.assign(run, { spec: spec as RouteSpec<unknown, unknown, unknown, boolean> });
}

/** The route pattern of the request ("/api/tasks/[id]"), for the log line and the metric labels. */
async function routeOf(request: Request, context: RouteContext | undefined): Promise<string> {
  // Next passes no params to a route without dynamic segments.
  const params = (await Promise.resolve(context?.params).catch(() => undefined)) ?? {};
  return routePatternOf(new URL(request.url).pathname, params);
}

/** A 503 is expected while the database is away (a warning); any other 5xx is a defect. */
async function logFailure(err: unknown, apiError: ApiError, request: Request, context: RouteContext | undefined, requestId: string): Promise<void> {
  const fields = { err, request_id: requestId, method: request.method, route: await routeOf(request, context) };
  if (apiError.code === "service_unavailable") logger.warn(fields, "database unavailable: answered 503");
  else logger.error(fields, "request failed");
}

function toResponse(result: unknown, status: number): Response {
  if (result instanceof Response) return result;
  if (result === undefined) return new Response(null, { status: 204 });
  return Response.json(result, { status });
}

/** Role first, then the token's scopes: a token never does more than its owner could. */
export function authorize(principal: Principal, permission: Permission): void {
  if (!roleAllows(principal.role, permission)) throw new ApiError("forbidden", `This needs the permission ${permission}.`);
  if (principal.scopes && !scopeAllows(principal.scopes, PERMISSIONS[permission])) {
    throw new ApiError("forbidden", `This API token lacks the ${PERMISSIONS[permission]} scope.`);
  }
}

async function parseWith(schema: z.ZodType | undefined, value: unknown, where: "body" | "query" | "params"): Promise<unknown> {
  if (!schema) return value;
  const parsed = await schema.safeParseAsync(value ?? (where === "body" ? undefined : {}));
  if (!parsed.success) throw validationError(parsed.error, where);
  return parsed.data;
}
