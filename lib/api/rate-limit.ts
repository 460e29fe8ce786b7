// Per-route rate limits for defineRoute (its `rateLimit` option): the points are taken before the
// route's work and before an Idempotency-Key transaction opens, so they never need a second
// connection while the request holds one (embedded PGlite has a single connection). They are taken
// on the shared counters (rate_limits, LIMITS of lib/ratelimit), all or none, in a short transaction
// of their own: a request refused for wanting more points than are left does not use them up.
import { and, eq } from "drizzle-orm";
import { RateLimiterRes } from "rate-limiter-flexible";
import type { Db } from "../../db/client";
import { idempotencyKeys, rateLimits } from "../../db/schema";
import type { Principal } from "../auth/principal";
import { LIMITS, type LimiterName, PreparedRateLimiter } from "../ratelimit/limiters";
import { ApiError } from "./errors";

export type RouteRateLimit<B, Q, P> = {
  /** Which of LIMITS counts these requests. */
  limiter: LimiterName;
  /** The start of the 429 message ("Too many exam evaluations."). */
  message: string;
  /** Points one request takes (default 1): a batch may take one per item. */
  points?: (input: { body: B; query: Q; params: P }) => number;
};

/** The counter key of a user's limit: the same row whichever route takes the points. */
export const userLimitKey = (userId: number) => `user:${userId}`;

/** Takes `count` points from the user's `limiter` counter, or none and throws 429 with Retry-After. */
export async function takeRoutePoints(db: Db, principal: Principal, limit: { limiter: LimiterName; message: string }, count: number): Promise<void> {
  const spec = LIMITS[limit.limiter];
  await db.transaction(async (tx) => {
    const limiter = new PreparedRateLimiter(tx, {
      storeClient: tx,
      schema: rateLimits,
      keyPrefix: limit.limiter,
      points: spec.points,
      duration: spec.durationSeconds,
      // Expired rows are swept by the shared limiters; a limiter per request must not start timers.
      clearExpiredByTimeout: false,
    });
    try {
      await limiter.consume(userLimitKey(principal.userId), count);
    } catch (err) {
      if (!(err instanceof RateLimiterRes)) throw err;
      // Thrown out of the transaction, so the points this refusal counted are rolled back.
      const retryAfter = Math.max(1, Math.ceil(err.msBeforeNext / 1000));
      throw new ApiError("rate_limited", `${limit.message} Try again in ${retryAfter} s.`, {
        headers: { "retry-after": String(retryAfter) },
        extra: { retry_after_seconds: retryAfter },
      });
    }
  });
}

/** Whether this Idempotency-Key already holds a stored answer: replaying it takes no points. */
export async function isStoredReplay(db: Db, userId: number, key: string): Promise<boolean> {
  const [row] = await db
    .select({ status: idempotencyKeys.statusCode })
    .from(idempotencyKeys)
    .where(and(eq(idempotencyKeys.userId, userId), eq(idempotencyKeys.key, key)))
    .limit(1);
  return row?.status !== undefined && row.status !== null;
}
