// Deciding a pending task request: a manager or admin of the request's part of the organisation
// approves it (the task and its assignees are created in the same transaction) or rejects it with
// a reason; the requester may cancel it while it waits. Decided requests never change again.
import "server-only";
import { and, eq, sql } from "drizzle-orm";
import type { Db, Tx } from "../../db/client";
import { type TaskRequest, taskRequest, taskRequestAssignee } from "../../db/schema";
import { ApiError, conflict, forbidden, notFound } from "../api/errors";
import { authorize } from "../api/handler";
import { assertVersion, type ExpectedVersion } from "../api/versioning";
import { withAudit } from "../audit/context";
import { auditContextOf, type Principal } from "../auth/principal";
import { emitEvent } from "../realtime/outbox";
import { statusById, statusIdOf } from "../statuses/service";
import { type TaskRequestDto, toTaskRequestDto } from "./dto";
import { createRequestedTask } from "./fulfil";
import { assertAssignable } from "./references";
import { decidableRequests, visibleRequests } from "./scope";
import { DECISION_NOTE_MAX } from "./validators";

export type DecisionParams = ExpectedVersion & { id: number; note?: string };

type Outcome = "approved" | "rejected" | "cancelled";

/** Locks the request for the rest of the transaction; invisible → 404. */
async function lockVisible(tx: Tx, principal: Principal, id: number): Promise<{ row: TaskRequest; decidable: boolean }> {
  const [found] = await tx
    .select({ row: taskRequest, decidable: sql<boolean>`${decidableRequests(principal)}` })
    .from(taskRequest)
    .where(and(eq(taskRequest.id, id), visibleRequests(principal)))
    .for("update");
  if (!found) throw notFound("task request");
  return found;
}

/** Only a waiting request changes (decided → 409), and only from the version the client read. */
async function assertPending(tx: Tx, row: TaskRequest, expected: ExpectedVersion, pendingId: number): Promise<void> {
  if (row.statusId !== pendingId) {
    const status = row.statusId === null ? undefined : await statusById(tx, row.statusId);
    const code = status?.code ?? "decided";
    throw conflict(`This task request is already ${code.replace(/_/g, " ")}; it can no longer change.`, { status: code });
  }
  assertVersion(row.version, expected, "task request");
}

function assertMayDecide(principal: Principal, row: TaskRequest, decidable: boolean): void {
  if (!decidable) throw forbidden("This request belongs to another part of the organisation; its managers decide it.");
  // Four eyes: whoever asked for approval wants someone else's; they can cancel it instead.
  if (row.createdBy === principal.userId) throw forbidden("You cannot decide your own request; cancel it or ask another manager.");
}

async function finish(tx: Tx, principal: Principal, row: TaskRequest, outcome: Outcome, set: Partial<TaskRequest>): Promise<TaskRequestDto> {
  const [updated] = await tx
    .update(taskRequest)
    .set({ ...set, statusId: await statusIdOf(tx, "task_request", outcome), version: sql`${taskRequest.version} + 1` })
    .where(eq(taskRequest.id, row.id))
    .returning();
  if (!updated) throw notFound("task request");
  await emitEvent(tx, {
    type: `task_request.${outcome}`,
    entityId: row.entityId,
    userId: row.createdBy,
    projectId: row.projectId,
    actorId: principal.userId,
    payload: {
      task_request_id: row.id,
      title: row.title,
      status: outcome,
      decision_note: updated.decisionNote,
      created_task_id: updated.createdTaskId,
    },
  });
  return toTaskRequestDto(tx, updated);
}

export async function approveTaskRequest(db: Db, principal: Principal, params: DecisionParams): Promise<TaskRequestDto> {
  authorize(principal, "requests:decide");
  const note = decisionNote(params.note, false);
  const pendingId = await statusIdOf(db, "task_request", "pending_approval");
  return withAudit(db, auditContextOf(principal), async (tx) => {
    const { row, decidable } = await lockVisible(tx, principal, params.id);
    assertMayDecide(principal, row, decidable);
    await assertPending(tx, row, params, pendingId);
    const assignees = await tx
      .select({ id: taskRequestAssignee.assigneeId })
      .from(taskRequestAssignee)
      .where(eq(taskRequestAssignee.taskRequestId, row.id))
      .orderBy(taskRequestAssignee.assigneeId);
    const assigneeIds = assignees.map((a) => a.id);
    // Someone may have left since the request was made: approving must not assign them work.
    await assertAssignable(tx, principal, assigneeIds);
    const createdTaskId = await createRequestedTask(tx, row, assigneeIds, principal.userId);
    return finish(tx, principal, row, "approved", { createdTaskId, decidedBy: principal.userId, decidedAt: new Date(), decisionNote: note });
  });
}

export async function rejectTaskRequest(db: Db, principal: Principal, params: DecisionParams): Promise<TaskRequestDto> {
  authorize(principal, "requests:decide");
  const note = decisionNote(params.note, true);
  const pendingId = await statusIdOf(db, "task_request", "pending_approval");
  return withAudit(db, auditContextOf(principal), async (tx) => {
    const { row, decidable } = await lockVisible(tx, principal, params.id);
    assertMayDecide(principal, row, decidable);
    await assertPending(tx, row, params, pendingId);
    return finish(tx, principal, row, "rejected", { decidedBy: principal.userId, decidedAt: new Date(), decisionNote: note });
  });
}

/** Only the requester cancels, and only while the request waits. */
export async function cancelTaskRequest(db: Db, principal: Principal, params: ExpectedVersion & { id: number }): Promise<TaskRequestDto> {
  authorize(principal, "requests:create");
  const pendingId = await statusIdOf(db, "task_request", "pending_approval");
  return withAudit(db, auditContextOf(principal), async (tx) => {
    const { row } = await lockVisible(tx, principal, params.id);
    if (row.createdBy !== principal.userId) throw forbidden("Only the person who made a request can cancel it.");
    await assertPending(tx, row, params, pendingId);
    return finish(tx, principal, row, "cancelled", {});
  });
}

/** A rejection must say why (1..500 characters); an approval may. Rechecked here for callers that skip the route. */
function decisionNote(note: string | undefined, required: boolean): string | null {
  const text = note?.trim() ?? "";
  if (required && text === "") throw invalidNote("Give a reason for the rejection.");
  if (text.length > DECISION_NOTE_MAX) throw invalidNote(`Use at most ${DECISION_NOTE_MAX} characters.`);
  return text === "" ? null : text;
}

function invalidNote(message: string): ApiError {
  return new ApiError("validation_failed", message, { issues: [{ path: "note", message }] });
}
