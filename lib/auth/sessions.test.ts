// Sessions and tokens are re-checked against the database on every request: a bumped
// session_version, a deactivation or a revoked API token ends access at the very next request.
// resolvePrincipal is exercised with a real next-auth session cookie, and a bearer header is only
// ever read as an API token, never as a session JWT.
import { eq, sql } from "drizzle-orm";
import { encode } from "next-auth/jwt";
import { describe, expect, it } from "vitest";
import { entities, type Entity, type User, users, type UserRole } from "../../db/schema";
import { expectApiError } from "../../test/api-errors";
import { openTestProcessDatabase } from "../../test/use-database";
import { generateKeyEntry } from "../crypto/keyring";
import { deactivateUser, revokeUserSessions } from "../entities/users";
import { hashPassword } from "./password";
import { type Principal, principalFromSession, principalFromToken, resolvePrincipal } from "./principal";
import { authSecret } from "./secret";
import { createApiToken, revokeApiToken } from "./tokens";

// With DATABASE_URL the app requires both; without it the defaults would write files under .data/.
process.env.GROUNDWORK_ENCRYPTION_KEYS ??= generateKeyEntry("test");
process.env.NEXTAUTH_SECRET ??= "test-nextauth-secret-0123456789abcdef0123456789ab";

// principalFromToken's rate limiter reaches the database through getDb().
const { db } = await openTestProcessDatabase();

// ── factories ────────────────────────────────────────────────────────────────────────────────

let serial = 0;
const unique = (prefix: string) => `${prefix}-${++serial}`;

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
async function createUser(role: UserRole = "employee"): Promise<User> {
  passwordHash ??= hashPassword("a sturdy passphrase for tests");
  const [row] = await db
    .insert(users)
    .values({ email: `${unique("user")}@test.local`, name: unique("User"), role, entityId: (await theEntity()).id, passwordHash: await passwordHash })
    .returning();
  if (!row) throw new Error("no user");
  return row;
}

async function currentSv(userId: number): Promise<number> {
  const [row] = await db.select({ sv: users.sessionVersion }).from(users).where(eq(users.id, userId));
  if (!row) throw new Error("no user");
  return row.sv;
}

/** A signed-in admin of the same entity, as the services that revoke and deactivate need. */
async function adminPrincipal(): Promise<Principal> {
  const admin = await createUser("admin");
  const principal = await principalFromSession(db, { uid: admin.id, sv: admin.sessionVersion });
  if (!principal) throw new Error("no admin principal");
  return principal;
}

/** The session cookie next-auth would set for these claims. */
async function sessionJwt(claims: Record<string, unknown>, secret = authSecret()): Promise<string> {
  return encode({ token: claims, secret });
}

function requestWith(headers: Record<string, string>, url = "http://localhost:3000/api/me"): Request {
  return new Request(url, { headers });
}


// ── tests ────────────────────────────────────────────────────────────────────────────────────

describe("principalFromSession", () => {
  it("resolves the current session_version to the user's principal", async () => {
    const user = await createUser();
    const principal = await principalFromSession(db, { uid: user.id, sv: user.sessionVersion });
    expect(principal).toMatchObject({ userId: user.id, role: "employee", entityId: user.entityId, entityPath: (await theEntity()).path, via: "session", scopes: null, tokenId: null });
  });

  it("answers null for an unknown user or a session_version that is not the current one", async () => {
    const user = await createUser();
    expect(await principalFromSession(db, { uid: user.id, sv: user.sessionVersion + 1 })).toBeNull();
    expect(await principalFromSession(db, { uid: user.id, sv: user.sessionVersion - 1 })).toBeNull();
    expect(await principalFromSession(db, { uid: 2_000_000_000, sv: 1 })).toBeNull();
  });

  it("ends every session at once when the sessions are revoked", async () => {
    const user = await createUser();
    const claims = { uid: user.id, sv: user.sessionVersion };
    expect(await principalFromSession(db, claims)).not.toBeNull();

    await revokeUserSessions(db, await adminPrincipal(), { id: user.id });

    expect(await principalFromSession(db, claims)).toBeNull();
    // A new sign-in carries the new version and works again.
    expect(await principalFromSession(db, { uid: user.id, sv: await currentSv(user.id) })).not.toBeNull();
  });

  it("ends every session at once when the user is deactivated", async () => {
    const user = await createUser();
    const claims = { uid: user.id, sv: user.sessionVersion };
    expect(await principalFromSession(db, claims)).not.toBeNull();

    await deactivateUser(db, await adminPrincipal(), { id: user.id });

    expect(await principalFromSession(db, claims)).toBeNull();
    // Not even with the bumped version: the account itself is inactive.
    expect(await principalFromSession(db, { uid: user.id, sv: await currentSv(user.id) })).toBeNull();
  });

  it("refuses an inactive user even when the session_version was left unchanged", async () => {
    const user = await createUser();
    await db.update(users).set({ isActive: false }).where(eq(users.id, user.id));
    expect(await principalFromSession(db, { uid: user.id, sv: user.sessionVersion })).toBeNull();
  });
});

