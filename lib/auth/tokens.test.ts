// API tokens against a real database: what createApiToken hands out is what principalFromToken
// accepts, until it is revoked, expires or its owner is deactivated; and only the owner or an
// admin of the owner's entity tree can see or revoke it.
import { eq, sql } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { queryRows } from "../../db/client";
import { apiTokens, auditLog, entities, users, type UserRole } from "../../db/schema";
import { expectApiError } from "../../test/api-errors";
import { openTestProcessDatabase } from "../../test/use-database";
import { principalFromSession, principalFromToken, type Principal } from "./principal";
import { listTokensQuery, tokenIdParams } from "./token-validators";
import { createApiToken, getApiToken, listApiTokens, MAX_ACTIVE_TOKENS_PER_USER, revokeApiToken } from "./tokens";

// principalFromToken's rate limiter reaches the database through getDb().
const { db } = await openTestProcessDatabase();

// ── factories ────────────────────────────────────────────────────────────────────────────────

let serial = 0;
const unique = (prefix: string) => `${prefix}-${++serial}`;

async function createEntity(parent?: { id: number; path: string }) {
  const [row] = await db.insert(entities).values({ name: unique("Entity"), parentId: parent?.id }).returning();
  if (!row) throw new Error("no entity");
  const path = `${parent?.path ?? "/"}${row.id}/`;
  await db.update(entities).set({ path }).where(eq(entities.id, row.id));
  return { ...row, path };
}

async function createUser(entity: { id: number }, role: UserRole = "employee") {
  const [row] = await db
    .insert(users)
    .values({ email: `${unique("user")}@test.local`, name: unique("User"), entityId: entity.id, role })
    .returning();
  if (!row) throw new Error("no user");
  return row;
}

/** The user as a signed-in browser session sees them. */
async function sessionOf(user: { id: number; sessionVersion: number }): Promise<Principal> {
  const principal = await principalFromSession(db, { uid: user.id, sv: user.sessionVersion });
  if (!principal) throw new Error("no principal");
  return principal;
}


// ── tests ────────────────────────────────────────────────────────────────────────────────────

describe("createApiToken", () => {
  it("hands out a gwt_ token that principalFromToken resolves to its owner with its scopes", async () => {
    const owner = await createUser(await createEntity());
    const { token, record } = await createApiToken(db, await sessionOf(owner), { name: "  CI  ", scopes: ["write", "read"] });

    expect(token).toMatch(/^gwt_[A-Za-z0-9_-]{43}$/);
    expect(record).toMatchObject({ user_id: owner.id, name: "CI", prefix: token.slice(0, 12), scopes: ["read", "write"], status: "active" });
    const principal = await principalFromToken(db, token);
    expect(principal).toMatchObject({ userId: owner.id, via: "token", tokenId: record.id, scopes: ["read", "write"] });
  });

  it("stores only the hash and the display prefix, never the token", async () => {
    const owner = await createUser(await createEntity());
    const { token, record } = await createApiToken(db, await sessionOf(owner), { name: "secret", scopes: ["read"] });

    const rows = await queryRows<Record<string, unknown>>(db, sql`select * from api_tokens where id = ${record.id}`);
    expect(rows).toHaveLength(1);
    expect(JSON.stringify(rows)).not.toContain(token);
    expect(JSON.stringify(rows)).not.toContain(token.slice(12));
    const audit = await db.select().from(auditLog).where(eq(auditLog.tableName, "api_tokens"));
    expect(JSON.stringify(audit)).not.toContain(token.slice(12));
  });

  it("refuses the admin scope to a non-admin (422) and grants it to an admin", async () => {
    const entity = await createEntity();
    const manager = await createUser(entity, "manager");
    const error = await expectApiError(createApiToken(db, await sessionOf(manager), { name: "x", scopes: ["read", "admin"] }), "validation_failed");
    expect(error.issues?.[0]?.path).toBe("scopes");

    const admin = await createUser(entity, "admin");
    const { token } = await createApiToken(db, await sessionOf(admin), { name: "ops", scopes: ["admin"] });
    expect((await principalFromToken(db, token)).scopes).toEqual(["admin"]);
  });

  it("refuses empty or unknown scopes, a blank name and a past expiry (422)", async () => {
    const principal = await sessionOf(await createUser(await createEntity()));
    await expectApiError(createApiToken(db, principal, { name: "x", scopes: [] }), "validation_failed");
    await expectApiError(createApiToken(db, principal, { name: "x", scopes: ["root" as "read"] }), "validation_failed");
    await expectApiError(createApiToken(db, principal, { name: "   ", scopes: ["read"] }), "validation_failed");
    await expectApiError(createApiToken(db, principal, { name: "x", scopes: ["read"], expiresAt: new Date(Date.now() - 1000) }), "validation_failed");
  });

  it("does not let a write token mint an admin token, even for an admin (403)", async () => {
    const admin = await createUser(await createEntity(), "admin");
    const { token } = await createApiToken(db, await sessionOf(admin), { name: "write only", scopes: ["write"] });
    const viaToken = await principalFromToken(db, token);
    await expectApiError(createApiToken(db, viaToken, { name: "escalate", scopes: ["admin"] }), "forbidden");
    const { record } = await createApiToken(db, viaToken, { name: "same", scopes: ["read", "write"] });
    expect(record.scopes).toEqual(["read", "write"]);
  });

  it(`caps a user at ${MAX_ACTIVE_TOKENS_PER_USER} active tokens; revoked and expired ones do not count`, async () => {
    const owner = await createUser(await createEntity());
    const principal = await sessionOf(owner);
    const { record: expired } = await createApiToken(db, principal, { name: "old", scopes: ["read"] });
    await db.update(apiTokens).set({ expiresAt: new Date(Date.now() - 60_000) }).where(eq(apiTokens.id, expired.id));
    const ids: number[] = [];
    for (let i = 0; i < MAX_ACTIVE_TOKENS_PER_USER; i++) {
      ids.push((await createApiToken(db, principal, { name: `t${i}`, scopes: ["read"] })).record.id);
    }
    await expectApiError(createApiToken(db, principal, { name: "one too many", scopes: ["read"] }), "validation_failed");

    await revokeApiToken(db, principal, { id: ids[0] ?? 0 });
    const { record } = await createApiToken(db, principal, { name: "room again", scopes: ["read"] });
    expect(record.status).toBe("active");
  });

  it("creates for a system caller as that user, and audits the user as the actor", async () => {
    const owner = await createUser(await createEntity());
    const { token, record } = await createApiToken(db, { systemUserId: owner.id }, { name: "cli", scopes: ["read"], expiresAt: null });
    expect((await principalFromToken(db, token)).userId).toBe(owner.id);
    const [audit] = await db.select().from(auditLog).where(sql`${auditLog.tableName} = 'api_tokens' and ${auditLog.rowKey} = ${String(record.id)}`);
    expect(audit).toMatchObject({ action: "insert", actorId: owner.id });
  });
});

