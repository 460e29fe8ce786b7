// Profession services against a real database: organisation-wide reads, writes by the owning
// subtree's admins only, name uniqueness, deactivation, mass assignment and audit rows.
import { and, eq } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { auditLog, entities, type Entity, professions, specializations, users, type UserRole } from "../../db/schema";
import { openTestDatabase } from "../../test/db";
import type { Principal } from "../auth/principal";
import { generateKeyEntry } from "../crypto/keyring";
import { createProfession, deactivateProfession, getProfession, listProfessions, updateProfession } from "./professions";
import { createUser } from "./users";
import { professionCreateSchema, professionUpdateSchema, userCreateSchema } from "./validators";

process.env.GROUNDWORK_ENCRYPTION_KEYS ??= generateKeyEntry("test");

const { db } = await openTestDatabase();

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

async function actor(entity: Entity, role: UserRole): Promise<Principal> {
  const [user] = await db
    .insert(users)
    .values({ email: `${unique("user")}@test.local`, name: unique("User"), entityId: entity.id, role })
    .returning();
  if (!user) throw new Error("no user");
  return { userId: user.id, role, entityId: entity.id, entityPath: entity.path, name: user.name, email: user.email, via: "session", scopes: null, tokenId: null };
}

async function organisation() {
  const root = await createEntityRow();
  const deptA = await createEntityRow(root);
  const deptB = await createEntityRow(root);
  return {
    root,
    deptA,
    deptB,
    rootAdmin: await actor(root, "admin"),
    adminA: await actor(deptA, "admin"),
    adminB: await actor(deptB, "admin"),
    employeeB: await actor(deptB, "employee"),
  };
}

const create = (principal: Principal, extra: Record<string, unknown> = {}) =>
  createProfession(db, principal, professionCreateSchema.parse({ name: unique("Profession"), ...extra }));

// ── tests ────────────────────────────────────────────────────────────────────────────────────

describe("read", () => {
  it("shows a profession to everyone in the organisation and to nobody outside it", async () => {
    const org = await organisation();
    const other = await organisation();
    const welder = await create(org.adminA, { description: "Joins metal" });
    expect(welder).toMatchObject({ entity_id: org.deptA.id, is_active: true, description: "Joins metal" });
    expect((await getProfession(db, org.employeeB, { id: welder.id })).name).toBe(welder.name);
    expect((await listProfessions(db, org.employeeB, { limit: 100 })).items.map((p) => p.id)).toContain(welder.id);
    await expect(getProfession(db, other.adminA, { id: welder.id })).rejects.toMatchObject({ status: 404 });
    expect((await listProfessions(db, other.employeeB, { limit: 100 })).items.map((p) => p.id)).not.toContain(welder.id);
  });
});

describe("write", () => {
  it("gives a new profession its three specialization levels", async () => {
    const org = await organisation();
    const welder = await create(org.adminA);
    const levels = await db.select({ level: specializations.level }).from(specializations).where(eq(specializations.professionId, welder.id));
    expect(levels.map((l) => l.level).sort()).toEqual(["advanced", "beginner", "intermediate"]);
  });

  it("lets the owning subtree's admins edit, answers 403 to other departments and 404 to other organisations", async () => {
    const org = await organisation();
    const other = await organisation();
    const nurse = await create(org.adminA);
    expect((await updateProfession(db, org.adminA, { id: nurse.id, changes: { name: "Nurse" } })).name).toBe("Nurse");
    expect((await updateProfession(db, org.rootAdmin, { id: nurse.id, changes: { description: "Cares" } })).description).toBe("Cares");
    await expect(updateProfession(db, org.adminB, { id: nurse.id, changes: { name: "Hijacked" } })).rejects.toMatchObject({ status: 403 });
    await expect(updateProfession(db, other.adminA, { id: nurse.id, changes: { name: "Hijacked" } })).rejects.toMatchObject({ status: 404 });
    await expect(create(org.employeeB)).rejects.toMatchObject({ status: 403 });
    const [row] = await db.select().from(professions).where(eq(professions.id, nurse.id));
    expect(row?.name).toBe("Nurse");
  });

  it("answers 409 for a name already used in the organisation, in any case", async () => {
    const org = await organisation();
    const name = unique("Baker");
    await create(org.adminA, { name });
    await expect(create(org.adminB, { name: name.toUpperCase() })).rejects.toMatchObject({ status: 409 });
    const other = await create(org.adminA);
    await expect(updateProfession(db, org.adminA, { id: other.id, changes: { name } })).rejects.toMatchObject({ status: 409 });
  });

  it("refuses fields a client may not set", () => {
    expect(professionCreateSchema.safeParse({ name: "X", entity_id: 1 }).success).toBe(false);
    expect(professionUpdateSchema.safeParse({ created_at: "2020-01-01" }).success).toBe(false);
    expect(professionCreateSchema.safeParse({ name: "   " }).success).toBe(false);
  });
});

describe("deactivate", () => {
  it("deactivates once (one audit row) and a deactivated profession is no longer assignable", async () => {
    const org = await organisation();
    const cook = await create(org.adminA);
    expect((await deactivateProfession(db, org.adminA, { id: cook.id })).is_active).toBe(false);
    expect((await deactivateProfession(db, org.adminA, { id: cook.id })).is_active).toBe(false);
    const audit = await db.select().from(auditLog).where(and(eq(auditLog.tableName, "professions"), eq(auditLog.rowKey, String(cook.id))));
    expect(audit.map((r) => [r.action, r.actorId])).toEqual([
      ["insert", org.adminA.userId],
      ["update", org.adminA.userId],
    ]);
    const body = userCreateSchema.parse({ email: `${unique("cook")}@test.local`, name: "Cook", role: "employee", entity_id: org.deptA.id, profession_id: cook.id });
    await expect(createUser(db, org.adminA, body)).rejects.toMatchObject({ status: 422 });
    await expect(deactivateProfession(db, org.adminB, { id: cook.id })).rejects.toMatchObject({ status: 403 });
  });
});
