// Users and /api/me services against a real database: scope (404 outside it), permissions, mass
// assignment, email uniqueness, optimistic versions, deactivation, personal-field encryption, audit.
import { and, eq, sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type Database, type Db, queryRows } from "../../db/client";
import { auditLog, entities, type Entity, professions, type User, users, type UserRole } from "../../db/schema";
import { createTestDatabase } from "../../test/db";
import { hashPassword } from "../auth/password";
import { type Principal, principalFromSession } from "../auth/principal";
import { generateKeyEntry } from "../crypto/keyring";
import { getMe, updateMe } from "./me";
import { createUser, deactivateUser, getUser, listUsers, revokeUserSessions, updateUser } from "./users";
import { meUpdateSchema, userCreateSchema, userListQuerySchema, userUpdateSchema } from "./validators";

// A key of this run only: with DATABASE_URL the key ring is required, and without it the default
// would write a key file into the working tree.
process.env.GROUNDWORK_ENCRYPTION_KEYS ??= generateKeyEntry("test");

let database: Database;
let db: Db;
beforeAll(async () => {
  database = await createTestDatabase();
  db = database.db;
});
afterAll(async () => {
  await database.close();
});

// ── factories ────────────────────────────────────────────────────────────────────────────────

let serial = 0;
const unique = (prefix: string) => `${prefix}-${++serial}`;

async function createEntityRow(parent?: Entity): Promise<Entity> {
  const [inserted] = await db.insert(entities).values({ name: unique("Entity"), parentId: parent?.id ?? null }).returning();
  if (!inserted) throw new Error("no entity");
  const [row] = await db
    .update(entities)
    .set({ path: `${parent?.path ?? "/"}${inserted.id}/`, rootId: parent ? (parent.rootId ?? parent.id) : inserted.id })
    .where(eq(entities.id, inserted.id))
    .returning();
  if (!row) throw new Error("no entity");
  return row;
}

async function createUserRow(entity: Entity, extra: Partial<typeof users.$inferInsert> = {}): Promise<User> {
  const [row] = await db
    .insert(users)
    .values({ email: `${unique("user")}@test.local`, name: unique("User"), entityId: entity.id, ...extra })
    .returning();
  if (!row) throw new Error("no user");
  return row;
}

function principalOf(user: User, entity: Entity): Principal {
  return { userId: user.id, role: user.role, entityId: entity.id, entityPath: entity.path, name: user.name, email: user.email, via: "session", scopes: null, tokenId: null };
}

async function actor(entity: Entity, role: UserRole, extra: Partial<typeof users.$inferInsert> = {}) {
  const user = await createUserRow(entity, { role, ...extra });
  return { user, principal: principalOf(user, entity) };
}

/** One organisation: root → dept A (→ team A1) and dept B, with an admin in each department. */
async function organisation() {
  const root = await createEntityRow();
  const deptA = await createEntityRow(root);
  const teamA1 = await createEntityRow(deptA);
  const deptB = await createEntityRow(root);
  const adminA = await actor(deptA, "admin");
  const adminB = await actor(deptB, "admin");
  const managerA = await actor(deptA, "manager");
  return { root, deptA, teamA1, deptB, adminA, adminB, managerA };
}

async function auditRows(userId: number) {
  return db
    .select()
    .from(auditLog)
    .where(and(eq(auditLog.tableName, "users"), eq(auditLog.rowKey, String(userId))))
    .orderBy(auditLog.id);
}

const newUser = (entityId: number, extra: Record<string, unknown> = {}) =>
  userCreateSchema.parse({ email: `${unique("new")}@test.local`, name: "New Person", role: "employee", entity_id: entityId, ...extra });

// ── scope ────────────────────────────────────────────────────────────────────────────────────

