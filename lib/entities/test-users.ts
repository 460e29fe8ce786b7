// Rows for the users and /api/me tests (users.test.ts, users-personal.test.ts): entities, users
// and principals written straight to the database, and the audit rows a user change left.
import { and, eq } from "drizzle-orm";
import type { Db } from "../../db/client";
import { auditLog, entities, type Entity, type User, users, type UserRole } from "../../db/schema";
import type { Principal } from "../auth/principal";
import { userCreateSchema } from "./validators";

let serial = 0;

/** The factories, on the database `dbOf` gives when they run (a test file opens it in beforeAll). */
export function userTestFactories(dbOf: () => Db) {
  const unique = (prefix: string) => `${prefix}-${++serial}`;

  async function createEntityRow(parent?: Entity): Promise<Entity> {
    const [inserted] = await dbOf().insert(entities).values({ name: unique("Entity"), parentId: parent?.id ?? null }).returning();
    if (!inserted) throw new Error("no entity");
    const [row] = await dbOf()
      .update(entities)
      .set({ path: `${parent?.path ?? "/"}${inserted.id}/`, rootId: parent ? (parent.rootId ?? parent.id) : inserted.id })
      .where(eq(entities.id, inserted.id))
      .returning();
    if (!row) throw new Error("no entity");
    return row;
  }

  async function createUserRow(entity: Entity, extra: Partial<typeof users.$inferInsert> = {}): Promise<User> {
    const [row] = await dbOf()
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
    return dbOf()
      .select()
      .from(auditLog)
      .where(and(eq(auditLog.tableName, "users"), eq(auditLog.rowKey, String(userId))))
      .orderBy(auditLog.id);
  }

  const newUser = (entityId: number, extra: Record<string, unknown> = {}) =>
    userCreateSchema.parse({ email: `${unique("new")}@test.local`, name: "New Person", role: "employee", entity_id: entityId, ...extra });

  return { unique, createEntityRow, createUserRow, principalOf, actor, organisation, auditRows, newUser };
}
