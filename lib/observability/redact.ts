// What may reach a log line: secrets and personal fields are removed by key at any depth, and
// strings are scrubbed of e-mail addresses, API tokens, bearer credentials and query parameters.
// Keys are matched rather than fixed paths, so a field nested anywhere (an error's cause, a
// header map, a body someone logged by mistake) is caught too.

export const REDACTED = "[redacted]";

const MAX_DEPTH = 6;
const MAX_ITEMS = 50;
const MAX_STRING = 4_000;

/** Keys whose value is never logged, compared lower-case with separators removed. */
const SECRET_KEY = /password|passwd|passphrase|secret|authorization|cookie|credential|apikey|privatekey|signature|session|jwt/;
const PERSONAL_KEYS = new Set([
  "email",
  "emails",
  "mail",
  "name",
  "names",
  "firstname",
  "lastname",
  "fullname",
  "displayname",
  "username",
  "givenname",
  "familyname",
  "surname",
  "phone",
  "address",
  "birthdate",
  "dateofbirth",
  // Request and response bodies, and the bound values of a failed query, carry whatever users typed.
  "body",
  "rawbody",
  "requestbody",
  "responsebody",
  "params",
  "values",
  // PostgreSQL puts the offending values in `detail` ("Key (email)=(…) already exists").
  "detail",
]);

export function isSensitiveKey(key: string): boolean {
  const k = key.toLowerCase().replace(/[^a-z0-9]/g, "");
  if (PERSONAL_KEYS.has(k) || SECRET_KEY.test(k)) return true;
  // token_id and token_count identify, they do not authenticate: everything else named token is a secret.
  if (k.includes("token")) return !/(id|ids|count|prefix)$/.test(k);
  return k.endsWith("email") || k.endsWith("hash");
}

const EMAIL = /[A-Za-z0-9._%+-]+@[A-Za-z0-9.-]+\.[A-Za-z]{2,}/g;
const API_TOKEN = /\bgwt_[A-Za-z0-9_-]+/g;
const BEARER = /\b(Bearer|Basic)\s+[A-Za-z0-9._~+/=-]+/gi;
const JWT = /\beyJ[A-Za-z0-9_-]{8,}\.[A-Za-z0-9_-]+\.[A-Za-z0-9_-]*/g;
// Drizzle's "Failed query: … \nparams: <bound values>" carries the values; the SQL text does not.
const QUERY_PARAMS = /\nparams: [^\n]*/g;
const URL_CREDENTIALS = /(\b[a-z][a-z0-9+.-]*:\/\/)[^/\s:@]+(?::[^/\s@]*)?@/gi;

export function scrubText(text: string): string {
  const short = text.length > MAX_STRING ? `${text.slice(0, MAX_STRING)}…` : text;
  return short
    .replace(QUERY_PARAMS, "\nparams: [redacted]")
    .replace(URL_CREDENTIALS, "$1[redacted]@")
    .replace(JWT, "[jwt]")
    .replace(BEARER, "$1 [redacted]")
    .replace(API_TOKEN, "gwt_[redacted]")
    .replace(EMAIL, "[email]");
}

type SafeError = { type: string; message: string; code?: string; stack?: string; cause?: SafeError; errors?: SafeError[] } & Record<
  string,
  unknown
>;

/** An error as a plain object: its type, code, scrubbed message and stack, and its causes. */
export function safeError(err: Error, depth = 0, seen = new WeakSet<object>()): SafeError {
  seen.add(err);
  // Some libraries leave `name` at "Error" (DrizzleQueryError): the class says more.
  const className = (err.constructor as { name?: string } | undefined)?.name;
  const out: SafeError = { type: className && className !== "Error" ? className : err.name, message: scrubText(err.message) };
  const fields = err as unknown as Record<string, unknown>;
  if (typeof fields.code === "string" || typeof fields.code === "number") out.code = String(fields.code);
  // Diagnostic fields PostgreSQL and Node attach that never hold user data.
  for (const key of ["severity", "constraint", "table", "column", "routine", "syscall", "errno"]) {
    const value = fields[key];
    if (typeof value === "string" || typeof value === "number") out[key] = value;
  }
  if (err.stack) out.stack = scrubText(err.stack);
  if (depth < 3 && err.cause !== undefined) out.cause = scrubValue(err.cause, depth + 1, seen) as SafeError;
  if (depth < 3 && err instanceof AggregateError) {
    out.errors = (err.errors as unknown[]).slice(0, 5).map((e) => scrubValue(e, depth + 1, seen) as SafeError);
  }
  return out;
}

/** A copy of `value` that is safe to log (see the module comment). */
export function scrubValue(value: unknown, depth = 0, seen = new WeakSet<object>()): unknown {
  if (typeof value === "string") return scrubText(value);
  if (value === null || typeof value !== "object") return typeof value === "function" || typeof value === "symbol" ? undefined : value;
  if (seen.has(value)) return "[circular]";
  if (value instanceof Error) return safeError(value, depth, seen);
  if (depth >= MAX_DEPTH) return "[nested]";
  seen.add(value);
  if (value instanceof Date) return value.toISOString();
  if (Array.isArray(value)) return value.slice(0, MAX_ITEMS).map((item) => scrubValue(item, depth + 1, seen));
  if (value instanceof Headers) return scrubValue(Object.fromEntries(value.entries()), depth, seen);
  if (value instanceof Map) return scrubValue(Object.fromEntries(value.entries()), depth, seen);
  if (ArrayBuffer.isView(value) || value instanceof ArrayBuffer) return `[${value.byteLength} bytes]`;
  const out: Record<string, unknown> = {};
  for (const [key, item] of Object.entries(value).slice(0, MAX_ITEMS)) {
    out[key] = isSensitiveKey(key) ? REDACTED : scrubValue(item, depth + 1, seen);
  }
  return out;
}
