// Who may see and who may move a task. Every progress path (task status, steps, checklist items,
// validation) starts here: the task row is found through the principal's scope (else 404) and
// locked, so all work on one task runs one transaction at a time and the cascade sees settled rows.
import "server-only";
import { type SQL, and, eq, sql } from "drizzle-orm";
import type { DbOrTx } from "../../db/client";
import { prepared } from "../../db/prepared";
import { type AssigneeRole, type Status, type Task, taskAssignee, tasks } from "../../db/schema";
import { forbidden, notFound } from "../api/errors";
import type { Principal } from "../auth/principal";
import { statusById } from "../statuses/service";
import { assignedTo, overseenTasks, visibleTasks } from "../tasks/scope";

export type TaskInScope = {
  task: Task;
  status: Status;
  /** The principal oversees the task as a manager or admin (not merely as an assignee). */
  oversees: boolean;
  /** The principal's own assignment on the task, if any. */
  ownRole: AssigneeRole | null;
  /** The owner (onboardee) the task's events are about. */
  ownerId: number | null;
  /** Owners and helpers: the people on whose behalf progress may be reported. */
  workers: Map<number, AssigneeRole>;
};

/**
 * The task, locked FOR UPDATE, if the principal may see it (404 otherwise). Scope is the task
 * reads' own (lib/tasks/scope.ts): visible = overseen or assigned in any role; `oversees` says
 * whether the principal acts as a manager or admin rather than as an assignee. Every write path locks
 * the task first, then its steps/checklists/items, then milestone and project: one order, no deadlocks.
 */
export async function lockTaskInScope(tx: DbOrTx, principal: Principal, taskId: number): Promise<TaskInScope> {
  // An employee's scope is their assignments and they oversee nothing: one prepared statement.
  const [row] =
    principal.role === "employee"
      ? await prepared(tx, "task_lock_assigned", (on) => lockWhere(on, sql`false`, assignedTo(sql.placeholder("user")))).execute({ id: taskId, user: principal.userId })
      : await lockWhere(tx, overseenTasks(principal), visibleTasks(principal)).execute({ id: taskId });
  if (!row) throw notFound("task");
  return withAssignees(tx, row.task, principal, row.oversees);
}

/** The task "id" under a scope, locked, with whether the principal oversees it. */
const lockWhere = (on: DbOrTx, oversees: SQL, scope: SQL) =>
  on
    .select({ task: tasks, oversees: sql<boolean>`${oversees}` })
    .from(tasks)
    .where(and(eq(tasks.id, sql.placeholder("id")), scope))
    .for("update", { of: tasks });

/** Re-reads a task already locked by this transaction (after the cascade moved it). */
export async function reloadTask(tx: DbOrTx, scope: TaskInScope): Promise<TaskInScope> {
  const [task] = await prepared(tx, "task_by_id", (on) => on.select().from(tasks).where(eq(tasks.id, sql.placeholder("id")))).execute({ id: scope.task.id });
  if (!task) throw notFound("task");
  return { ...scope, task, status: await requireStatus(tx, task.statusId) };
}

async function withAssignees(tx: DbOrTx, task: Task, principal: Principal, oversees: boolean): Promise<TaskInScope> {
  const assignees = await prepared(tx, "task_assignee_roles", (on) =>
    on
      .select({ userId: taskAssignee.assigneeId, role: taskAssignee.role })
      .from(taskAssignee)
      .where(eq(taskAssignee.taskId, sql.placeholder("id")))
      .orderBy(taskAssignee.assigneeId),
  ).execute({ id: task.id });
  const workers = new Map(assignees.filter((a) => a.role !== "reviewer").map((a) => [a.userId, a.role] as const));
  const ownRole = assignees.find((a) => a.userId === principal.userId)?.role ?? null;
  const ownerId = assignees.find((a) => a.role === "owner")?.userId ?? null;
  return { task, status: await requireStatus(tx, task.statusId), oversees, ownRole, ownerId, workers };
}

async function requireStatus(tx: DbOrTx, statusId: number | null): Promise<Status> {
  const status = statusId === null ? undefined : await statusById(tx, statusId);
  // Every task is created with a status; a task without one is broken data, not bad input.
  if (!status) throw new Error(`task status ${String(statusId)} is missing from the reference data`);
  return status;
}

/**
 * May the principal do the task's work (steps, its own checklist items)? Owners and helpers may;
 * a reviewer-only assignee may not; managers and admins who oversee the task may.
 */
export function assertMayWork(scope: TaskInScope): void {
  if (scope.oversees) return;
  if (scope.ownRole === "owner" || scope.ownRole === "helper") return;
  throw forbidden("Only the task's owner or helpers, or a manager in scope, can progress this task.");
}