describe("resolvePrincipal with a next-auth session cookie", () => {
  it("resolves a real session JWT to the principal, and to null once session_version is bumped", async () => {
    const user = await createUser();
    const jwt = await sessionJwt({ uid: user.id, sv: user.sessionVersion, sub: String(user.id) });
    const request = () => requestWith({ cookie: `theme=dark; next-auth.session-token=${jwt}` });

    expect(await resolvePrincipal(db, request())).toMatchObject({ userId: user.id, via: "session", scopes: null });

    await db
      .update(users)
      .set({ sessionVersion: sql`${users.sessionVersion} + 1` })
      .where(eq(users.id, user.id));
    expect(await resolvePrincipal(db, request())).toBeNull();
  });

  it("reads the __Secure- cookie over https (including behind a TLS-terminating proxy)", async () => {
    const user = await createUser();
    const jwt = await sessionJwt({ uid: user.id, sv: user.sessionVersion, sub: String(user.id) });
    const secureCookie = { cookie: `__Secure-next-auth.session-token=${jwt}` };
    expect(await resolvePrincipal(db, requestWith(secureCookie, "https://groundwork.example/api/me"))).toMatchObject({ userId: user.id });
    expect(await resolvePrincipal(db, requestWith({ ...secureCookie, "x-forwarded-proto": "https" }))).toMatchObject({ userId: user.id });
  });

  it("answers null without a cookie, for a JWT under another secret, and for claims of the wrong shape", async () => {
    const user = await createUser();
    expect(await resolvePrincipal(db, requestWith({}))).toBeNull();
    const foreign = await sessionJwt({ uid: user.id, sv: user.sessionVersion, sub: String(user.id) }, "another-secret-of-at-least-32-characters-long!!");
    expect(await resolvePrincipal(db, requestWith({ cookie: `next-auth.session-token=${foreign}` }))).toBeNull();
    const stringly = await sessionJwt({ uid: String(user.id), sv: String(user.sessionVersion), sub: String(user.id) });
    expect(await resolvePrincipal(db, requestWith({ cookie: `next-auth.session-token=${stringly}` }))).toBeNull();
    expect(await resolvePrincipal(db, requestWith({ cookie: "next-auth.session-token=garbage" }))).toBeNull();
  });
});

describe("resolvePrincipal with an Authorization header", () => {
  it("refuses a malformed Authorization header with 401 unauthenticated", async () => {
    for (const authorization of ["", "Basic dXNlcjpwYXNz", "Bearer", "Bearer ", "Bearer two parts", "Token gwt_abc"]) {
      await expectApiError(resolvePrincipal(db, requestWith({ authorization })), "unauthenticated");
    }
  });

  it("never reads a bearer token as a session JWT", async () => {
    const user = await createUser();
    const jwt = await sessionJwt({ uid: user.id, sv: user.sessionVersion, sub: String(user.id) });
    // A valid session JWT sent as a bearer token is an unknown API token…
    await expectApiError(resolvePrincipal(db, requestWith({ authorization: `Bearer ${jwt}` })), "unauthenticated");
    // …and a bearer header takes precedence over a valid session cookie.
    await expectApiError(
      resolvePrincipal(db, requestWith({ authorization: `Bearer ${jwt}`, cookie: `next-auth.session-token=${jwt}` })),
      "unauthenticated",
    );
  });

  it("resolves a valid API token to a token principal", async () => {
    const user = await createUser();
    const { token, record } = await createApiToken(db, { systemUserId: user.id }, { name: "ci", scopes: ["read"] });
    expect(await resolvePrincipal(db, requestWith({ authorization: `bearer  ${token}` }))).toMatchObject({
      userId: user.id,
      via: "token",
      tokenId: record.id,
      scopes: ["read"],
    });
  });
});

describe("principalFromToken", () => {
  it("refuses a revoked API token from the very next request", async () => {
    const user = await createUser();
    const owner = await principalFromSession(db, { uid: user.id, sv: user.sessionVersion });
    if (!owner) throw new Error("no principal");
    const { token, record } = await createApiToken(db, owner, { name: "laptop", scopes: ["read", "write"] });
    expect(await principalFromToken(db, token)).toMatchObject({ userId: user.id, via: "token", tokenId: record.id });

    await revokeApiToken(db, owner, { id: record.id });

    await expectApiError(principalFromToken(db, token), "unauthenticated");
    await expectApiError(resolvePrincipal(db, requestWith({ authorization: `Bearer ${token}` })), "unauthenticated");
  });

  it("refuses the token of a deactivated user at once", async () => {
    const user = await createUser();
    const { token } = await createApiToken(db, { systemUserId: user.id }, { name: "ci", scopes: ["read"] });
    expect((await principalFromToken(db, token)).userId).toBe(user.id);

    await deactivateUser(db, await adminPrincipal(), { id: user.id });

    await expectApiError(principalFromToken(db, token), "unauthenticated");
  });
});
