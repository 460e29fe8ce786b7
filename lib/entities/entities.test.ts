// Entity services against a real database: the materialised path on create and move, refusals
// outside the admin's subtree, cycles, deactivation rules, optimistic versions and audit rows.
import { and, eq, like } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { auditLog, entities, type Entity, type User, users, type UserRole } from "../../db/schema";
import { openTestDatabase } from "../../test/db";
import type { Principal } from "../auth/principal";
import { createEntity, deactivateEntity, entityTree, getEntity, listEntities, updateEntity } from "./entities";
import { entityCreateSchema, entityUpdateSchema } from "./validators";

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

async function createUserRow(entity: Entity, role: UserRole = "employee"): Promise<User> {
  const [row] = await db
    .insert(users)
    .values({ email: `${unique("user")}@test.local`, name: unique("User"), entityId: entity.id, role })
    .returning();
  if (!row) throw new Error("no user");
  return row;
}

async function actor(entity: Entity, role: UserRole): Promise<Principal> {
  const user = await createUserRow(entity, role);
  return { userId: user.id, role, entityId: entity.id, entityPath: entity.path, name: user.name, email: user.email, via: "session", scopes: null, tokenId: null };
}

async function organisation() {
  const root = await createEntityRow();
  const deptA = await createEntityRow(root);
  const deptB = await createEntityRow(root);
  return { root, deptA, deptB, adminA: await actor(deptA, "admin"), managerA: await actor(deptA, "manager") };
}

const create = (principal: Principal, parentId: number, extra: Record<string, unknown> = {}) =>
  createEntity(db, principal, entityCreateSchema.parse({ name: unique("Unit"), parent_id: parentId, ...extra }));

async function pathOf(id: number) {
  const [row] = await db.select({ path: entities.path, rootId: entities.rootId }).from(entities).where(eq(entities.id, id));
  return row;
}

// ── tests ────────────────────────────────────────────────────────────────────────────────────

describe("create", () => {
  it("computes path and root id from the parent, with one audit row", async () => {
    const org = await organisation();
    const team = await create(org.adminA, org.deptA.id, { time_zone: "Europe/Berlin", default_language: "de", advanced_threshold: 0.7 });
    expect(team).toMatchObject({ parent_id: org.deptA.id, root_id: org.root.id, path: `${org.deptA.path}${team.id}/`, default_language: "de", advanced_threshold: 0.7 });
    const squad = await create(org.adminA, team.id);
    expect(squad.path).toBe(`${team.path}${squad.id}/`);
    const audit = await db.select().from(auditLog).where(and(eq(auditLog.tableName, "entities"), eq(auditLog.rowKey, String(team.id))));
    expect(audit.map((r) => [r.action, r.actorId])).toEqual([["insert", org.adminA.userId]]);
  });

  it("answers 404 for a parent outside the admin's subtree and refuses non-admins", async () => {
    const org = await organisation();
    await expect(create(org.adminA, org.deptB.id)).rejects.toMatchObject({ status: 404 });
    await expect(create(org.adminA, org.root.id)).rejects.toMatchObject({ status: 404 });
    await expect(create(org.managerA, org.deptA.id)).rejects.toMatchObject({ status: 403 });
    await expect(create(org.adminA, org.deptA.id, { default_language: "xx" })).rejects.toMatchObject({ status: 422 });
  });

  it("refuses unknown fields and out-of-range settings in the schema", () => {
    expect(entityCreateSchema.safeParse({ name: "X", parent_id: 1, path: "/1/" }).success).toBe(false);
    expect(entityCreateSchema.safeParse({ name: "X", parent_id: 1, root_id: 1 }).success).toBe(false);
    expect(entityCreateSchema.safeParse({ name: "X", parent_id: 1, advanced_threshold: 1.5 }).success).toBe(false);
    expect(entityCreateSchema.safeParse({ name: "X", parent_id: 1, time_zone: "Mars/Olympus" }).success).toBe(false);
    expect(entityUpdateSchema.safeParse({ score_weights: { completion: 0, help: 0, timing: 0, quality: 0, technical: 0 } }).success).toBe(false);
    expect(entityUpdateSchema.safeParse({ score_weights: { completion: 0.5, help: 0.1, timing: 0.1, quality: 0.2, technical: 0.1 } }).success).toBe(true);
  });
});

