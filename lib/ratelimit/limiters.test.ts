// The limits as the API applies them, on both databases: points counted per key within a window,
// the next request past the limit refused with 429 and a Retry-After, a new window once the
// stored one has expired, and keys and limiters counted apart.
import { eq, sql } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { rateLimits } from "../../db/schema";
import { expectApiError } from "../../test/api-errors";
import { openTestProcessDatabase } from "../../test/use-database";
import { consume, LIMITS, resetLimiters } from "./limiters";

const { db } = await openTestProcessDatabase();
resetLimiters();

let serial = 0;
const keyOf = (prefix: string) => `${prefix}-${++serial}`;
const pointsOf = async (key: string) => (await db.select().from(rateLimits).where(eq(rateLimits.key, key)))[0];

describe("consume", () => {
  it(`takes ${LIMITS.evaluation.points} points a minute per key, then answers 429 with Retry-After`, async () => {
    const key = keyOf("user");
    for (let i = 0; i < LIMITS.evaluation.points; i++) await consume("evaluation", key);
    const refused = await expectApiError(consume("evaluation", key), "rate_limited");
    const retryAfter = Number(refused.headers?.["retry-after"]);
    expect(retryAfter).toBeGreaterThanOrEqual(1);
    expect(retryAfter).toBeLessThanOrEqual(LIMITS.evaluation.durationSeconds);
    expect((await pointsOf(`evaluation:${key}`))?.points).toBe(LIMITS.evaluation.points + 1);

    // Another key, and the same key under another limiter, count from zero.
    await consume("evaluation", keyOf("user"));
    await consume("tokenUse", key);
    expect((await pointsOf(`tokenUse:${key}`))?.points).toBe(1);
  });

  it("starts a new window once the stored one has expired", async () => {
    const key = keyOf("user");
    for (let i = 0; i < 3; i++) await consume("evaluation", key);
    await db
      .update(rateLimits)
      .set({ expire: sql`now() - interval '1 second'` })
      .where(eq(rateLimits.key, `evaluation:${key}`));
    await consume("evaluation", key);
    const row = await pointsOf(`evaluation:${key}`);
    expect(row?.points).toBe(1);
    expect(row?.expire?.getTime()).toBeGreaterThan(Date.now() + (LIMITS.evaluation.durationSeconds - 5) * 1000);
  });
});
