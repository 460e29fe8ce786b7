// Users and /api/me services against a real database: personal-field encryption, /api/me, the
// audit rows of user changes, and lists. Scope, input rules and sessions: users.test.ts.
import { eq, sql } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { queryRows } from "../../db/client";
import { users } from "../../db/schema";
import { openTestDatabase } from "../../test/db";
import { hashPassword } from "../auth/password";
import { generateKeyEntry } from "../crypto/keyring";
import { getMe, updateMe } from "./me";
import { createUser, deactivateUser, getUser, listUsers, revokeUserSessions, updateUser } from "./users";
import { userTestFactories } from "./test-users";
import { meUpdateSchema, userListQuerySchema } from "./validators";

// A key of this run only: with DATABASE_URL the key ring is required, and without it the default
// would write a key file into the working tree.
process.env.GROUNDWORK_ENCRYPTION_KEYS ??= generateKeyEntry("test");

const { db } = await openTestDatabase();

const { createUserRow, principalOf, actor, organisation, auditRows, newUser } = userTestFactories(() => db);

// ── personal fields and /api/me ──────────────────────────────────────────────────────────────

describe("personal fields", () => {
  it("stores them encrypted and shows them to the owner and admins but not to managers", async () => {
    const org = await organisation();
    const created = await createUser(
      db,
      org.adminA.principal,
      newUser(org.deptA.id, { phone: "+49 30 1234567", personal_notes: "Allergic to peanuts", emergency_contact: "Grace, +44 20 7946 0000" }),
    );
    const [raw] = await queryRows<Record<string, string | null>>(db, sql`select * from users where id = ${created.id}`);
    const rawText = JSON.stringify(raw);
    expect(rawText).not.toContain("1234567");
    expect(rawText).not.toContain("peanuts");
    expect(rawText).not.toContain("Grace");
    expect(raw?.phone_enc).toMatch(/^v1\./);

    expect(created.phone).toBe("+49 30 1234567");
    expect(await getUser(db, org.adminA.principal, { id: created.id })).toMatchObject({ phone: "+49 30 1234567", personal_notes: "Allergic to peanuts" });
    const asManager = await getUser(db, org.managerA.principal, { id: created.id });
    expect(asManager).not.toHaveProperty("phone");
    expect(asManager).not.toHaveProperty("personal_notes");
    expect(asManager).not.toHaveProperty("emergency_contact");

    const [ownerRow] = await db.select().from(users).where(eq(users.id, created.id));
    if (!ownerRow) throw new Error("created user not found");
    const owner = principalOf(ownerRow, org.deptA);
    expect(await getMe(db, owner)).toMatchObject({ phone: "+49 30 1234567", emergency_contact: "Grace, +44 20 7946 0000" });
    for (const dto of [created, asManager]) expect(JSON.stringify(dto)).not.toMatch(/password_hash|_enc/);
  });

  it("lets a user change their own profile but only with the right current password", async () => {
    const org = await organisation();
    const me = await actor(org.teamA1, "employee", { passwordHash: await hashPassword("old passphrase 123") });
    const updated = await updateMe(db, me.principal, { changes: meUpdateSchema.parse({ name: "New Name", language: "de", phone: "+1 555 0100" }) });
    expect(updated).toMatchObject({ name: "New Name", language: "de", phone: "+1 555 0100", role: "employee" });

    const wrong = updateMe(db, me.principal, { changes: { password: "a brand new passphrase", current_password: "nope" } });
    await expect(wrong).rejects.toMatchObject({ status: 422 });
    await updateMe(db, me.principal, { changes: { password: "a brand new passphrase", current_password: "old passphrase 123" } });
    const [row] = await db.select().from(users).where(eq(users.id, me.user.id));
    expect(row?.sessionVersion).toBe(me.user.sessionVersion + 1);
    await expect(updateMe(db, me.principal, { changes: { name: "Late", version: updated.version } })).rejects.toMatchObject({ status: 409 });
  });
});

// ── audit ────────────────────────────────────────────────────────────────────────────────────

describe("audit", () => {
  it("leaves one audit row per write, naming the acting admin, without personal values", async () => {
    const org = await organisation();
    const created = await createUser(db, org.adminA.principal, newUser(org.deptA.id, { phone: "+49 170 5550199" }));
    expect((await auditRows(created.id)).map((r) => r.action)).toEqual(["insert"]);
    await updateUser(db, org.adminA.principal, { id: created.id, changes: { name: "Audited" } });
    await revokeUserSessions(db, org.adminA.principal, { id: created.id });
    await deactivateUser(db, org.adminA.principal, { id: created.id });
    const rows = await auditRows(created.id);
    expect(rows.map((r) => r.action)).toEqual(["insert", "update", "update", "update"]);
    for (const row of rows) expect(row.actorId).toBe(org.adminA.user.id);
    expect(JSON.stringify(rows)).not.toContain("5550199");
  });
});

describe("lists", () => {
  it("pages by cursor and filters by role, entity subtree and search text", async () => {
    const org = await organisation();
    for (let i = 0; i < 3; i++) await createUserRow(org.teamA1, { name: `Paged Person ${i}` });
    const first = await listUsers(db, org.adminA.principal, { limit: 2, entity_id: org.deptA.id });
    expect(first.items).toHaveLength(2);
    expect(first.next_cursor).not.toBeNull();
    const second = await listUsers(db, org.adminA.principal, { limit: 2, entity_id: org.deptA.id, cursor: Number(first.next_cursor) });
    expect(second.items.map((u) => u.id).some((id) => first.items.some((u) => u.id === id))).toBe(false);
    const searched = await listUsers(db, org.adminA.principal, { q: "paged person", entity_id: org.teamA1.id });
    expect(searched.items).toHaveLength(3);
    const managers = await listUsers(db, org.adminA.principal, { role: "manager" });
    expect(managers.items.every((u) => u.role === "manager")).toBe(true);
    expect(userListQuerySchema.safeParse({ limit: "101" }).success).toBe(false);
    expect(JSON.stringify(first)).not.toMatch(/password_hash|_enc|"phone"/);
  });
});