describe("scope", () => {
  it("lets an admin read users in their subtree and answers 404 for another department", async () => {
    const org = await organisation();
    const inA1 = await createUserRow(org.teamA1);
    const inB = await createUserRow(org.deptB);

    const page = await listUsers(db, org.adminA.principal, userListQuerySchema.parse({ limit: "100" }));
    const ids = page.items.map((u) => u.id);
    expect(ids).toContain(inA1.id);
    expect(ids).not.toContain(inB.id);
    expect((await getUser(db, org.adminA.principal, { id: inA1.id })).id).toBe(inA1.id);
    await expect(getUser(db, org.adminA.principal, { id: inB.id })).rejects.toMatchObject({ status: 404 });
    await expect(updateUser(db, org.adminA.principal, { id: inB.id, changes: { name: "Taken over" } })).rejects.toMatchObject({ status: 404 });
    await expect(deactivateUser(db, org.adminA.principal, { id: inB.id })).rejects.toMatchObject({ status: 404 });
  });

  it("lets a manager read their subtree and direct reports elsewhere, but nobody else", async () => {
    const org = await organisation();
    const report = await createUserRow(org.deptB, { managerId: org.managerA.user.id });
    const stranger = await createUserRow(org.deptB);
    expect((await getUser(db, org.managerA.principal, { id: report.id })).id).toBe(report.id);
    await expect(getUser(db, org.managerA.principal, { id: stranger.id })).rejects.toMatchObject({ status: 404 });
    const ids = (await listUsers(db, org.managerA.principal, {})).items.map((u) => u.id);
    expect(ids).toContain(report.id);
    expect(ids).not.toContain(stranger.id);
  });

  it("refuses writes by a manager and lists to an employee, who only sees themself via /api/me", async () => {
    const org = await organisation();
    const employee = await actor(org.teamA1, "employee");
    await expect(createUser(db, org.managerA.principal, newUser(org.deptA.id))).rejects.toMatchObject({ status: 403 });
    await expect(updateUser(db, org.managerA.principal, { id: employee.user.id, changes: { name: "x" } })).rejects.toMatchObject({ status: 403 });
    await expect(listUsers(db, employee.principal, {})).rejects.toMatchObject({ status: 403 });
    await expect(getUser(db, employee.principal, { id: org.adminA.user.id })).rejects.toMatchObject({ status: 403 });
    expect((await getMe(db, employee.principal)).id).toBe(employee.user.id);
  });

  it("places users only inside the admin's subtree, with a manager and profession in scope", async () => {
    const org = await organisation();
    const created = await createUser(db, org.adminA.principal, newUser(org.teamA1.id, { manager_id: org.managerA.user.id }));
    expect(created).toMatchObject({ entity_id: org.teamA1.id, manager_id: org.managerA.user.id, role: "employee" });

    await expect(createUser(db, org.adminA.principal, newUser(org.deptB.id))).rejects.toMatchObject({ status: 404 });
    await expect(createUser(db, org.adminA.principal, newUser(org.deptA.id, { manager_id: org.adminB.user.id }))).rejects.toMatchObject({ status: 404 });
    await expect(updateUser(db, org.adminA.principal, { id: created.id, changes: { entity_id: org.deptB.id } })).rejects.toMatchObject({ status: 404 });
    await expect(updateUser(db, org.adminA.principal, { id: created.id, changes: { manager_id: created.id } })).rejects.toMatchObject({ status: 422 });

    const [foreign] = await db.insert(professions).values({ name: unique("Foreign"), entityId: (await createEntityRow()).id }).returning();
    if (!foreign) throw new Error("no profession");
    await expect(updateUser(db, org.adminA.principal, { id: created.id, changes: { profession_id: foreign.id } })).rejects.toMatchObject({ status: 404 });
  });

  it("keeps roles with admins, and nobody changes their own role or escalates", async () => {
    const org = await organisation();
    const employee = await actor(org.teamA1, "employee");
    const promoted = await updateUser(db, org.adminA.principal, { id: employee.user.id, changes: { role: "manager" } });
    expect(promoted.role).toBe("manager");
    await expect(updateUser(db, org.managerA.principal, { id: org.managerA.user.id, changes: { role: "admin" } })).rejects.toMatchObject({ status: 403 });
    await expect(updateUser(db, org.adminA.principal, { id: org.adminA.user.id, changes: { role: "employee" } })).rejects.toMatchObject({ status: 403 });
    expect(meUpdateSchema.safeParse({ role: "admin" }).success).toBe(false);
  });
});

// ── input rules ──────────────────────────────────────────────────────────────────────────────

describe("mass assignment", () => {
  it("refuses fields a caller may not set, in every schema", () => {
    for (const body of [{ role: "admin" }, { entity_id: 1 }, { manager_id: 2 }, { is_active: false }, { email: "x@y.z" }, { session_version: 9 }]) {
      const parsed = meUpdateSchema.safeParse(body);
      expect(parsed.success).toBe(false);
      expect(parsed.error?.issues[0]?.code).toBe("unrecognized_keys");
    }
    expect(userCreateSchema.safeParse({ email: "a@b.co", name: "A", role: "employee", entity_id: 1, created_by: 3 }).success).toBe(false);
    expect(userUpdateSchema.safeParse({ password_hash: "x" }).success).toBe(false);
    expect(meUpdateSchema.safeParse({ name: "Me", time_zone: "Europe/Berlin" }).success).toBe(true);
  });

  it("refuses a common or short password and a new password without the current one", () => {
    expect(userCreateSchema.safeParse({ email: "a@b.co", name: "A", role: "employee", entity_id: 1, password: "password1" }).success).toBe(false);
    expect(meUpdateSchema.safeParse({ password: "short" }).success).toBe(false);
    expect(meUpdateSchema.safeParse({ password: "correct horse battery staple" }).success).toBe(false);
  });
});

