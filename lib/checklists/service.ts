// Checklist execution (seed 1.1): reading a checklist with its items' state, and moving one item.
// Sequential checklists complete in position order; an item that requires validation waits in
// pending_validation until its guide is acknowledged or a manager validates it (./validation.ts);
// the last item done completes the checklist and cascades upward (lib/progress/cascade.ts).
import "server-only";
import { and, eq, sql } from "drizzle-orm";
import type { Db, DbOrTx, Tx } from "../../db/client";
import { type Checklist, type ChecklistItem, checklistItems, checklists, type Status, taskAssignee, tasks } from "../../db/schema";
import { ApiError, conflict, notFound } from "../api/errors";
import { authorize } from "../api/handler";
import { assertVersion } from "../api/versioning";
import { withAudit } from "../audit/context";
import { auditContextOf, type Principal } from "../auth/principal";
import { completeChecklistIfDone, startTaskIfTodo } from "../progress/cascade";
import { type CascadeResult, emitProgressEvent, newProgressContext, type ProgressContext } from "../progress/context";
import { type TaskProgressDto, toTaskProgressDto } from "../progress/dto";
import { type TaskInScope } from "../progress/task-access";
import { visibleTasks } from "../tasks/scope";
import { topicOfTask } from "../progress/task-status";
import { isLegalTransition, legalNextCodes } from "../statuses/machine";
import { clientStatus, statusByCode, statusById } from "../statuses/service";
import { type ChecklistDto, type ChecklistItemDto, type ChecklistSummaryDto, toChecklistItemDto, toChecklistSummaryDto } from "./dto";
import { assertMayProgressItem, FORWARD_ITEM_CODES, firstOpenBefore, guideStates, lockChecklistInScope, validationSatisfied } from "./rules";
import type { ItemAction } from "./validators";

const statusOf = async (db: DbOrTx, id: number | null) => (id === null ? undefined : statusById(db, id));

export async function getChecklist(db: DbOrTx, principal: Principal, params: { id: number }): Promise<ChecklistDto> {
  authorize(principal, "tasks:read");
  const [row] = await db
    .select({ checklist: checklists })
    .from(checklists)
    .innerJoin(tasks, eq(tasks.id, checklists.taskId))
    .where(and(eq(checklists.id, params.id), visibleTasks(principal)));
  if (!row) throw notFound("checklist");
  const items = await db.select().from(checklistItems).where(eq(checklistItems.checklistId, params.id)).orderBy(checklistItems.position);
  const [owner] = await db
    .select({ id: taskAssignee.assigneeId })
    .from(taskAssignee)
    .where(and(eq(taskAssignee.taskId, row.checklist.taskId ?? 0), eq(taskAssignee.role, "owner")))
    .limit(1);
  const guides = await guideStates(db, params.id, owner?.id ?? null);
  let blocker: { id: number; title: string } | null = null;
  const dtos: ChecklistItemDto[] = [];
  for (const item of items) {
    const status = await statusOf(db, item.statusId);
    const done = status?.code === "done";
    const lockedBy = row.checklist.mode === "sequential" && !done ? blocker : null;
    dtos.push(toChecklistItemDto(item, { status, lockedBy, guide: guides.get(item.id) }));
    blocker ??= done ? null : { id: item.id, title: item.title };
  }
  return { ...toChecklistSummaryDto(row.checklist, await statusOf(db, row.checklist.statusId)), items: dtos };
}

export type ItemProgressParams = {
  checklistId: number;
  itemId: number;
  statusId?: number;
  action?: ItemAction;
  version?: number;
  ifMatch?: number;
};

export type ItemProgressAnswer = {
  item: ChecklistItemDto;
  /** A completion request on an item still awaiting its guide acknowledgement or a manager's validation. */
  awaiting_validation: boolean;
  checklist: ChecklistSummaryDto;
  task: TaskProgressDto;
  cascade: CascadeResult;
};

