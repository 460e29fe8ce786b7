// The step tracking log (seed 3.3, task_steps): a person completes instruction steps by hand; a
// checklist step completes with its checklist; quiz and submission steps complete through
// evaluation (/api/evaluation/process, submission review), so they are refused here.
import "server-only";
import { and, eq } from "drizzle-orm";
import type { Db } from "../../db/client";
import { checklists, taskSteps } from "../../db/schema";
import { ApiError, conflict, notFound } from "../api/errors";
import { authorize } from "../api/handler";
import { assertVersion } from "../api/versioning";
import { withAudit } from "../audit/context";
import { auditContextOf, type Principal } from "../auth/principal";
import { statusById } from "../statuses/service";
import { autoCompleteTask, completeStepRow, startTaskIfTodo } from "./cascade";
import { type CascadeResult, newProgressContext } from "./context";
import { type TaskProgressDto, type TaskStepDto, toTaskProgressDto, toTaskStepDto } from "./dto";
import { assertMayWork, lockTaskInScope, reloadTask } from "./task-access";
import { EVALUATED_STEP_KINDS } from "./task-status";

export type CompleteTaskStepParams = { taskId: number; stepId: number; version?: number; ifMatch?: number };
export type CompleteTaskStepAnswer = { step: TaskStepDto; task: TaskProgressDto; cascade: CascadeResult };

export async function completeTaskStep(db: Db, principal: Principal, params: CompleteTaskStepParams): Promise<CompleteTaskStepAnswer> {
  authorize(principal, "tasks:progress");
  return withAudit(db, auditContextOf(principal), async (tx) => {
    const ctx = newProgressContext(tx, principal);
    let scope = await lockTaskInScope(tx, principal, params.taskId);
    const [step] = await tx
      .select()
      .from(taskSteps)
      .where(and(eq(taskSteps.id, params.stepId), eq(taskSteps.taskId, scope.task.id)))
      .for("update");
    if (!step) throw notFound("step");
    assertMayWork(scope);
    assertVersion(step.version, { version: params.version, ifMatch: params.ifMatch }, "step");

    const current = step.statusId === null ? undefined : await statusById(tx, step.statusId);
    if (current?.isFinal) throw new ApiError("validation_failed", `The step ‘${step.name}’ is already ${current.code}.`);
    if (scope.status.isFinal) throw new ApiError("validation_failed", `The task is ${scope.status.code}: its steps no longer change.`);
    if ((EVALUATED_STEP_KINDS as readonly string[]).includes(step.kind)) {
      throw new ApiError("validation_failed", `A ${step.kind} step completes when it is evaluated, not by hand.`, {
        extra: { step_kind: step.kind },
      });
    }
    if (step.kind === "checklist") {
      const [checklist] = await tx.select().from(checklists).where(eq(checklists.taskStepId, step.id));
      if (checklist && !checklist.isCompleted) {
        throw new ApiError("validation_failed", `Complete the checklist ‘${checklist.name}’ first: the step completes with it.`, {
          extra: { checklist_id: checklist.id },
        });
      }
    }

    const actingUserId = principal.userId;
    scope = await startTaskIfTodo(ctx, scope, actingUserId);
    if (!(await completeStepRow(ctx, scope, step.id, actingUserId, step.version))) {
      throw conflict("The step changed while you were completing it. Reload and retry.");
    }
    scope = await autoCompleteTask(ctx, await reloadTask(tx, scope), actingUserId);
    const [updated] = await tx.select().from(taskSteps).where(eq(taskSteps.id, step.id));
    if (!updated) throw notFound("step");
    return {
      step: toTaskStepDto(updated, updated.statusId === null ? undefined : await statusById(tx, updated.statusId)),
      task: toTaskProgressDto(scope),
      cascade: ctx.cascade,
    };
  });
}