describe("last use", () => {
  it("stamps last_used_at on first use, at most once a minute after that", async () => {
    const principal = await sessionOf(await createUser(await createEntity()));
    const { token, record } = await createApiToken(db, principal, { name: "stamped", scopes: ["read"] });
    const lastUsed = async () => (await db.select({ at: apiTokens.lastUsedAt }).from(apiTokens).where(eq(apiTokens.id, record.id)))[0]?.at ?? null;
    expect(await lastUsed()).toBeNull();

    await principalFromToken(db, token);
    const first = await lastUsed();
    expect(first).not.toBeNull();
    await principalFromToken(db, token);
    expect(await lastUsed()).toEqual(first);

    const longAgo = new Date(Date.now() - 2 * 60_000);
    await db.update(apiTokens).set({ lastUsedAt: longAgo }).where(eq(apiTokens.id, record.id));
    await principalFromToken(db, token);
    expect((await lastUsed())?.getTime()).toBeGreaterThan(longAgo.getTime() + 60_000);
  });
});

describe("refused tokens", () => {
  it("refuses a revoked token at once", async () => {
    const owner = await createUser(await createEntity());
    const principal = await sessionOf(owner);
    const { token, record } = await createApiToken(db, principal, { name: "to revoke", scopes: ["read"] });
    await principalFromToken(db, token);

    const revoked = await revokeApiToken(db, principal, { id: record.id });
    expect(revoked.status).toBe("revoked");
    await expectApiError(principalFromToken(db, token), "unauthenticated");
  });

  it("refuses an expired token", async () => {
    const principal = await sessionOf(await createUser(await createEntity()));
    const { token, record } = await createApiToken(db, principal, { name: "short", scopes: ["read"], expiresAt: new Date(Date.now() + 60_000) });
    await principalFromToken(db, token);
    await db.update(apiTokens).set({ expiresAt: new Date(Date.now() - 1_000) }).where(eq(apiTokens.id, record.id));
    await expectApiError(principalFromToken(db, token), "unauthenticated");
  });

  it("refuses the token of a deactivated user", async () => {
    const owner = await createUser(await createEntity());
    const { token } = await createApiToken(db, await sessionOf(owner), { name: "leaver", scopes: ["read"] });
    await principalFromToken(db, token);
    await db.update(users).set({ isActive: false }).where(eq(users.id, owner.id));
    await expectApiError(principalFromToken(db, token), "unauthenticated");
  });
});

