// Optimistic concurrency: rows carry a version; clients send it back in the body (stale → 409)
// or as If-Match (stale → 412), and read it from the ETag of a single-row answer.
import { ApiError } from "./errors";

const MAX_VERSION = 2_147_483_647;

export type ExpectedVersion = {
  /** `version` from the body: stale → 409 Conflict. */
  version?: number;
  /** From an `If-Match` header: stale → 412 Precondition Failed, as RFC 9110 asks. */
  ifMatch?: number;
};

export function assertVersion(current: number, expected: ExpectedVersion, what: string): void {
  if (expected.ifMatch !== undefined && expected.ifMatch !== current) {
    throw new ApiError("precondition_failed", `The ${what} changed since you read it (now version ${current}). Reload and retry.`, {
      extra: { current_version: current },
    });
  }
  if (expected.version !== undefined && expected.version !== current) {
    throw new ApiError("conflict", `The ${what} changed since you read it (now version ${current}). Reload and retry.`, {
      extra: { current_version: current },
    });
  }
}

/**
 * The version an `If-Match: "<version>"` header demands, `undefined` without the header or for
 * `*` (any current version). Only the strong form is accepted: RFC 9110 compares If-Match strongly.
 */
export function ifMatchVersion(request: Request): number | undefined {
  const header = request.headers.get("if-match")?.trim();
  if (header === undefined || header === "" || header === "*") return undefined;
  const match = /^"(\d{1,10})"$/.exec(header);
  const version = match?.[1] === undefined ? NaN : Number(match[1]);
  if (!Number.isSafeInteger(version) || version < 1 || version > MAX_VERSION) {
    throw new ApiError("bad_request", 'If-Match must be a row version in quotes, e.g. If-Match: "3".');
  }
  return version;
}

/** The ETag of a versioned row, the value a client echoes back in If-Match. */
export const etagOf = (version: number) => `"${version}"`;
