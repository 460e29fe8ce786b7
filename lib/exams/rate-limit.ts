// The per-user limit on exam evaluations (LIMITS.evaluation), taken on the database handle the
// request runs on. The shared limiters of lib/ratelimit reach the database through getDb(); a
// request with an Idempotency-Key runs inside a transaction already, and embedded PGlite has a single
// connection, so a getDb() query there would wait for that very transaction. On the request's own
// handle the point is taken in its transaction: a request that fails rolls its point back with it.
import "server-only";
import { RateLimiterDrizzle, RateLimiterRes } from "rate-limiter-flexible";
import type { Db, DbOrTx } from "../../db/client";
import { rateLimits } from "../../db/schema";
import { ApiError } from "../api/errors";
import type { Principal } from "../auth/principal";
import { LIMITS } from "../ratelimit/limiters";

/** The key of lib/ratelimit's "evaluation" limiter for this user: both read and write the same row. */
export const evaluationLimitKey = (userId: number) => `user:${userId}`;

/**
 * Takes `count` points (one per graded result) or none: a refused request is rolled back (its own
 * transaction, or a savepoint inside the request's), so it does not use up the points it was refused.
 * 429 with Retry-After once the user's points are used.
 */
export async function takeEvaluationPoints(db: DbOrTx, principal: Principal, count: number): Promise<void> {
  await (db as Db).transaction(async (tx) => {
    const limiter = new RateLimiterDrizzle({
      storeClient: tx,
      schema: rateLimits,
      keyPrefix: "evaluation",
      points: LIMITS.evaluation.points,
      duration: LIMITS.evaluation.durationSeconds,
      // Expired rows are swept by the shared limiters; a limiter per request must not start timers.
      clearExpiredByTimeout: false,
    });
    try {
      await limiter.consume(evaluationLimitKey(principal.userId), count);
    } catch (err) {
      if (!(err instanceof RateLimiterRes)) throw err;
      const retryAfter = Math.max(1, Math.ceil(err.msBeforeNext / 1000));
      throw new ApiError("rate_limited", `Too many exam evaluations. Try again in ${retryAfter} s.`, {
        headers: { "retry-after": String(retryAfter) },
        extra: { retry_after_seconds: retryAfter },
      });
    }
  });
}