describe("read", () => {
  it("shows the admin's and manager's subtree only", async () => {
    const org = await organisation();
    const team = await create(org.adminA, org.deptA.id);
    expect((await getEntity(db, org.managerA, { id: team.id })).id).toBe(team.id);
    await expect(getEntity(db, org.adminA, { id: org.deptB.id })).rejects.toMatchObject({ status: 404 });
    await expect(getEntity(db, org.adminA, { id: org.root.id })).rejects.toMatchObject({ status: 404 });
    const listed = (await listEntities(db, org.adminA, { limit: 100 })).items.map((e) => e.id);
    expect(listed.sort()).toEqual([org.deptA.id, team.id].sort());
    const tree = await entityTree(db, org.adminA);
    expect(tree.find((n) => n.id === org.deptA.id)?.active_users).toBe(2);
  });
});

describe("move", () => {
  it("rewrites the path of the entity and all its descendants", async () => {
    const org = await organisation();
    const left = await create(org.adminA, org.deptA.id);
    const right = await create(org.adminA, org.deptA.id);
    const child = await create(org.adminA, left.id);
    const grandchild = await create(org.adminA, child.id);
    const moved = await updateEntity(db, org.adminA, { id: child.id, changes: { parent_id: right.id, version: child.version } });
    expect(moved).toMatchObject({ parent_id: right.id, path: `${right.path}${child.id}/`, version: child.version + 1 });
    expect(await pathOf(grandchild.id)).toEqual({ path: `${right.path}${child.id}/${grandchild.id}/`, rootId: org.root.id });
    expect(await db.select().from(entities).where(like(entities.path, `${left.path}%`))).toHaveLength(1);
  });

  it("refuses moving an entity below itself or its descendant, and outside the subtree", async () => {
    const org = await organisation();
    const parent = await create(org.adminA, org.deptA.id);
    const child = await create(org.adminA, parent.id);
    await expect(updateEntity(db, org.adminA, { id: parent.id, changes: { parent_id: child.id } })).rejects.toMatchObject({ status: 422 });
    await expect(updateEntity(db, org.adminA, { id: parent.id, changes: { parent_id: parent.id } })).rejects.toMatchObject({ status: 422 });
    await expect(updateEntity(db, org.adminA, { id: org.deptA.id, changes: { parent_id: parent.id } })).rejects.toMatchObject({ status: 422 });
    await expect(updateEntity(db, org.adminA, { id: parent.id, changes: { parent_id: org.deptB.id } })).rejects.toMatchObject({ status: 404 });
    expect((await pathOf(parent.id))?.path).toBe(parent.path);
  });
});

describe("update", () => {
  it("renames with the current version and answers 409 / 412 for a stale one", async () => {
    const org = await organisation();
    const unit = await create(org.adminA, org.deptA.id);
    const renamed = await updateEntity(db, org.adminA, { id: unit.id, changes: { name: "Renamed", version: unit.version } });
    expect(renamed.name).toBe("Renamed");
    await expect(updateEntity(db, org.adminA, { id: unit.id, changes: { name: "Late", version: unit.version } })).rejects.toMatchObject({ status: 409 });
    await expect(updateEntity(db, org.adminA, { id: unit.id, changes: { name: "Late" }, ifMatch: unit.version })).rejects.toMatchObject({ status: 412 });
    await expect(updateEntity(db, org.managerA, { id: unit.id, changes: { name: "Manager" } })).rejects.toMatchObject({ status: 403 });
    await expect(updateEntity(db, org.adminA, { id: org.deptB.id, changes: { name: "Foreign" } })).rejects.toMatchObject({ status: 404 });
  });
});

describe("deactivate", () => {
  it("is refused while active users or child entities remain, and for your own entity", async () => {
    const org = await organisation();
    const unit = await create(org.adminA, org.deptA.id);
    const child = await create(org.adminA, unit.id);
    await expect(deactivateEntity(db, org.adminA, { id: unit.id })).rejects.toMatchObject({ status: 409 });
    const worker = await createUserRow(await getEntityRow(child.id));
    await expect(deactivateEntity(db, org.adminA, { id: child.id })).rejects.toMatchObject({ status: 409 });
    await db.update(users).set({ isActive: false }).where(eq(users.id, worker.id));
    expect((await deactivateEntity(db, org.adminA, { id: child.id })).is_active).toBe(false);
    expect((await deactivateEntity(db, org.adminA, { id: unit.id })).is_active).toBe(false);
    await expect(deactivateEntity(db, org.adminA, { id: org.deptA.id })).rejects.toMatchObject({ status: 403 });
    // Creating below a deactivated entity is refused.
    await expect(create(org.adminA, unit.id)).rejects.toMatchObject({ status: 422 });
  });
});

async function getEntityRow(id: number): Promise<Entity> {
  const [row] = await db.select().from(entities).where(eq(entities.id, id));
  if (!row) throw new Error("no entity");
  return row;
}
