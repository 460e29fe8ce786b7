// Editing and deleting tasks: only name, description and due date change here (status_id is
// refused toward /api/progress/update), versions guard against lost updates, and a task with
// completed work is never deleted. Every write leaves audit rows and an event.
import { and, count, eq, inArray } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { auditLog, checklistItems, checklists, events, guideables, taskResults, tasks, taskSteps } from "../../db/schema";
import { openTestDatabase } from "../../test/db";
import { createEntity, createGuide, createOrganisation, createProgram, createUser, principalOf } from "../../test/factories";
import { startOnboarding } from "../onboarding/service";
import { statusIdOf } from "../statuses/service";
import { assignTasks } from "./assign";
import { deleteTask, updateTask } from "./edit";
import { taskUpdateSchema } from "./validators";

const { db } = await openTestDatabase();

async function assignedFamily() {
  const org = await createOrganisation(db);
  const { taskIdByName } = await createProgram(db, {
    milestones: [{ name: "T", offset: 0, duration: 1, tasks: [{ name: "Parent" }, { name: "Child", parents: ["Parent"] }] }],
  });
  const { tasks: created } = await assignTasks(db, org.manager.principal, { templateId: taskIdByName.get("Parent") ?? 0, userIds: [org.employee.user.id] });
  const [parent, child] = created;
  if (!parent || !child) throw new Error("nothing assigned");
  return { org, parent, child };
}

const auditOf = (id: number, action: string) =>
  db
    .select({ actorId: auditLog.actorId })
    .from(auditLog)
    .where(and(eq(auditLog.tableName, "tasks"), eq(auditLog.rowKey, String(id)), eq(auditLog.action, action)));

describe("updateTask", () => {
  it("changes name, description and due date, bumps the version, audits and emits task.updated", async () => {
    const { org, parent } = await assignedFamily();
    const updated = await updateTask(db, org.manager.principal, {
      id: parent.id,
      changes: taskUpdateSchema.parse({ name: "Renamed", description: "Now with context", due_date: "2031-03-14", version: parent.version }),
    });
    expect(updated).toMatchObject({ name: "Renamed", description: "Now with context", due_date: "2031-03-14T22:59:59.000Z", version: parent.version + 1 });
    expect(await auditOf(parent.id, "update")).toEqual([{ actorId: org.manager.user.id }]);
    const [event] = await db.select().from(events).where(and(eq(events.type, "task.updated"), eq(events.userId, org.employee.user.id)));
    expect(event?.payload).toEqual({ task_id: parent.id, changed: ["name", "description", "due_date"] });

    // Clearing the due date, and a PATCH that changes nothing (no version bump, no audit row).
    const cleared = await updateTask(db, org.admin.principal, { id: parent.id, changes: { due_date: null } });
    expect(cleared).toMatchObject({ due_date: null, version: parent.version + 2 });
    const same = await updateTask(db, org.admin.principal, { id: parent.id, changes: { name: "Renamed" } });
    expect(same.version).toBe(parent.version + 2);
    expect(await auditOf(parent.id, "update")).toHaveLength(2);
  });

  it("refuses status_id with a pointer to /api/progress/update, in the schema and in the service", async () => {
    const { org, parent } = await assignedFamily();
    const parsed = taskUpdateSchema.safeParse({ status_id: 5 });
    expect(parsed.success).toBe(false);
    expect(parsed.error?.issues[0]).toMatchObject({ path: ["status_id"], message: expect.stringContaining("/api/progress/update") as unknown });
    await expect(updateTask(db, org.manager.principal, { id: parent.id, changes: { status_id: 5 } })).rejects.toMatchObject({
      status: 422,
      message: expect.stringContaining("/api/progress/update") as unknown,
    });
    expect(taskUpdateSchema.safeParse({ completed_at: "2025-01-01" }).success).toBe(false);
  });

  it("answers a stale body version with 409 and a stale If-Match with 412, changing nothing", async () => {
    const { org, parent } = await assignedFamily();
    await updateTask(db, org.manager.principal, { id: parent.id, changes: { name: "First edit" } });
    await expect(updateTask(db, org.manager.principal, { id: parent.id, changes: { name: "Lost", version: parent.version } })).rejects.toMatchObject({ status: 409 });
    await expect(updateTask(db, org.manager.principal, { id: parent.id, changes: { name: "Lost" }, ifMatch: parent.version })).rejects.toMatchObject({ status: 412 });
    const [row] = await db.select().from(tasks).where(eq(tasks.id, parent.id));
    expect(row?.name).toBe("First edit");
  });

  it("refuses employees (403), tasks outside scope (404), finished tasks (409) and past due dates (422)", async () => {
    const { org, parent, child } = await assignedFamily();
    await expect(updateTask(db, org.employee.principal, { id: parent.id, changes: { name: "Mine" } })).rejects.toMatchObject({ status: 403 });
    const sibling = await createEntity(db, { parent: org.company });
    const siblingManager = await createUser(db, sibling, { role: "manager" });
    await expect(updateTask(db, principalOf(siblingManager, sibling), { id: parent.id, changes: { name: "Theirs" } })).rejects.toMatchObject({ status: 404 });
    await expect(updateTask(db, org.manager.principal, { id: parent.id, changes: { due_date: "2020-01-01" } })).rejects.toMatchObject({ status: 422 });
    await db
      .update(tasks)
      .set({ statusId: await statusIdOf(db, "task", "done") })
      .where(eq(tasks.id, child.id));
    await expect(updateTask(db, org.manager.principal, { id: child.id, changes: { name: "After the fact" } })).rejects.toMatchObject({ status: 409 });
  });
});