describe("token ids in paths and queries", () => {
  it("are digits only, so no other spelling names another token", () => {
    expect(tokenIdParams.parse({ id: "42" })).toEqual({ id: 42 });
    for (const id of ["1e3", "0x10", " 42", "42.0", "-1", "0", "99999999999"]) expect(tokenIdParams.safeParse({ id }).success, id).toBe(false);
    expect(listTokensQuery.parse({ user_id: "7", cursor: "12", limit: "5" })).toEqual({ user_id: 7, cursor: 12, limit: 5 });
    for (const cursor of ["1e3", "0x10", "1.5"]) expect(listTokensQuery.safeParse({ cursor }).success, cursor).toBe(false);
  });
});

describe("who may see and revoke a token", () => {
  it("answers 404 to another employee, a manager and an admin of another entity; the token keeps working", async () => {
    const entity = await createEntity();
    const owner = await createUser(entity);
    const { token, record } = await createApiToken(db, await sessionOf(owner), { name: "mine", scopes: ["read"] });
    const strangers = [await createUser(entity), await createUser(entity, "manager"), await createUser(await createEntity(), "admin")];
    for (const stranger of strangers) {
      const principal = await sessionOf(stranger);
      await expectApiError(revokeApiToken(db, principal, { id: record.id }), "not_found");
      await expectApiError(getApiToken(db, principal, { id: record.id }), "not_found");
      await expectApiError(listApiTokens(db, principal, { userId: owner.id }), "not_found");
    }
    expect((await principalFromToken(db, token)).userId).toBe(owner.id);
  });

  it("lets an admin of the same entity or an ancestor see and revoke it, idempotently", async () => {
    const parent = await createEntity();
    const child = await createEntity(parent);
    const owner = await createUser(child);
    const { token, record } = await createApiToken(db, await sessionOf(owner), { name: "managed", scopes: ["read"] });
    const ancestorAdmin = await sessionOf(await createUser(parent, "admin"));
    const sameAdmin = await sessionOf(await createUser(child, "admin"));

    expect((await listApiTokens(db, ancestorAdmin, { userId: owner.id })).items.map((t) => t.id)).toEqual([record.id]);
    const first = await revokeApiToken(db, sameAdmin, { id: record.id });
    await expectApiError(principalFromToken(db, token), "unauthenticated");
    const again = await revokeApiToken(db, ancestorAdmin, { id: record.id });
    expect(again.revoked_at).toBe(first.revoked_at);
  });

  it("does not let an admin act on others' tokens through a token without the admin scope", async () => {
    const entity = await createEntity();
    const owner = await createUser(entity);
    const { record } = await createApiToken(db, await sessionOf(owner), { name: "target", scopes: ["read"] });
    const admin = await createUser(entity, "admin");
    const { token } = await createApiToken(db, await sessionOf(admin), { name: "writer", scopes: ["write"] });
    await expectApiError(revokeApiToken(db, await principalFromToken(db, token), { id: record.id }), "not_found");
  });

  it("lists the caller's own tokens newest first, paginated, without any hash", async () => {
    const owner = await createUser(await createEntity());
    const principal = await sessionOf(owner);
    const created = [];
    for (const name of ["a", "b", "c"]) created.push(await createApiToken(db, principal, { name, scopes: ["read"] }));
    await createApiToken(db, await sessionOf(await createUser(await createEntity())), { name: "someone else", scopes: ["read"] });

    const first = await listApiTokens(db, principal, { limit: 2 });
    expect(first.items.map((t) => t.name)).toEqual(["c", "b"]);
    const second = await listApiTokens(db, principal, { limit: 2, cursor: first.next_cursor ?? undefined });
    expect(second).toMatchObject({ items: [{ name: "a" }], next_cursor: null });

    const [stored] = await queryRows<{ token_hash: string }>(db, sql`select token_hash from api_tokens where id = ${created[0]?.record.id ?? 0}`);
    const listed = JSON.stringify([...first.items, ...second.items]);
    expect(stored?.token_hash).toMatch(/^[0-9a-f]{64}$/);
    expect(listed).not.toContain(stored?.token_hash ?? "missing");
    for (const item of [...first.items, ...second.items]) expect(Object.keys(item).some((key) => /hash/i.test(key))).toBe(false);
  });
});