export async function progressChecklistItem(db: Db, principal: Principal, params: ItemProgressParams): Promise<ItemProgressAnswer> {
  authorize(principal, "tasks:progress");
  return withAudit(db, auditContextOf(principal), async (tx) => {
    const ctx = newProgressContext(tx, principal);
    const { scope, checklist } = await lockChecklistInScope(tx, principal, params.checklistId);
    const item = await lockItem(tx, checklist.id, params.itemId);
    assertMayProgressItem(scope, item, principal);
    assertVersion(item.version, { version: params.version, ifMatch: params.ifMatch }, "checklist item");
    const from = await statusOf(tx, item.statusId);
    if (!from) throw new Error(`checklist item ${item.id} has no status`);
    if (from.isFinal) throw new ApiError("validation_failed", `‘${item.title}’ is done: a completed item cannot be reopened.`);
    if (scope.status.isFinal) throw new ApiError("validation_failed", `The task is ${scope.status.code}: its checklists no longer change.`);

    let to = await targetOf(tx, from, params);
    if (FORWARD_ITEM_CODES.has(to.code) && checklist.mode === "sequential") {
      const blocker = await firstOpenBefore(tx, item);
      if (blocker) {
        throw new ApiError("validation_failed", `Complete ‘${blocker.title}’ first: this checklist is done in order.`, {
          extra: { blocked_by: blocker },
        });
      }
    }
    if (to.code === "pending_validation" && !item.requiresValidation) {
      throw new ApiError("validation_failed", `‘${item.title}’ does not require validation.`);
    }
    const awaiting = to.code === "done" && !(await validationSatisfied(tx, item, scope.ownerId));
    if (awaiting) to = await statusByCode(tx, "checklist_item", "pending_validation");

    let current = item;
    if (to.id !== from.id) {
      if (!isLegalTransition("checklist_item", from.code, to.code)) {
        const legal = await Promise.all(
          legalNextCodes("checklist_item", from.code).map(async (code) => ({ id: (await statusByCode(tx, "checklist_item", code)).id, code })),
        );
        throw new ApiError("validation_failed", `An item cannot move from ${from.code} to ${to.code}. Legal next: ${legal.map((l) => l.code).join(", ")}.`, {
          extra: { from: from.code, to: to.code, legal_next: legal },
        });
      }
      current = await moveItem(ctx, scope, checklist, item, { from, to });
    } else if (!awaiting) {
      throw new ApiError("validation_failed", `‘${item.title}’ is already ${from.code}.`);
    }
    return answer(ctx, { scope: await afterItemMoved(ctx, scope, checklist, from, current), checklistId: checklist.id, item: current, awaiting });
  });
}

/** The status an item is asked to move to: a status of the checklist_item domain, or an action. */
async function targetOf(tx: Tx, from: Status, params: Pick<ItemProgressParams, "statusId" | "action">): Promise<Status> {
  if (params.statusId !== undefined) return clientStatus(tx, "checklist_item", params.statusId);
  switch (params.action) {
    case "start":
      return statusByCode(tx, "checklist_item", "in_progress");
    case "complete":
    case undefined:
      return statusByCode(tx, "checklist_item", "done");
    case "reopen": {
      // Back to work: in_progress and blocked return to todo, pending_validation to in_progress.
      const back = from.code === "todo" ? undefined : ["todo", "in_progress"].find((code) => isLegalTransition("checklist_item", from.code, code));
      if (!back) throw new ApiError("validation_failed", `An item in ${from.code} has nothing to reopen.`);
      return statusByCode(tx, "checklist_item", back);
    }
  }
}

export async function lockItem(tx: Tx, checklistId: number, itemId: number): Promise<ChecklistItem> {
  const [item] = await tx
    .select()
    .from(checklistItems)
    .where(and(eq(checklistItems.id, itemId), eq(checklistItems.checklistId, checklistId)))
    .for("update");
  if (!item) throw notFound("checklist item");
  return item;
}

