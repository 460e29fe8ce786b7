// Editing and deleting tasks (managers and admins over the tasks they oversee). Only what a plan
// may change is editable here — name, description, due date; status moves belong to
// POST /api/progress/update, which enforces the status machine and its cascades.
import "server-only";
import { and, eq, inArray, sql } from "drizzle-orm";
import { type Db, type DbOrTx, queryRows } from "../../db/client";
import { checklistItems, entities, guideables, type Task, taskAssignee, tasks, users } from "../../db/schema";
import { ApiError, conflict, forbidden, notFound } from "../api/errors";
import { authorize } from "../api/handler";
import { assertVersion } from "../api/versioning";
import { withAudit } from "../audit/context";
import { auditContextOf, type Principal } from "../auth/principal";
import { emitEvent } from "../realtime/outbox";
import { recordTasksRemoved } from "../scores/rollup";
import { statusById } from "../statuses/service";
import { dueDateFrom } from "./due-dates";
import { readTaskDetail, type TaskDetailDto } from "./queries";
import { overseenTasks, visibleTasks } from "./scope";
import { STATUS_MOVES_ELSEWHERE, type TaskUpdateInput } from "./validators";

/** status_id is typed loosely so that callers other than the route (pages, scripts) are refused too. */
export type TaskChanges = Omit<TaskUpdateInput, "status_id"> & { status_id?: unknown };

export type UpdateTaskParams = { id: number; changes: TaskChanges; ifMatch?: number };

export async function updateTask(db: Db, principal: Principal, params: UpdateTaskParams): Promise<TaskDetailDto> {
  authorize(principal, "tasks:assign");
  const { changes } = params;
  if (changes.status_id !== undefined) {
    throw new ApiError("validation_failed", STATUS_MOVES_ELSEWHERE, { issues: [{ path: "status_id", message: STATUS_MOVES_ELSEWHERE }] });
  }
  return withAudit(db, auditContextOf(principal), async (tx) => {
    const task = await lockOverseenTask(tx, principal, params.id);
    assertVersion(task.version, { version: changes.version, ifMatch: params.ifMatch }, "task");
    await assertNotFinal(tx, task, "edited");

    const set: Partial<Pick<Task, "name" | "description" | "dueDate">> = {};
    if (changes.name !== undefined && changes.name !== task.name) set.name = changes.name;
    if (changes.description !== undefined && changes.description !== task.description) set.description = changes.description;
    if (changes.due_date !== undefined) {
      const due = changes.due_date === null ? null : dueDateFrom(changes.due_date, await ownerTimeZone(tx, task));
      if (due !== null && due <= new Date()) {
        const message = "The due date has already passed; choose a later one.";
        throw new ApiError("validation_failed", message, { issues: [{ path: "due_date", message }] });
      }
      if (due?.getTime() !== task.dueDate?.getTime()) set.dueDate = due;
    }
    // A PATCH that changes nothing writes nothing: no version bump, no audit row, no event.
    if (Object.keys(set).length === 0) return readTaskDetail(tx, principal, task.id);

    await tx
      .update(tasks)
      .set({ ...set, version: sql`${tasks.version} + 1` })
      .where(eq(tasks.id, task.id));
    await emitEvent(tx, {
      type: "task.updated",
      entityId: task.entityId,
      userId: await ownerOf(tx, task.id),
      projectId: task.projectId,
      actorId: principal.userId,
      payload: { task_id: task.id, changed: Object.keys(set).map((k) => (k === "dueDate" ? "due_date" : k)) },
    });
    return readTaskDetail(tx, principal, task.id);
  });
}

export type DeleteTaskParams = { id: number; ifMatch?: number };

/**
 * Deletes a task and its child tasks (they exist only under it), provided none of them holds
 * completed work: a done status, a result, a done step or item, or a submission. Such work is
 * the assignee's record; the task is cancelled through /api/progress/update instead.
 */
