// Turns a granted task request into its task: the task row, its assignees and an event per
// assignee. Runs inside the caller's transaction (create without approval, or approve), so a
// request is never approved without its task, nor a task left behind by a refused approval.
import "server-only";
import { eq } from "drizzle-orm";
import type { DbOrTx } from "../../db/client";
import { type AssigneeRole, taskAssignee, taskTemplates, tasks } from "../../db/schema";
import { emitEvents } from "../realtime/outbox";
import { recordTasksCreated } from "../scores/rollup";
import { statusIdOf } from "../statuses/service";

/** What of a request the task is made from. */
export type GrantedRequest = {
  id: number;
  title: string;
  description: string | null;
  taskTemplateId: number | null;
  projectId: number | null;
  relatedTaskId: number | null;
  entityId: number | null;
  dueDate: Date | null;
  createdBy: number | null;
};

/**
 * Asking for help on a task (related_task_id set) makes the people asked helpers, which is what
 * the help score counts, and the requester the owner of the help task, so both see and finish it
 * together. Any other request makes the people named its owners.
 */
export function assigneeRolesOf(request: Pick<GrantedRequest, "relatedTaskId" | "createdBy">, assigneeIds: readonly number[]) {
  const roles = new Map<number, AssigneeRole>();
  if (request.relatedTaskId !== null && request.createdBy !== null) roles.set(request.createdBy, "owner");
  for (const id of assigneeIds) if (!roles.has(id)) roles.set(id, request.relatedTaskId === null ? "owner" : "helper");
  return [...roles].map(([assigneeId, role]) => ({ assigneeId, role }));
}

/**
 * Creates the task a request asked for and returns its id. A template lends its kind, expected
 * minutes and (when the request has none) its description; the title is always the request's.
 * The template's step log and checklists are not created here: lib/programs/instantiate.ts
 * builds them for whole programs only and does not export a per-task builder.
 */
export async function createRequestedTask(tx: DbOrTx, request: GrantedRequest, assigneeIds: readonly number[], actorId: number): Promise<number> {
  const template = request.taskTemplateId === null ? undefined : await templateOf(tx, request.taskTemplateId);
  const [task] = await tx
    .insert(tasks)
    .values({
      name: request.title,
      description: request.description ?? template?.description ?? null,
      statusId: await statusIdOf(tx, "task", "todo"),
      taskTemplateId: request.taskTemplateId,
      dueDate: request.dueDate,
      projectId: request.projectId,
      entityId: request.entityId,
      kind: template?.kind ?? "task",
      ...(template ? { expectedMinutes: template.expectedMinutes } : {}),
      createdBy: actorId,
    })
    .returning({ id: tasks.id });
  if (!task) throw new Error("inserting the requested task returned no row");

  const assignees = assigneeRolesOf(request, assigneeIds);
  await tx.insert(taskAssignee).values(assignees.map((a) => ({ taskId: task.id, assigneeId: a.assigneeId, role: a.role })));
  await recordTasksCreated(tx, [task.id]);
  await emitEvents(
    tx,
    assignees.map((a) => ({
      type: "task.assigned",
      entityId: request.entityId,
      userId: a.assigneeId,
      projectId: request.projectId,
      actorId,
      payload: { task_id: task.id, task_request_id: request.id, role: a.role, name: request.title },
    })),
  );
  return task.id;
}

async function templateOf(tx: DbOrTx, id: number) {
  const [row] = await tx
    .select({ description: taskTemplates.description, kind: taskTemplates.kind, expectedMinutes: taskTemplates.expectedMinutes })
    .from(taskTemplates)
    .where(eq(taskTemplates.id, id));
  if (!row) throw new Error(`task template ${id} of task request vanished`);
  return row;
}
