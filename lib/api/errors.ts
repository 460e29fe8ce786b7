// One error type for the whole API: a code → HTTP status table, rendered as RFC 9457 problem+json.
import { z } from "zod";
import { isDatabaseUnavailable } from "../../db/unavailable";

export { isDatabaseUnavailable };

export const ERROR_STATUS = {
  bad_request: 400,
  malformed_json: 400,
  unauthenticated: 401,
  forbidden: 403,
  not_found: 404,
  method_not_allowed: 405,
  conflict: 409,
  precondition_failed: 412,
  payload_too_large: 413,
  unsupported_media_type: 415,
  validation_failed: 422,
  idempotency_key_reused: 422,
  rate_limited: 429,
  internal: 500,
  not_implemented: 501,
  service_unavailable: 503,
} as const;

export type ErrorCode = keyof typeof ERROR_STATUS;

const TITLES: Record<ErrorCode, string> = {
  bad_request: "Bad request",
  malformed_json: "Malformed JSON body",
  unauthenticated: "Authentication required",
  forbidden: "Forbidden",
  not_found: "Not found",
  method_not_allowed: "Method not allowed",
  conflict: "Conflict",
  precondition_failed: "Precondition failed",
  payload_too_large: "Payload too large",
  unsupported_media_type: "Unsupported media type",
  validation_failed: "Validation failed",
  idempotency_key_reused: "Idempotency key reused with another request",
  rate_limited: "Too many requests",
  internal: "Internal server error",
  not_implemented: "Not implemented",
  service_unavailable: "Service unavailable",
};

export type FieldIssue = { path: string; message: string; code?: string };

export class ApiError extends Error {
  readonly code: ErrorCode;
  readonly status: number;
  readonly issues?: FieldIssue[];
  readonly headers?: Record<string, string>;
  readonly extra?: Record<string, unknown>;

  constructor(
    code: ErrorCode,
    detail?: string,
    options: { issues?: FieldIssue[]; headers?: Record<string, string>; extra?: Record<string, unknown> } = {},
  ) {
    super(detail ?? TITLES[code]);
    this.name = "ApiError";
    this.code = code;
    this.status = ERROR_STATUS[code];
    this.issues = options.issues;
    this.headers = options.headers;
    this.extra = options.extra;
  }
}

export const notFound = (what = "resource") => new ApiError("not_found", `No such ${what}, or it is not visible to you.`);
export const forbidden = (detail = "You do not have permission for this action.") => new ApiError("forbidden", detail);
export const conflict = (detail: string, extra?: Record<string, unknown>) => new ApiError("conflict", detail, { extra });
export const badRequest = (detail: string) => new ApiError("bad_request", detail);

/** zod issues → per-field problem details. */
export function issuesFromZod(error: z.ZodError): FieldIssue[] {
  return error.issues.map((issue) => ({
    path: issue.path.map(String).join(".") || "(root)",
    message: issue.message,
    code: issue.code,
  }));
}

export function validationError(error: z.ZodError, where: "body" | "query" | "params" = "body"): ApiError {
  return new ApiError("validation_failed", `The request ${where} is not valid.`, { issues: issuesFromZod(error) });
}

export function problemResponse(error: ApiError, requestId?: string): Response {
  const body: Record<string, unknown> = {
    type: `https://groundwork.dev/problems/${error.code.replace(/_/g, "-")}`,
    title: TITLES[error.code],
    status: error.status,
    code: error.code,
    detail: error.message,
    ...(error.issues ? { errors: error.issues } : {}),
    ...(requestId ? { request_id: requestId } : {}),
    ...error.extra,
  };
  const headers = new Headers({ "content-type": "application/problem+json", "cache-control": "no-store", ...error.headers });
  if (requestId) headers.set("x-request-id", requestId);
  return new Response(JSON.stringify(body), { status: error.status, headers });
}

/** Seconds a client is asked to wait when the database is away. */
export const UNAVAILABLE_RETRY_AFTER_SECONDS = 5;

export const serviceUnavailable = () =>
  new ApiError("service_unavailable", "The database is unavailable; retry shortly.", {
    headers: { "retry-after": String(UNAVAILABLE_RETRY_AFTER_SECONDS) },
    extra: { retry_after_seconds: UNAVAILABLE_RETRY_AFTER_SECONDS },
  });

/** Anything thrown that is not an ApiError: logged in full, answered as a generic 500. */
export function toApiError(err: unknown): ApiError {
  if (err instanceof ApiError) return err;
  if (err instanceof z.ZodError) return validationError(err);
  if (isDatabaseUnavailable(err)) return serviceUnavailable();
  const mapped = mapDatabaseError(err);
  if (mapped) return mapped;
  return new ApiError("internal", "Something went wrong on our side. The request id identifies it in our logs.");
}

type PgLikeError = { code?: unknown; constraint?: unknown; detail?: unknown; cause?: unknown };

/** Constraint violations that reach the API are the client's fault: 409/422, never 500. */
function mapDatabaseError(err: unknown): ApiError | undefined {
  let current: unknown = err;
  for (let depth = 0; depth < 3 && current && typeof current === "object"; depth++) {
    const e = current as PgLikeError;
    if (typeof e.code === "string") {
      const constraint = typeof e.constraint === "string" ? e.constraint : undefined;
      switch (e.code) {
        case "23505":
          return new ApiError("conflict", "A record with these values already exists.", { extra: { constraint } });
        case "23503":
          return new ApiError("validation_failed", "A referenced record does not exist.", { extra: { constraint } });
        case "23514":
        case "23502":
        case "22P02":
        case "22003":
        case "22001":
          return new ApiError("validation_failed", "A value is out of range or not allowed.", { extra: { constraint } });
        case "22021":
        case "22P05":
          // Text PostgreSQL cannot store (a NUL character): the client's input, not our failure.
          return new ApiError("validation_failed", "A text value contains a character that cannot be stored (NUL).");
        case "40001":
        case "40P01":
          return new ApiError("conflict", "The record changed concurrently; retry the request.");
      }
    }
    current = e.cause;
  }
  return undefined;
}
