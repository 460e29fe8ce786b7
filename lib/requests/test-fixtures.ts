// Shared set-up of the task request tests: an organisation with two departments, an outsider in
// another organisation, tasks to ask help on, and readers of the audit and outbox rows a call left.
import { randomBytes } from "node:crypto";
import { and, eq, inArray, sql } from "drizzle-orm";
import { afterAll, beforeAll, expect } from "vitest";
import { type Database, type Db, type DbOrTx, queryRows } from "../../db/client";
import { type Entity, events, taskAssignee, tasks, type User } from "../../db/schema";
import { createTestDatabase } from "../../test/db";
import { createEntity, createOrganisation, createUser, principalOf, unique } from "../../test/factories";
import { ApiError } from "../api/errors";
import type { Principal } from "../auth/principal";
import { generateKeyEntry } from "../crypto/keyring";
import { statusIdOf } from "../statuses/service";

// Keys of this run only: with DATABASE_URL both are required, and without them the defaults would
// write key files into the working tree.
process.env.GROUNDWORK_ENCRYPTION_KEYS ??= generateKeyEntry("requests-test");
process.env.NEXTAUTH_SECRET ??= randomBytes(48).toString("base64url");

export type Actor = { user: User; principal: Principal };

const actor = (user: User, entity: Entity): Actor => ({ user, principal: principalOf(user, entity) });

/**
 * company ─┬─ department (manager; employee and peer report to them)
 *          └─ otherDepartment (otherManager; colleague reports to them)
 * foreignOrg (outsider): another organisation altogether.
 */
export async function createRequestWorld(db: DbOrTx) {
  const org = await createOrganisation(db);
  const otherDepartment = await createEntity(db, { parent: org.company });
  const otherManager = await createUser(db, otherDepartment, { role: "manager" });
  const colleague = await createUser(db, otherDepartment, { manager: otherManager });
  const foreignOrg = await createEntity(db);
  const outsider = await createUser(db, foreignOrg);
  const foreignManager = await createUser(db, foreignOrg, { role: "manager" });
  return {
    ...org,
    otherDepartment,
    otherManager: actor(otherManager, otherDepartment),
    colleague: actor(colleague, otherDepartment),
    foreignOrg,
    outsider: actor(outsider, foreignOrg),
    foreignManager: actor(foreignManager, foreignOrg),
  };
}

export type RequestWorld = Awaited<ReturnType<typeof createRequestWorld>>;

/**
 * Gives the calling test file its own database holding a request world: opened before its tests
 * (handed to `ready`, which keeps what it needs) and closed after them.
 */
export function setUpRequestWorld(ready: (opened: { db: Db; w: RequestWorld }) => void): void {
  let database: Database | undefined;
  beforeAll(async () => {
    database = await createTestDatabase();
    ready({ db: database.db, w: await createRequestWorld(database.db) });
  });
  afterAll(async () => {
    await database?.close();
  });
}

/** A task of `entity` assigned to `owner`: the work a help request points at. */
export async function createAssignedTask(db: DbOrTx, entity: Entity, owner: User, projectId: number | null = null) {
  const [task] = await db
    .insert(tasks)
    .values({ name: unique("Task"), entityId: entity.id, projectId, statusId: await statusIdOf(db, "task", "in_progress") })
    .returning();
  if (!task) throw new Error("no task");
  await db.insert(taskAssignee).values({ taskId: task.id, assigneeId: owner.id, role: "owner" });
  return task;
}

/** The same principal with a request id of its own, so the audit rows of one call can be found. */
export function freshCall(principal: Principal): Principal {
  return { ...principal, requestId: unique("req") };
}

export async function expectApiError(promise: Promise<unknown>, code: ApiError["code"]): Promise<ApiError> {
  const error: unknown = await promise.then(
    () => undefined,
    (err: unknown) => err,
  );
  expect(error).toBeInstanceOf(ApiError);
  expect((error as ApiError).code).toBe(code);
  return error as ApiError;
}

/** "table:action" of every audit row a call with this request id left, sorted. */
export async function auditTrail(db: DbOrTx, requestId: string | undefined): Promise<string[]> {
  const rows = await queryRows<{ table_name: string; action: string }>(
    db,
    sql`select table_name, action from audit_log where request_id = ${requestId ?? ""} order by table_name, action`,
  );
  return rows.map((r) => `${r.table_name}:${r.action}`);
}

export async function eventsAbout(db: DbOrTx, requestId: number, types: string[]) {
  return db
    .select()
    .from(events)
    .where(and(inArray(events.type, types), sql`${events.payload}->>'task_request_id' = ${String(requestId)}`))
    .orderBy(events.id);
}

export async function assigneesOfTask(db: DbOrTx, taskId: number) {
  return db
    .select({ assigneeId: taskAssignee.assigneeId, role: taskAssignee.role })
    .from(taskAssignee)
    .where(eq(taskAssignee.taskId, taskId))
    .orderBy(taskAssignee.assigneeId);
}

export async function countTasksNamed(db: DbOrTx, name: string): Promise<number> {
  return (await db.select({ id: tasks.id }).from(tasks).where(eq(tasks.name, name))).length;
}
