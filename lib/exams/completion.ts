// What a graded result sets off: its step completes, then the task through the progress cascade.
// Ordinary tasks complete after their last step (autoCompleteTask); an exam completes only when
// every one of its evaluated steps holds a passed result, through the same legal moves a person makes.
import "server-only";
import { autoCompleteTask, completeStepRow, moveTask, startTaskIfTodo } from "../progress/cascade";
import type { ProgressContext } from "../progress/context";
import { reloadTask, type TaskInScope } from "../progress/task-access";
import { missingForDone } from "../progress/task-status";
import { statusByCode } from "../statuses/service";
import { everyEvaluatedStepPassed } from "./steps";

export type Settled = { scope: TaskInScope; stepCompleted: boolean };

/**
 * `completeStep`: the step's evaluation is over (passed, accepted, or no attempts left);
 * `passed`: the result counts as a pass. `actingUserId` is the person whose work it is.
 */
export async function settleEvaluatedStep(
  ctx: ProgressContext,
  scope: TaskInScope,
  stepId: number,
  options: { actingUserId: number; completeStep: boolean; passed: boolean },
): Promise<Settled> {
  const { actingUserId } = options;
  let current = scope;
  let stepCompleted = false;
  if (options.completeStep) {
    current = await startTaskIfTodo(ctx, current, actingUserId);
    stepCompleted = await completeStepRow(ctx, current, stepId, actingUserId);
    current = await reloadTask(ctx.tx, current);
  }
  if (current.task.kind !== "exam") {
    return { scope: await autoCompleteTask(ctx, current, actingUserId), stepCompleted };
  }
  const completable = ["todo", "in_progress", "in_review"].includes(current.status.code);
  if (!options.passed || !completable || !(await everyEvaluatedStepPassed(ctx.tx, current.task.id))) return { scope: current, stepCompleted };
  if (await missingForDone(ctx.tx, current.task)) return { scope: current, stepCompleted };
  current = await startTaskIfTodo(ctx, current, actingUserId);
  current = await moveTask(ctx, current, await statusByCode(ctx.tx, "task", "done"), { actingUserId });
  return { scope: current, stepCompleted };
}
