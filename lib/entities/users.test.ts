// Users services against a real database: scope (404 outside it), permissions, mass assignment,
// email uniqueness, optimistic versions, deactivation and sessions. Personal fields, /api/me, audit
// and lists: users-personal.test.ts.
import { eq } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { professions, users } from "../../db/schema";
import { openTestDatabase } from "../../test/db";
import { principalFromSession } from "../auth/principal";
import { generateKeyEntry } from "../crypto/keyring";
import { getMe } from "./me";
import { createUser, deactivateUser, getUser, listUsers, revokeUserSessions, updateUser } from "./users";
import { userTestFactories } from "./test-users";
import { meUpdateSchema, userCreateSchema, userListQuerySchema, userUpdateSchema } from "./validators";

// A key of this run only: with DATABASE_URL the key ring is required, and without it the default
// would write a key file into the working tree.
process.env.GROUNDWORK_ENCRYPTION_KEYS ??= generateKeyEntry("test");

const { db } = await openTestDatabase();

const { unique, createEntityRow, createUserRow, actor, organisation, newUser } = userTestFactories(() => db);

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
