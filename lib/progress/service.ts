// Task progress (seed 4, track_progress: POST /api/progress/update {user_id, task_id, status_id}):
// one legal move of the status machine, made by or on behalf of a person who works on the task,
// with everything it completes above the task in the same transaction.
import "server-only";
import type { Db } from "../../db/client";
import { ApiError, forbidden } from "../api/errors";
import { authorize } from "../api/handler";
import { withAudit } from "../audit/context";
import { auditContextOf, type Principal } from "../auth/principal";
import { clientStatus } from "../statuses/service";
import { moveTask } from "./cascade";
import { newProgressContext } from "./context";
import { type TaskProgressAnswer, toTaskProgressDto } from "./dto";
import { lockTaskInScope, type TaskInScope } from "./task-access";

export type UpdateTaskProgressParams = {
  /** The person on whose behalf the task moves (seed payload user_id). */
  userId: number;
  taskId: number;
  statusId: number;
  /** The task version the client read: stale → 409. */
  version?: number;
  /** The version from an If-Match header: stale → 412. */
  ifMatch?: number;
};

export async function updateTaskProgress(db: Db, principal: Principal, params: UpdateTaskProgressParams): Promise<TaskProgressAnswer> {
  authorize(principal, "tasks:progress");
  return withAudit(db, auditContextOf(principal), async (tx) => {
    const ctx = newProgressContext(tx, principal);
    const scope = await lockTaskInScope(tx, principal, params.taskId);
    assertOnBehalfOf(scope, principal, params.userId);
    const to = await clientStatus(tx, "task", params.statusId);
    if (to.code === "cancelled" && !scope.oversees) {
      throw forbidden("Only a manager or admin in scope can cancel a task.");
    }
    const moved = await moveTask(ctx, scope, to, { actingUserId: params.userId, expected: { version: params.version, ifMatch: params.ifMatch } });
    return { task: toTaskProgressDto(moved), cascade: ctx.cascade };
  });
}

/**
 * Employees report progress for themselves, on tasks they own or help on. Managers and admins who
 * oversee the task may report it for any owner or helper of it, or in their own name.
 */
function assertOnBehalfOf(scope: TaskInScope, principal: Principal, userId: number): void {
  if (!scope.oversees) {
    if (userId !== principal.userId) throw forbidden("You can report progress only in your own name (user_id must be you).");
    if (scope.ownRole !== "owner" && scope.ownRole !== "helper") {
      throw forbidden("Only the task's owner or helpers can progress it; reviewers review.");
    }
    return;
  }
  if (userId === principal.userId || scope.workers.has(userId)) return;
  throw new ApiError("validation_failed", `User ${userId} is not an owner or helper of this task.`, {
    issues: [{ path: "user_id", message: "Name an owner or helper of the task, or yourself." }],
  });
}
