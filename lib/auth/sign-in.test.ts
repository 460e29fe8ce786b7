// Email + password sign-in against a real database: a wrong password and an unknown email are
// indistinguishable (same answer, one argon2 verification each, same counters), the 11th failure
// in the window is refused with 429 + Retry-After (per account and per IP, in the service and at
// the next-auth route). The password policy and argon2id parameters: password-policy.test.ts.
// No timing is asserted: the equal-work property is checked by counting verifications instead.
import { eq, inArray } from "drizzle-orm";
import { beforeEach, describe, expect, it, vi } from "vitest";
import { entities, type Entity, rateLimits, type User, users } from "../../db/schema";
import { openTestProcessDatabase } from "../../test/use-database";
import { ApiError } from "../api/errors";
import { generateKeyEntry } from "../crypto/keyring";
import { LIMITS, penalize } from "../ratelimit/limiters";
import { hashPassword, verifyPassword } from "./password";
import { signInAccountKey, signInIpKey, signInWithPassword } from "./sign-in";

// Every argon2 verification and every recorded failure goes through these wrappers, which count
// the calls and otherwise do exactly what the real functions do.
vi.mock("./password", async (importOriginal) => {
  const actual = await importOriginal<typeof import("./password")>();
  return { ...actual, verifyPassword: vi.fn(actual.verifyPassword) };
});
vi.mock("../ratelimit/limiters", async (importOriginal) => {
  const actual = await importOriginal<typeof import("../ratelimit/limiters")>();
  return { ...actual, penalize: vi.fn(actual.penalize) };
});

// With DATABASE_URL the app requires both; without it the defaults would write files under .data/.
process.env.GROUNDWORK_ENCRYPTION_KEYS ??= generateKeyEntry("test");
process.env.NEXTAUTH_SECRET ??= "test-nextauth-secret-0123456789abcdef0123456789ab";

// The limiters (and the route handler) reach the database through getDb().
const database = await openTestProcessDatabase();
const db = database.db;
beforeEach(() => {
  vi.mocked(verifyPassword).mockClear();
  vi.mocked(penalize).mockClear();
});

// ── factories ────────────────────────────────────────────────────────────────────────────────

const PASSWORD = "a sturdy passphrase for tests";
let serial = 0;
const unique = (prefix: string) => `${prefix}-${++serial}`;
/** A fresh client address per use, so one test's failures never count against another's. */
const freshIp = () => `10.1.${Math.floor(++serial / 250)}.${serial % 250}`;

let entity: Entity | undefined;
async function theEntity(): Promise<Entity> {
  if (entity) return entity;
  const [inserted] = await db.insert(entities).values({ name: unique("Entity") }).returning();
  if (!inserted) throw new Error("no entity");
  const [row] = await db.update(entities).set({ path: `/${inserted.id}/` }).where(eq(entities.id, inserted.id)).returning();
  if (!row) throw new Error("no entity");
  entity = row;
  return row;
}

let passwordHash: Promise<string> | undefined;
async function createUser(extra: Partial<typeof users.$inferInsert> = {}): Promise<User> {
  passwordHash ??= hashPassword(PASSWORD);
  const [row] = await db
    .insert(users)
    .values({ email: `${unique("user")}@test.local`, name: unique("User"), entityId: (await theEntity()).id, passwordHash: await passwordHash, ...extra })
    .returning();
  if (!row) throw new Error("no user");
  return row;
}

/** The failure counters (points) of these limiter keys, as stored in rate_limits. */
async function counters(...keys: string[]): Promise<Record<string, number>> {
  const rows = await db.select().from(rateLimits).where(inArray(rateLimits.key, keys));
  return Object.fromEntries(rows.map((row) => [row.key, row.points]));
}

async function rejection(promise: Promise<unknown>): Promise<unknown> {
  return promise.then(
    () => undefined,
    (err: unknown) => err,
  );
}

