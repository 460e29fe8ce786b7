// Who may see and who may move a task. Every progress path (task status, steps, checklist items,
// validation) starts here: the task row is found through the principal's scope (else 404) and
// locked, so all work on one task runs one transaction at a time and the cascade sees settled rows.
import "server-only";
import { and, eq, sql } from "drizzle-orm";
import type { DbOrTx } from "../../db/client";
import { type AssigneeRole, type Status, type Task, taskAssignee, tasks } from "../../db/schema";
import { forbidden, notFound } from "../api/errors";
import type { Principal } from "../auth/principal";
import { statusById } from "../statuses/service";
import { overseenTasks, visibleTasks } from "../tasks/scope";

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
  const [row] = await tx
    .select({ task: tasks, oversees: sql<boolean>`${overseenTasks(principal)}` })
    .from(tasks)
    .where(and(eq(tasks.id, taskId), visibleTasks(principal)))
    .for("update", { of: tasks });
  if (!row) throw notFound("task");
  return withAssignees(tx, row.task, principal, row.oversees);
}

/** Re-reads a task already locked by this transaction (after the cascade moved it). */
export async function reloadTask(tx: DbOrTx, scope: TaskInScope): Promise<TaskInScope> {
  const [task] = await tx.select().from(tasks).where(eq(tasks.id, scope.task.id));
  if (!task) throw notFound("task");
  return { ...scope, task, status: await requireStatus(tx, task.statusId) };
}

async function withAssignees(tx: DbOrTx, task: Task, principal: Principal, oversees: boolean): Promise<TaskInScope> {
  const assignees = await tx
    .select({ userId: taskAssignee.assigneeId, role: taskAssignee.role })
    .from(taskAssignee)
    .where(eq(taskAssignee.taskId, task.id))
    .orderBy(taskAssignee.assigneeId);
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
