// Idempotency-Key for POSTs: the key row is written in the same transaction as the work, so a
// replayed request either finds the stored answer or finds nothing was done — never half of it.
//   same key + same request → the stored answer, replayed
//   same key + another body  → 422
//   same key while the first is still running → waits on the row lock, then replays
import { createHash } from "node:crypto";
import { and, eq, lt, sql } from "drizzle-orm";
import type { Db, Tx } from "../../db/client";
import { idempotencyKeys } from "../../db/schema";
import { ApiError } from "./errors";

const KEY = /^[\x21-\x7e]{1,255}$/;
const RETENTION_HOURS = 24;

export function idempotencyKeyOf(request: Request): string | null {
  const key = request.headers.get("idempotency-key");
  if (key === null) return null;
  if (!KEY.test(key)) throw new ApiError("bad_request", "Idempotency-Key must be 1–255 visible ASCII characters.");
  return key;
}

export function requestFingerprint(method: string, path: string, body: unknown): string {
  return createHash("sha256").update(`${method} ${path}\n${JSON.stringify(body ?? null)}`).digest("hex");
}

type Stored = { status: number; body: unknown; headers?: Record<string, string> };

/** Response headers that belong to the answer itself, so a replay repeats them. */
export const REPLAYED_HEADERS = ["location", "content-location", "retry-after"] as const;

/**
 * Runs `work` at most once per (user, key). `work` receives the transaction to do its writes in
 * and returns the answer to store; errors roll everything back, so a retry runs the work again.
 */
export async function withIdempotency(
  db: Db,
  params: { userId: number; key: string; method: string; path: string; fingerprint: string },
  work: (tx: Tx) => Promise<Stored>,
): Promise<Stored & { replayed: boolean }> {
  return db.transaction(async (tx) => {
    const inserted = await tx
      .insert(idempotencyKeys)
      .values({
        userId: params.userId,
        key: params.key,
        method: params.method,
        path: params.path,
        requestHash: params.fingerprint,
        expiresAt: sql`now() + make_interval(hours => ${RETENTION_HOURS})`,
      })
      .onConflictDoNothing()
      .returning({ key: idempotencyKeys.key });

    if (inserted.length === 0) {
      // The first request committed (its row is visible now): compare, then replay its answer.
      const [existing] = await tx
        .select()
        .from(idempotencyKeys)
        .where(and(eq(idempotencyKeys.userId, params.userId), eq(idempotencyKeys.key, params.key)))
        .limit(1);
      if (!existing) throw new ApiError("conflict", "The request with this Idempotency-Key is being retried concurrently; retry.");
      if (existing.requestHash !== params.fingerprint || existing.method !== params.method || existing.path !== params.path) {
        throw new ApiError("idempotency_key_reused", "This Idempotency-Key was used with a different request.");
      }
      if (existing.expiresAt < new Date()) {
        throw new ApiError("idempotency_key_reused", "This Idempotency-Key has expired; use a new one.");
      }
      return { status: existing.statusCode ?? 200, body: existing.responseBody, headers: existing.responseHeaders ?? {}, replayed: true };
    }

    const answer = await work(tx);
    await tx
      .update(idempotencyKeys)
      .set({ statusCode: answer.status, responseBody: answer.body, responseHeaders: answer.headers ?? {} })
      .where(and(eq(idempotencyKeys.userId, params.userId), eq(idempotencyKeys.key, params.key)));
    return { ...answer, replayed: false };
  });
}

/** Expired keys are dropped by whoever calls this (a periodic job or start-up). */
export async function purgeExpiredIdempotencyKeys(db: Db): Promise<void> {
  await db.delete(idempotencyKeys).where(lt(idempotencyKeys.expiresAt, new Date()));
}