async function expectRateLimited(promise: Promise<unknown>): Promise<ApiError> {
  const error = await rejection(promise);
  expect(error).toBeInstanceOf(ApiError);
  const apiError = error as ApiError;
  expect(apiError.code).toBe("rate_limited");
  expect(apiError.status).toBe(429);
  const retryAfter = Number(apiError.headers?.["retry-after"]);
  expect(Number.isInteger(retryAfter)).toBe(true);
  expect(retryAfter).toBeGreaterThan(0);
  expect(retryAfter).toBeLessThanOrEqual(LIMITS.signInAccount.durationSeconds);
  return apiError;
}

/** Records `n` failed sign-ins, through the service itself. */
async function fail(n: number, input: (i: number) => { email: string; ip: string }): Promise<void> {
  for (let i = 0; i < n; i++) {
    expect(await signInWithPassword(db, { ...input(i), password: "not the password" })).toBeNull();
  }
}

// ── tests ────────────────────────────────────────────────────────────────────────────────────

describe("signInWithPassword: a wrong password and an unknown email", () => {
  it("take the same path: null, one argon2id verification each, the same two counters, nothing else", async () => {
    const user = await createUser();
    const unknownEmail = `${unique("nobody")}@test.local`;
    const [ipA, ipB] = [freshIp(), freshIp()];

    const wrong = await signInWithPassword(db, { email: user.email, password: "not the password", ip: ipA });
    const wrongVerifications = vi.mocked(verifyPassword).mock.calls.slice();
    const wrongPenalties = vi.mocked(penalize).mock.calls.slice();
    vi.mocked(verifyPassword).mockClear();
    vi.mocked(penalize).mockClear();
    const unknown = await signInWithPassword(db, { email: unknownEmail, password: "not the password", ip: ipB });
    const unknownVerifications = vi.mocked(verifyPassword).mock.calls.slice();
    const unknownPenalties = vi.mocked(penalize).mock.calls.slice();

    // The same answer: no error, no hint which case it was.
    expect(wrong).toBeNull();
    expect(unknown).toBeNull();

    // Exactly one argon2 verification each, and the unknown email's is against a real hash with
    // the same argon2id parameters, so the work done is the same.
    expect(wrongVerifications).toHaveLength(1);
    expect(unknownVerifications).toHaveLength(1);
    expect(wrongVerifications[0]?.[0]).toBe(user.passwordHash);
    const decoy = unknownVerifications[0]?.[0] ?? "";
    expect(decoy.startsWith("$argon2id$v=19$m=19456,t=2,p=1$")).toBe(true);
    expect(unknownVerifications[0]?.[1]).toBe("not the password");

    // The same two limiters, each keyed by its own email and address.
    expect(wrongPenalties).toEqual([
      ["signInAccount", signInAccountKey(user.email)],
      ["signInIp", signInIpKey(ipA)],
    ]);
    expect(unknownPenalties).toEqual([
      ["signInAccount", signInAccountKey(unknownEmail)],
      ["signInIp", signInIpKey(ipB)],
    ]);
    expect(await counters(`signInAccount:${signInAccountKey(user.email)}`, `signInIp:${signInIpKey(ipA)}`, `signInAccount:${signInAccountKey(unknownEmail)}`, `signInIp:${signInIpKey(ipB)}`)).toEqual({
      [`signInAccount:${signInAccountKey(user.email)}`]: 1,
      [`signInIp:${signInIpKey(ipA)}`]: 1,
      [`signInAccount:${signInAccountKey(unknownEmail)}`]: 1,
      [`signInIp:${signInIpKey(ipB)}`]: 1,
    });

    // A failed attempt does not touch the account.
    const [after] = await db.select().from(users).where(eq(users.id, user.id));
    expect(after?.lastSignInAt).toBeNull();
  });

  it("counts an email in any case and with surrounding spaces against the one account", async () => {
    const user = await createUser();
    const ip = freshIp();
    await fail(1, () => ({ email: `  ${user.email.toUpperCase()} `, ip }));
    expect(await counters(`signInAccount:${signInAccountKey(user.email)}`)).toEqual({ [`signInAccount:${signInAccountKey(user.email)}`]: 1 });
  });
});

