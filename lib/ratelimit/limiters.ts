// Named rate limiters, stored in the database (rate_limits) so every replica shares the counters.
import { RateLimiterDrizzle, RateLimiterRes } from "rate-limiter-flexible";
import { sql } from "drizzle-orm";
import { type DbOrTx, getDb } from "../../db/client";
import { prepared } from "../../db/prepared";
import { rateLimits } from "../../db/schema";
import { ApiError } from "../api/errors";

type LimiterSpec = { points: number; durationSeconds: number; blockSeconds?: number };

/** One place for every limit; the evaluation endpoints use `evaluation`. */
export const LIMITS = {
  /** Failed sign-ins per account: the 11th failure within 15 minutes is refused. */
  signInAccount: { points: 10, durationSeconds: 15 * 60 },
  /** Failed sign-ins per client IP. */
  signInIp: { points: 10, durationSeconds: 15 * 60 },
  /** Requests per API token. */
  tokenUse: { points: 600, durationSeconds: 60 },
  /** Exam evaluations per user. */
  evaluation: { points: 30, durationSeconds: 60 },
} as const satisfies Record<string, LimiterSpec>;

export type LimiterName = keyof typeof LIMITS;

type Row = { key: string; points: number; expire: Date | null };

/**
 * rate-limiter-flexible's Drizzle store with its counting upsert (run by every API request through
 * the token limit) as a prepared statement: the same statement, rendered once (db/prepared.ts)
 * instead of by Drizzle on every request. Its other statements, and a forced expiry, are the
 * library's own. Overrides the store's _upsert (rate-limiter-flexible 11.4).
 */
export class PreparedRateLimiter extends RateLimiterDrizzle {
  constructor(
    private readonly db: DbOrTx,
    options: ConstructorParameters<typeof RateLimiterDrizzle>[0],
  ) {
    super(options);
  }

  async _upsert(key: string, points: number, msDuration: number, forceExpire = false): Promise<Row | undefined> {
    if (forceExpire || msDuration <= 0) return (RateLimiterDrizzle.prototype as unknown as { _upsert: PreparedRateLimiter["_upsert"] })._upsert.call(this, key, points, msDuration, forceExpire);
    const now = new Date();
    const ph = sql.placeholder;
    const expired = sql`${rateLimits.expire} <= ${ph("now")}`;
    const [row] = await prepared(this.db, "rate_limit_consume", (on) =>
      on
        .insert(rateLimits)
        .values({ key: ph("key"), points: ph("points"), expire: ph("expire") })
        .onConflictDoUpdate({
          target: rateLimits.key,
          set: {
            points: sql`CASE WHEN ${expired} THEN ${ph("points")} ELSE ${rateLimits.points} + ${ph("points")} END`,
            expire: sql`CASE WHEN ${expired} THEN ${ph("expire")} ELSE ${rateLimits.expire} END`,
          },
        })
        .returning(),
    ).execute({ key, points, now, expire: msDuration > 0 ? new Date(now.getTime() + msDuration) : null });
    return row;
  }
}

const GLOBAL_KEY = Symbol.for("groundwork.ratelimiters");
type Store = Map<LimiterName, Promise<PreparedRateLimiter>>;
const globalStore = globalThis as typeof globalThis & { [GLOBAL_KEY]?: Store };

function limiter(name: LimiterName): Promise<PreparedRateLimiter> {
  const store: Store = (globalStore[GLOBAL_KEY] ??= new Map<LimiterName, Promise<PreparedRateLimiter>>());
  let pending = store.get(name);
  if (!pending) {
    const spec: LimiterSpec = LIMITS[name];
    pending = getDb().then(
      (db) =>
        new PreparedRateLimiter(db, {
          storeClient: db,
          schema: rateLimits,
          keyPrefix: name,
          points: spec.points,
          duration: spec.durationSeconds,
          blockDuration: spec.blockSeconds ?? 0,
        }),
    );
    store.set(name, pending);
  }
  return pending;
}

/** Forgets the limiter instances (tests swap the database underneath). */
export function resetLimiters(): void {
  globalStore[GLOBAL_KEY] = undefined;
}

function tooMany(res: RateLimiterRes, what: string): ApiError {
  const retryAfter = Math.max(1, Math.ceil(res.msBeforeNext / 1000));
  return new ApiError("rate_limited", `${what} Try again in ${retryAfter} s.`, {
    headers: { "retry-after": String(retryAfter) },
    extra: { retry_after_seconds: retryAfter },
  });
}

/** Takes one point; throws 429 (with Retry-After) when the limit is used up. */
export async function consume(name: LimiterName, key: string, what = "Too many requests."): Promise<void> {
  const rl = await limiter(name);
  try {
    await rl.consume(key, 1);
  } catch (err) {
    if (err instanceof RateLimiterRes) throw tooMany(err, what);
    throw err;
  }
}

/** Throws 429 if the key has already used up its points, without taking one (failure counters). */
export async function assertNotLimited(name: LimiterName, key: string, what: string): Promise<void> {
  const rl = await limiter(name);
  const res = await rl.get(key);
  if (res && res.consumedPoints >= LIMITS[name].points) throw tooMany(res, what);
}

/** Records one failure against a key (sign-in failures are counted, successes are not). */
export async function penalize(name: LimiterName, key: string): Promise<void> {
  const rl = await limiter(name);
  await rl.penalty(key, 1);
}

export async function clearLimit(name: LimiterName, key: string): Promise<void> {
  const rl = await limiter(name);
  await rl.delete(key);
}