export async function deleteTask(db: Db, principal: Principal, params: DeleteTaskParams): Promise<{ deleted_task_ids: number[] }> {
  authorize(principal, "tasks:assign");
  return withAudit(db, auditContextOf(principal), async (tx) => {
    const task = await lockOverseenTask(tx, principal, params.id);
    assertVersion(task.version, { ifMatch: params.ifMatch }, "task");

    const family = await queryRows<{ id: number }>(
      tx,
      sql`with recursive family(id) as (
        select ${task.id}::integer
        union
        select l.task_id from tasks_parent_task l inner join family f on l.parent_task_id = f.id
      ) select id from family order by id`,
    );
    const ids = family.map((r) => r.id);
    const locked = await tx
      .select({ id: tasks.id })
      .from(tasks)
      .where(and(inArray(tasks.id, ids), overseenTasks(principal)))
      .orderBy(tasks.id)
      .for("update");
    if (locked.length !== ids.length) throw forbidden("Some child tasks of this task are outside what you oversee; ask an admin to delete it.");

    const [work] = await queryRows<{ task_id: number; what: string | null }>(
      tx,
      sql`select t.id as task_id, case
          when s.code = 'done' then 'it is done'
          when exists (select 1 from task_results r where r.task_id = t.id) then 'it has results'
          when exists (select 1 from submissions sub where sub.task_id = t.id) then 'it has submissions'
          when exists (select 1 from task_steps ts join statuses ss on ss.id = ts.status_id where ts.task_id = t.id and ss.code = 'done') then 'a step is done'
          when exists (select 1 from checklist_items ci join checklists c on c.id = ci.checklist_id join statuses cs on cs.id = ci.status_id
                       where c.task_id = t.id and cs.code = 'done') then 'a checklist item is done'
        end as what
        from tasks t left join statuses s on s.id = t.status_id
        where t.id in (${sql.join(ids, sql`, `)})
        order by t.id`,
    ).then((rows) => rows.filter((r) => r.what !== null));
    if (work) {
      const which = work.task_id === task.id ? "This task" : `Its child task ${work.task_id}`;
      throw conflict(`${which} holds completed work (${work.what}); cancel it through POST /api/progress/update instead of deleting it.`);
    }

    const owner = await ownerOf(tx, task.id);
    // guideables has no foreign key (it is polymorphic): links to the items go with them by hand.
    const items = await tx
      .select({ id: checklistItems.id })
      .from(checklistItems)
      .where(sql`${checklistItems.checklistId} in (select id from checklists where task_id in (${sql.join(ids, sql`, `)}))`);
    if (items.length) {
      await tx
        .delete(guideables)
        .where(and(eq(guideables.guideableType, "checklist_item"), inArray(guideables.guideableId, items.map((i) => i.id))));
    }
    await recordTasksRemoved(tx, ids);
    await tx.delete(tasks).where(inArray(tasks.id, ids));
    await emitEvent(tx, {
      type: "task.deleted",
      entityId: task.entityId,
      userId: owner,
      projectId: task.projectId,
      actorId: principal.userId,
      payload: { task_id: task.id, deleted_task_ids: ids },
    });
    return { deleted_task_ids: ids };
  });
}

/** The task locked FOR UPDATE: 404 outside what the principal sees, 403 if they only work on it. */
async function lockOverseenTask(tx: DbOrTx, principal: Principal, id: number): Promise<Task> {
  const [row] = await tx
    .select({ task: tasks, oversees: sql<boolean>`${overseenTasks(principal)}` })
    .from(tasks)
    .where(and(eq(tasks.id, id), visibleTasks(principal)))
    .for("update", { of: tasks });
  if (!row) throw notFound("task");
  if (!row.oversees) throw forbidden("Only a manager or admin over this task may change or delete it.");
  return row.task;
}

async function assertNotFinal(db: DbOrTx, task: Task, action: string): Promise<void> {
  const status = task.statusId === null ? undefined : await statusById(db, task.statusId);
  if (status?.isFinal) throw conflict(`The task is ${status.code} and can no longer be ${action}.`);
}

async function ownerOf(db: DbOrTx, taskId: number): Promise<number | null> {
  const [row] = await db
    .select({ id: taskAssignee.assigneeId })
    .from(taskAssignee)
    .where(and(eq(taskAssignee.taskId, taskId), eq(taskAssignee.role, "owner")))
    .orderBy(taskAssignee.assigneeId)
    .limit(1);
  return row?.id ?? null;
}

/** Where the owner works (their own zone, else their entity's), so a due day ends at their midnight. */
async function ownerTimeZone(db: DbOrTx, task: Task): Promise<string> {
  const owner = await ownerOf(db, task.id);
  if (owner !== null) {
    const [row] = await db
      .select({ zone: users.timeZone, entityZone: entities.timeZone })
      .from(users)
      .innerJoin(entities, eq(entities.id, users.entityId))
      .where(eq(users.id, owner));
    if (row) return row.zone ?? row.entityZone;
  }
  if (task.entityId === null) return "UTC";
  const [entity] = await db.select({ zone: entities.timeZone }).from(entities).where(eq(entities.id, task.entityId));
  return entity?.zone ?? "UTC";
}