describe("signInWithPassword: who gets in", () => {
  it("answers the session claims { uid, sv } for the right password, and records the sign-in", async () => {
    const user = await createUser({ sessionVersion: 7 });
    const claims = await signInWithPassword(db, { email: user.email, password: PASSWORD, ip: freshIp() });
    expect(claims).toEqual({ uid: user.id, sv: 7, name: user.name, email: user.email });
    expect(vi.mocked(verifyPassword)).toHaveBeenCalledTimes(1);
    expect(vi.mocked(penalize)).not.toHaveBeenCalled();
    const [after] = await db.select().from(users).where(eq(users.id, user.id));
    expect(after?.lastSignInAt).toBeInstanceOf(Date);
  });

  it("accepts the email in another case", async () => {
    const user = await createUser();
    const claims = await signInWithPassword(db, { email: user.email.toUpperCase(), password: PASSWORD, ip: freshIp() });
    expect(claims?.uid).toBe(user.id);
  });

  it("refuses a deactivated user, even with the right password, as a counted failure", async () => {
    const user = await createUser({ isActive: false });
    const ip = freshIp();
    expect(await signInWithPassword(db, { email: user.email, password: PASSWORD, ip })).toBeNull();
    expect(vi.mocked(verifyPassword)).toHaveBeenCalledTimes(1);
    expect(vi.mocked(penalize).mock.calls).toEqual([
      ["signInAccount", signInAccountKey(user.email)],
      ["signInIp", signInIpKey(ip)],
    ]);
  });

  it("refuses a user without a password hash, after one verification against the decoy", async () => {
    const user = await createUser({ passwordHash: null });
    const ip = freshIp();
    // Not even the decoy's own password gets in.
    expect(await signInWithPassword(db, { email: user.email, password: "groundwork-decoy-password-for-timing", ip })).toBeNull();
    expect(await signInWithPassword(db, { email: user.email, password: "", ip })).toBeNull();
    expect(vi.mocked(verifyPassword)).toHaveBeenCalledTimes(2);
    expect(vi.mocked(penalize)).toHaveBeenCalledTimes(4);
  });

  // rate_limits.key is varchar(255); limiter keys are digests of the email and address, so
  // long input must still end as an ordinary, counted failed sign-in, not as a database error.
  it("counts a failed sign-in of a valid 250-character email like any other (no database error)", async () => {
    // A valid address (local part ≤ 64, labels ≤ 63, total ≤ 254) that a verbatim key would push past 255 characters.
    const email = `${"a".repeat(60)}@${"b".repeat(60)}.${"c".repeat(60)}.${"d".repeat(61)}.local`;
    expect(email).toHaveLength(250);
    const user = await createUser({ email });
    await expect(signInWithPassword(db, { email, password: "not the password", ip: freshIp() })).resolves.toBeNull();
    // The right password still signs in.
    await expect(signInWithPassword(db, { email, password: PASSWORD, ip: freshIp() })).resolves.toMatchObject({ uid: user.id });
    // Garbage beyond any valid address is a failure too.
    await expect(signInWithPassword(db, { email: `${"x".repeat(300)}@test.local`, password: "x", ip: freshIp() })).resolves.toBeNull();
  });

  it("treats an over-long client address as an ordinary failed sign-in, not a database error", async () => {
    const user = await createUser();
    await expect(signInWithPassword(db, { email: user.email, password: "not the password", ip: "1".repeat(300) })).resolves.toBeNull();
  });

  it("treats a malformed stored hash as a failed sign-in, not a crash", async () => {
    const user = await createUser({ passwordHash: "not-an-argon2-hash" });
    expect(await signInWithPassword(db, { email: user.email, password: PASSWORD, ip: freshIp() })).toBeNull();
  });
});

