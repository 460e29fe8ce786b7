// Errors that mean the database is away or not taking work (not that a statement was wrong):
// the API answers them 503 with Retry-After, and the pool discards a connection that failed so.

// SQLSTATEs of a database that is away or refusing work: connection exceptions (class 08),
// shutdown and start-up (57P01-57P03), too many connections (53300), and a statement cancelled by
// statement_timeout (57014), which during an outage is the database not keeping up.
const UNAVAILABLE_SQLSTATE = /^(08...|57P0[1-3]|53300|57014)$/;
// Node's socket errors on the way to the database.
const UNAVAILABLE_ERRNO = new Set(["ECONNREFUSED", "ECONNRESET", "ETIMEDOUT", "EHOSTUNREACH", "ENETUNREACH", "ENOTFOUND", "EAI_AGAIN", "EPIPE"]);
// node-postgres and PGlite say it in words only.
const UNAVAILABLE_MESSAGE =
  /Connection terminated|timeout exceeded when trying to connect|Query read timeout|not queryable|Cannot use a pool after calling end|is not currently accepting connections|the database system is (starting up|shutting down|in recovery mode)|PGlite is closed/i;

/**
 * Whether `err` (or an error it wraps: Drizzle wraps the driver's) says the database could not be
 * reached or is not taking work. Such a request is answered 503 with Retry-After, not 500.
 */
export function isDatabaseUnavailable(err: unknown): boolean {
  let current: unknown = err;
  for (let depth = 0; depth < 4 && current && typeof current === "object"; depth++) {
    const e = current as { code?: unknown; message?: unknown; cause?: unknown; errors?: unknown };
    if (typeof e.code === "string" && (UNAVAILABLE_SQLSTATE.test(e.code) || UNAVAILABLE_ERRNO.has(e.code))) return true;
    // A Drizzle wrapper's message quotes the bound values, which users typed: only its cause counts.
    if (typeof e.message === "string" && !("params" in e) && UNAVAILABLE_MESSAGE.test(e.message)) return true;
    // Node reports a refused connection to every address of a host as one AggregateError.
    if (Array.isArray(e.errors) && e.errors.some((inner) => isDatabaseUnavailable(inner))) return true;
    current = e.cause;
  }
  return false;
}