/** Writes one item move (version-checked), stamps completion and emits the item's event. */
export async function moveItem(
  ctx: ProgressContext,
  scope: TaskInScope,
  checklist: Checklist,
  item: ChecklistItem,
  move: { from: Status; to: Status; completedBy?: number; validatedBy?: number },
): Promise<ChecklistItem> {
  const done = move.to.code === "done";
  const completedBy = move.completedBy ?? ctx.principal.userId;
  const [updated] = await ctx.tx
    .update(checklistItems)
    .set({
      statusId: move.to.id,
      ...(done ? { completedAt: ctx.now, completedBy } : {}),
      ...(move.validatedBy === undefined ? {} : { validatedBy: move.validatedBy, validatedAt: ctx.now }),
      version: item.version + 1,
    })
    .where(and(eq(checklistItems.id, item.id), eq(checklistItems.version, item.version)))
    .returning();
  if (!updated) throw conflict("The checklist item changed while you were moving it. Reload and retry.");
  const payload = { checklist_item_id: item.id, checklist_id: checklist.id, task_id: scope.task.id, from: move.from.code, to: move.to.code };
  if (move.validatedBy !== undefined) await emitProgressEvent(ctx, "checklist_item.validated", item.id, topicOfTask(scope), payload);
  if (move.to.id !== move.from.id) {
    await emitProgressEvent(ctx, done ? "checklist_item.completed" : "checklist_item.status_changed", item.id, topicOfTask(scope), payload);
  }
  return updated;
}

/** Forward work starts the checklist and the task; a done item may complete the checklist and above. */
export async function afterItemMoved(ctx: ProgressContext, scope: TaskInScope, checklist: Checklist, from: Status, item: ChecklistItem): Promise<TaskInScope> {
  const to = await statusOf(ctx.tx, item.statusId);
  if (!to || to.id === from.id || !FORWARD_ITEM_CODES.has(to.code)) return scope;
  let current = await startTaskIfTodo(ctx, scope, ctx.principal.userId);
  const started = await statusByCode(ctx.tx, "checklist", "in_progress");
  const [moved] = await ctx.tx
    .update(checklists)
    .set({ statusId: started.id, version: sql`${checklists.version} + 1` })
    .where(and(eq(checklists.id, checklist.id), eq(checklists.statusId, (await statusByCode(ctx.tx, "checklist", "todo")).id)))
    .returning({ id: checklists.id });
  if (moved) await emitProgressEvent(ctx, "checklist.started", checklist.id, topicOfTask(current), { checklist_id: checklist.id, task_id: current.task.id });
  if (to.code === "done") current = await completeChecklistIfDone(ctx, current, checklist.id, item.completedBy ?? ctx.principal.userId);
  return current;
}

export async function answer(
  ctx: ProgressContext,
  state: { scope: TaskInScope; checklistId: number; item: ChecklistItem; awaiting: boolean },
): Promise<ItemProgressAnswer> {
  const [checklist] = await ctx.tx.select().from(checklists).where(eq(checklists.id, state.checklistId));
  if (!checklist) throw notFound("checklist");
  const guide = (await guideStates(ctx.tx, checklist.id, state.scope.ownerId, state.item.id)).get(state.item.id);
  const blocker = checklist.mode === "sequential" ? await firstOpenBefore(ctx.tx, state.item) : undefined;
  const itemStatus = await statusOf(ctx.tx, state.item.statusId);
  return {
    item: toChecklistItemDto(state.item, { status: itemStatus, lockedBy: itemStatus?.code === "done" ? null : (blocker ?? null), guide }),
    awaiting_validation: state.awaiting,
    checklist: toChecklistSummaryDto(checklist, await statusOf(ctx.tx, checklist.statusId)),
    task: toTaskProgressDto(state.scope),
    cascade: ctx.cascade,
  };
}