describe("signInWithPassword: failure limits", () => {
  it(`refuses the ${LIMITS.signInAccount.points + 1}th failed sign-in of one account with 429 and Retry-After`, async () => {
    const user = await createUser();
    // Every attempt from its own address, so only the per-account limit can apply.
    await fail(LIMITS.signInAccount.points, () => ({ email: user.email, ip: freshIp() }));
    vi.mocked(verifyPassword).mockClear();
    const error = await expectRateLimited(signInWithPassword(db, { email: user.email, password: "not the password", ip: freshIp() }));
    expect(error.extra?.retry_after_seconds).toBe(Number(error.headers?.["retry-after"]));
    // The right password does not get through either, and a refused attempt costs no argon2 work.
    await expectRateLimited(signInWithPassword(db, { email: user.email, password: PASSWORD, ip: freshIp() }));
    expect(vi.mocked(verifyPassword)).not.toHaveBeenCalled();
    // Another account is not affected.
    const other = await createUser();
    expect((await signInWithPassword(db, { email: other.email, password: PASSWORD, ip: freshIp() }))?.uid).toBe(other.id);
  });

  it(`refuses the ${LIMITS.signInIp.points + 1}th failed sign-in from one address across different emails`, async () => {
    const ip = freshIp();
    await fail(LIMITS.signInIp.points, () => ({ email: `${unique("spray")}@test.local`, ip }));
    const user = await createUser();
    await expectRateLimited(signInWithPassword(db, { email: user.email, password: PASSWORD, ip }));
    // The same account from another address still signs in.
    expect((await signInWithPassword(db, { email: user.email, password: PASSWORD, ip: freshIp() }))?.uid).toBe(user.id);
  });

  it("clears the account's counter on a successful sign-in, but not the address's", async () => {
    const user = await createUser();
    const ip = freshIp();
    const below = LIMITS.signInAccount.points - 1;
    await fail(below, () => ({ email: user.email, ip }));
    expect(await counters(`signInAccount:${signInAccountKey(user.email)}`, `signInIp:${signInIpKey(ip)}`)).toEqual({
      [`signInAccount:${signInAccountKey(user.email)}`]: below,
      [`signInIp:${signInIpKey(ip)}`]: below,
    });

    expect((await signInWithPassword(db, { email: user.email, password: PASSWORD, ip }))?.uid).toBe(user.id);
    expect(await counters(`signInAccount:${signInAccountKey(user.email)}`, `signInIp:${signInIpKey(ip)}`)).toEqual({ [`signInIp:${signInIpKey(ip)}`]: below });

    // The account may fail the full allowance again from other addresses before it is limited…
    await fail(LIMITS.signInAccount.points - 1, () => ({ email: user.email, ip: freshIp() }));
    expect((await signInWithPassword(db, { email: user.email, password: PASSWORD, ip: freshIp() }))?.uid).toBe(user.id);
    // …while the address, one failure short of its limit, is refused after one more.
    await fail(1, () => ({ email: user.email, ip }));
    await expectRateLimited(signInWithPassword(db, { email: user.email, password: PASSWORD, ip }));
  });
});

describe("POST /api/auth/callback/credentials", () => {
  it("answers 429 problem+json with Retry-After once the account has failed too often", async () => {
    const { POST } = await import("../../app/api/auth/[...nextauth]/route");
    const user = await createUser();
    await fail(LIMITS.signInAccount.points, () => ({ email: user.email, ip: freshIp() }));
    vi.mocked(verifyPassword).mockClear();

    const request = new Request("http://localhost:3000/api/auth/callback/credentials", {
      method: "POST",
      headers: { "content-type": "application/x-www-form-urlencoded", "x-forwarded-for": freshIp() },
      body: new URLSearchParams({ email: user.email, password: PASSWORD, csrfToken: "irrelevant", json: "true" }).toString(),
    });
    const response = await POST(request, { params: Promise.resolve({ nextauth: ["callback", "credentials"] }) });

    expect(response.status).toBe(429);
    expect(response.headers.get("content-type")).toMatch(/^application\/problem\+json\b/);
    const retryAfter = Number(response.headers.get("retry-after"));
    expect(retryAfter).toBeGreaterThan(0);
    expect(await response.json()).toMatchObject({ status: 429, code: "rate_limited" });
    expect(vi.mocked(verifyPassword)).not.toHaveBeenCalled();
  });
});