describe("email uniqueness", () => {
  it("answers 409 for an email that differs only in case, on create and on update", async () => {
    const org = await organisation();
    const first = await createUser(db, org.adminA.principal, newUser(org.deptA.id, { email: "Ada.Lovelace@Test.local" }));
    const again = createUser(db, org.adminA.principal, newUser(org.deptA.id, { email: "ada.lovelace@test.LOCAL" }));
    await expect(again).rejects.toMatchObject({ status: 409, message: "A user with this email address already exists." });
    const other = await createUser(db, org.adminA.principal, newUser(org.deptA.id));
    await expect(updateUser(db, org.adminA.principal, { id: other.id, changes: { email: "ADA.lovelace@test.local" } })).rejects.toMatchObject({ status: 409 });
    // Keeping one's own address (in another case) is not a conflict.
    expect((await updateUser(db, org.adminA.principal, { id: first.id, changes: { email: "ada.lovelace@test.local" } })).email).toBe("ada.lovelace@test.local");
  });
});

describe("optimistic versions", () => {
  it("answers 409 for a stale body version and 412 for a stale If-Match", async () => {
    const org = await organisation();
    const user = await createUser(db, org.adminA.principal, newUser(org.deptA.id));
    const updated = await updateUser(db, org.adminA.principal, { id: user.id, changes: { name: "Renamed", version: user.version } });
    expect(updated.version).toBe(user.version + 1);
    await expect(updateUser(db, org.adminA.principal, { id: user.id, changes: { name: "Late", version: user.version } })).rejects.toMatchObject({ status: 409 });
    await expect(updateUser(db, org.adminA.principal, { id: user.id, changes: { name: "Late" }, ifMatch: user.version })).rejects.toMatchObject({ status: 412 });
    expect((await getUser(db, org.adminA.principal, { id: user.id })).name).toBe("Renamed");
  });
});

// ── sessions ─────────────────────────────────────────────────────────────────────────────────

describe("deactivation and sessions", () => {
  it("deactivates a user and ends their session at once", async () => {
    const org = await organisation();
    const target = await createUserRow(org.teamA1);
    expect(await principalFromSession(db, { uid: target.id, sv: target.sessionVersion })).not.toBeNull();
    const result = await deactivateUser(db, org.adminA.principal, { id: target.id });
    expect(result.is_active).toBe(false);
    const [row] = await db.select().from(users).where(eq(users.id, target.id));
    expect(row?.sessionVersion).toBe(target.sessionVersion + 1);
    expect(await principalFromSession(db, { uid: target.id, sv: target.sessionVersion })).toBeNull();

    // PATCH is_active=false is the same deactivation and ends sessions too.
    const other = await createUserRow(org.teamA1);
    await updateUser(db, org.adminA.principal, { id: other.id, changes: { is_active: false } });
    const [otherRow] = await db.select().from(users).where(eq(users.id, other.id));
    expect(otherRow).toMatchObject({ isActive: false, sessionVersion: other.sessionVersion + 1 });
  });

  it("refuses deactivating yourself", async () => {
    const org = await organisation();
    await expect(deactivateUser(db, org.adminA.principal, { id: org.adminA.user.id })).rejects.toMatchObject({ status: 403 });
    await expect(updateUser(db, org.adminA.principal, { id: org.adminA.user.id, changes: { is_active: false } })).rejects.toMatchObject({ status: 403 });
    const [row] = await db.select().from(users).where(eq(users.id, org.adminA.user.id));
    expect(row?.isActive).toBe(true);
  });

  it("revokes sessions for admins in scope only", async () => {
    const org = await organisation();
    const target = await createUserRow(org.teamA1);
    await revokeUserSessions(db, org.adminA.principal, { id: target.id });
    const [row] = await db.select().from(users).where(eq(users.id, target.id));
    expect(row?.sessionVersion).toBe(target.sessionVersion + 1);
    expect(row?.isActive).toBe(true);
    await expect(revokeUserSessions(db, org.managerA.principal, { id: target.id })).rejects.toMatchObject({ status: 403 });
    await expect(revokeUserSessions(db, org.adminB.principal, { id: target.id })).rejects.toMatchObject({ status: 404 });
  });
});

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
