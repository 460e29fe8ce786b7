// POST /api/progress/update {user_id, task_id, status_id, version?} as lib/progress/service.ts runs
// it for an employee: one audited transaction that locks the task, checks who reports, moves it and
// cascades (./cascade.ts), answering the task and what moved.
import type pg from "pg";
import { HttpError, type Principal, withAudit } from "./common";
import { lockTask, moveTask, opening, taskProgressDto } from "./cascade";

const id = (value: unknown, field: string): number => {
  if (typeof value !== "number" || !Number.isInteger(value) || value < 1 || value > 2_147_483_647) throw new HttpError(422, `${field} must be a positive integer.`);
  return value;
};

export async function updateProgress(pool: pg.Pool, principal: Principal, body: unknown): Promise<[number, unknown]> {
  const input = (body ?? {}) as Record<string, unknown>;
  const userId = id(input.user_id, "user_id");
  const taskId = id(input.task_id, "task_id");
  const statusId = id(input.status_id, "status_id");
  const version = input.version === undefined ? undefined : id(input.version, "version");
  return withAudit(pool, principal, async (tx) => {
    const { ctx, scope } = await lockTask(opening(tx, principal), taskId);
    // An employee reports for themself, on a task they own or help on (the baseline serves employees only).
    if (principal.role !== "employee") throw new HttpError(501, "the baseline answers progress for employees only");
    if (userId !== principal.userId) throw new HttpError(403, "You can report progress only in your own name (user_id must be you).");
    if (scope.ownRole !== "owner" && scope.ownRole !== "helper") throw new HttpError(403, "Only the task's owner or helpers can progress it; reviewers review.");
    const to = ctx.statuses.byId.get(statusId);
    if (!to || to.domain !== "task") throw new HttpError(422, `status_id ${statusId} is not a task status.`);
    if (to.code === "cancelled") throw new HttpError(403, "Only a manager or admin in scope can cancel a task.");
    const moved = await moveTask(ctx, scope, to, userId, version);
    return [200, { task: taskProgressDto(moved), cascade: ctx.cascade }];
  });
}
