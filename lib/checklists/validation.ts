// A manager's validation of a checklist item (seed 1.1 "Validation"): recorded as validated_by/at.
// An item already waiting in pending_validation completes at once, in the name of the person who
// did the work (its assignee); an item not yet asked to complete will complete on its next request.
import "server-only";
import type { Db } from "../../db/client";
import { ApiError, forbidden } from "../api/errors";
import { authorize } from "../api/handler";
import { assertVersion } from "../api/versioning";
import { withAudit } from "../audit/context";
import { auditContextOf, type Principal } from "../auth/principal";
import { newProgressContext } from "../progress/context";
import { statusByCode, statusById } from "../statuses/service";
import { lockChecklistInScope } from "./rules";
import { afterItemMoved, answer, type ItemProgressAnswer, lockItem, moveItem } from "./service";

export type ValidateItemParams = { checklistId: number; itemId: number; version?: number; ifMatch?: number };

export async function validateChecklistItem(db: Db, principal: Principal, params: ValidateItemParams): Promise<ItemProgressAnswer> {
  authorize(principal, "checklists:validate");
  return withAudit(db, auditContextOf(principal), async (tx) => {
    const ctx = newProgressContext(tx, principal);
    const { scope, checklist } = await lockChecklistInScope(tx, principal, params.checklistId);
    const item = await lockItem(tx, checklist.id, params.itemId);
    if (!scope.oversees) throw forbidden("Only a manager or admin whose scope holds this task can validate its items.");
    // Quality control by a second person: nobody signs off their own item.
    if (item.assigneeId === principal.userId) throw forbidden("You cannot validate an item assigned to you.");
    assertVersion(item.version, { version: params.version, ifMatch: params.ifMatch }, "checklist item");
    if (!item.requiresValidation) throw new ApiError("validation_failed", `‘${item.title}’ does not require validation.`);
    const from = item.statusId === null ? undefined : await statusById(tx, item.statusId);
    if (!from) throw new Error(`checklist item ${item.id} has no status`);
    if (from.isFinal) throw new ApiError("validation_failed", `‘${item.title}’ is already ${from.code}.`);
    if (item.validatedAt !== null) throw new ApiError("validation_failed", `‘${item.title}’ was already validated.`);
    if (scope.status.isFinal) throw new ApiError("validation_failed", `The task is ${scope.status.code}: its checklists no longer change.`);

    const completes = from.code === "pending_validation";
    const to = completes ? await statusByCode(tx, "checklist_item", "done") : from;
    const moved = await moveItem(ctx, scope, checklist, item, {
      from,
      to,
      validatedBy: principal.userId,
      completedBy: item.assigneeId ?? scope.ownerId ?? principal.userId,
    });
    const after = await afterItemMoved(ctx, scope, checklist, from, moved);
    return answer(ctx, { scope: after, checklistId: checklist.id, item: moved, awaiting: false });
  });
}
