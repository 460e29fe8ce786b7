// Task requests: anyone asks for a task (often help from a peer on their own task). Without
// approval the task exists at once; with approval the request waits for a manager (decisions.ts).
import "server-only";
import { and, eq, ne } from "drizzle-orm";
import type { Db, DbOrTx } from "../../db/client";
import { type TaskRequest, taskRequest, taskRequestAssignee } from "../../db/schema";
import { forbidden, notFound } from "../api/errors";
import { authorize } from "../api/handler";
import { afterCursor, type Page, pageLimit } from "../api/pagination";
import { withAudit } from "../audit/context";
import { roleAllows } from "../auth/permissions";
import { auditContextOf, type Principal } from "../auth/principal";
import { emitEvent } from "../realtime/outbox";
import { statusIdOf } from "../statuses/service";
import { type TaskRequestDto, toTaskRequestDto, toTaskRequestDtos } from "./dto";
import { createRequestedTask } from "./fulfil";
import { assertAssignable, requestProjectId, usableTemplate } from "./references";
import { decidableRequests, requestAssignedTo, visibleRequests } from "./scope";
import type { TaskRequestCreateInput, TaskRequestListQuery } from "./validators";

export type { TaskRequestDto } from "./dto";

/**
 * Employees' requests wait for a manager unless they say otherwise, which they may not; managers
 * and admins, who could approve it themselves, get the task at once unless they ask for approval.
 */
function approvalRequiredFor(principal: Principal, asked: boolean | undefined): boolean {
  const mayDecide = roleAllows(principal.role, "requests:decide");
  if (asked === false && !mayDecide) throw forbidden("Only managers and admins may request a task without approval.");
  return asked ?? !mayDecide;
}

export async function createTaskRequest(db: Db, principal: Principal, input: TaskRequestCreateInput): Promise<TaskRequestDto> {
  authorize(principal, "requests:create");
  const approvalRequired = approvalRequiredFor(principal, input.approval_required);
  const assigneeIds = [...new Set(input.assignee_ids)];
  const [pending, approved] = await Promise.all([
    statusIdOf(db, "task_request", "pending_approval"),
    statusIdOf(db, "task_request", "approved"),
  ]);

  return withAudit(db, auditContextOf(principal), async (tx) => {
    await assertAssignable(tx, principal, assigneeIds);
    const { projectId, relatedTaskId } = await requestProjectId(tx, principal, input);
    const template = input.task_template_id === undefined ? null : await usableTemplate(tx, principal, input.task_template_id);
    const now = new Date();
    const fields = {
      title: input.title,
      description: input.description ?? null,
      taskTemplateId: template?.id ?? null,
      projectId,
      relatedTaskId,
      entityId: principal.entityId,
      dueDate: input.due_date === undefined ? null : new Date(input.due_date),
      createdBy: principal.userId,
    };

    const [row] = await tx
      .insert(taskRequest)
      .values({
        ...fields,
        approvalRequired,
        createdAt: now,
        // Granted by its own author: recorded as decided by them, so every approved request says who granted it.
        ...(approvalRequired ? { statusId: pending } : { statusId: approved, decidedBy: principal.userId, decidedAt: now }),
      })
      .returning();
    if (!row) throw new Error("inserting the task request returned no row");
    await tx.insert(taskRequestAssignee).values(assigneeIds.map((assigneeId) => ({ taskRequestId: row.id, assigneeId })));

    let saved: TaskRequest = row;
    if (!approvalRequired) {
      const createdTaskId = await createRequestedTask(tx, { id: row.id, ...fields }, assigneeIds, principal.userId);
      const [updated] = await tx
        .update(taskRequest)
        .set({ createdTaskId })
        .where(eq(taskRequest.id, row.id))
        .returning();
      if (!updated) throw new Error("updating the new task request returned no row");
      saved = updated;
    }
    await emitEvent(tx, {
      type: "task_request.created",
      entityId: principal.entityId,
      userId: principal.userId,
      projectId,
      actorId: principal.userId,
      payload: {
        task_request_id: row.id,
        title: row.title,
        status: approvalRequired ? "pending_approval" : "approved",
        approval_required: approvalRequired,
        assignee_ids: assigneeIds,
        created_task_id: saved.createdTaskId,
      },
    });
    return toTaskRequestDto(tx, saved);
  });
}

export async function listTaskRequests(db: DbOrTx, principal: Principal, query: TaskRequestListQuery): Promise<Page<TaskRequestDto>> {
  authorize(principal, "tasks:read");
  const limit = pageLimit(query.limit);
  const statusId = query.status === undefined ? undefined : await statusIdOf(db, "task_request", query.status);
  const pendingId = query.decidable ? await statusIdOf(db, "task_request", "pending_approval") : undefined;
  const rows = await db
    .select()
    .from(taskRequest)
    .where(
      and(
        visibleRequests(principal),
        afterCursor(taskRequest.id, query.cursor),
        statusId === undefined ? undefined : eq(taskRequest.statusId, statusId),
        query.mine ? eq(taskRequest.createdBy, principal.userId) : undefined,
        query.assigned_to_me ? requestAssignedTo(principal) : undefined,
        // "Waiting for me": pending, in my decision scope, and not my own (nobody approves themselves).
        pendingId === undefined
          ? undefined
          : and(eq(taskRequest.statusId, pendingId), decidableRequests(principal), ne(taskRequest.createdBy, principal.userId)),
      ),
    )
    .orderBy(taskRequest.id)
    .limit(limit + 1);
  const items = rows.slice(0, limit);
  const last = items.at(-1);
  return { items: await toTaskRequestDtos(db, items), next_cursor: rows.length > limit && last ? String(last.id) : null };
}

export async function getTaskRequest(db: DbOrTx, principal: Principal, params: { id: number }): Promise<TaskRequestDto> {
  authorize(principal, "tasks:read");
  const [row] = await db
    .select()
    .from(taskRequest)
    .where(and(eq(taskRequest.id, params.id), visibleRequests(principal)))
    .limit(1);
  if (!row) throw notFound("task request");
  return toTaskRequestDto(db, row);
}