describe("deleteTask", () => {
  it("deletes a task with its child tasks, their guide links, audited, with a task.deleted event", async () => {
    const org = await createOrganisation(db);
    const guide = await createGuide(db);
    const program = await createProgram(db, {
      milestones: [
        {
          name: "M",
          offset: 0,
          duration: 1,
          tasks: [
            { name: "Parent" },
            { name: "Child", parents: ["Parent"], steps: [{ type: "checklist", mode: "parallel", items: [{ title: "Read", guide_id: guide.id }] }] },
          ],
        },
      ],
    });
    const { project } = await startOnboarding(db, org.manager.principal, { userId: org.employee.user.id, projectTemplateId: program.templateId });
    const ids = (await db.select({ id: tasks.id }).from(tasks).where(eq(tasks.projectId, project.id)).orderBy(tasks.id)).map((r) => r.id);
    const items = await db
      .select({ id: checklistItems.id })
      .from(checklistItems)
      .innerJoin(checklists, eq(checklists.id, checklistItems.checklistId))
      .where(inArray(checklists.taskId, ids));
    expect(items).toHaveLength(1);

    const result = await deleteTask(db, org.manager.principal, { id: ids[0] ?? 0 });
    expect(result.deleted_task_ids).toEqual(ids);
    expect(await db.select().from(tasks).where(inArray(tasks.id, ids))).toEqual([]);
    expect(await db.select().from(guideables).where(and(eq(guideables.guideableType, "checklist_item"), eq(guideables.guideableId, items[0]?.id ?? 0)))).toEqual([]);
    for (const id of ids) expect(await auditOf(id, "delete")).toEqual([{ actorId: org.manager.user.id }]);
    const [event] = await db.select().from(events).where(and(eq(events.type, "task.deleted"), eq(events.projectId, project.id)));
    expect(event).toMatchObject({ userId: org.employee.user.id, payload: { task_id: ids[0], deleted_task_ids: ids } });
  });

  it("refuses with 409 while the task or a child holds completed work, and deletes nothing", async () => {
    const done = await assignedFamily();
    await db
      .update(tasks)
      .set({ statusId: await statusIdOf(db, "task", "done") })
      .where(eq(tasks.id, done.child.id));
    await expect(deleteTask(db, done.org.admin.principal, { id: done.parent.id })).rejects.toMatchObject({
      status: 409,
      message: expect.stringContaining(`child task ${done.child.id}`) as unknown,
    });

    const graded = await assignedFamily();
    await db.insert(taskResults).values({ taskId: graded.parent.id, userId: graded.org.employee.user.id, score: 0.5, passed: false });
    await expect(deleteTask(db, graded.org.admin.principal, { id: graded.parent.id })).rejects.toMatchObject({ status: 409 });
    const remaining = await db.select({ n: count() }).from(tasks).where(inArray(tasks.id, [done.parent.id, done.child.id, graded.parent.id, graded.child.id]));
    expect(remaining[0]?.n).toBe(4);
  });

  it("refuses a done step as completed work too", async () => {
    const org = await createOrganisation(db);
    const program = await createProgram(db, { milestones: [{ name: "M", offset: 0, duration: 1, tasks: [{ name: "Stepped", steps: [{ type: "instruction", body: "Read" }] }] }] });
    const { project } = await startOnboarding(db, org.admin.principal, { userId: org.employee.user.id, projectTemplateId: program.templateId });
    const [task] = await db.select().from(tasks).where(eq(tasks.projectId, project.id));
    await db
      .update(taskSteps)
      .set({ statusId: await statusIdOf(db, "task_step", "done") })
      .where(eq(taskSteps.taskId, task?.id ?? 0));
    await expect(deleteTask(db, org.admin.principal, { id: task?.id ?? 0 })).rejects.toMatchObject({ status: 409, message: expect.stringContaining("step") as unknown });
  });

  it("refuses employees (403), tasks outside scope (404) and a stale If-Match (412)", async () => {
    const { org, parent } = await assignedFamily();
    await expect(deleteTask(db, org.employee.principal, { id: parent.id })).rejects.toMatchObject({ status: 403 });
    const otherOrg = await createOrganisation(db);
    await expect(deleteTask(db, otherOrg.admin.principal, { id: parent.id })).rejects.toMatchObject({ status: 404 });
    await expect(deleteTask(db, org.admin.principal, { id: parent.id, ifMatch: parent.version + 1 })).rejects.toMatchObject({ status: 412 });
    expect(await db.select({ id: tasks.id }).from(tasks).where(eq(tasks.id, parent.id))).toEqual([{ id: parent.id }]);
  });
});
