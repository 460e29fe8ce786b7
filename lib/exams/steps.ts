// The evaluated steps of a task (quiz and submission) with their definitions, read from the step's
// step_templates row: published templates never change, so an attempt is graded against the very
// questions it was shown. Also the step status moves that evaluation makes besides completion.
import "server-only";
import { and, eq, sql } from "drizzle-orm";
import type { DbOrTx } from "../../db/client";
import { prepared, preparedSql, setTo } from "../../db/prepared";
import { stepTemplates, type TaskStep, taskSteps } from "../../db/schema";
import { ApiError, forbidden, notFound } from "../api/errors";
import type { ProgressContext } from "../progress/context";
import type { TaskInScope } from "../progress/task-access";
import { statusByCode, statusById } from "../statuses/service";
import { processDefinition } from "../templates/process-definition";
import type { QuizDefinition, SubmissionDefinition } from "./grading";

type Kinds = { quiz: QuizDefinition; submission: SubmissionDefinition };

export type EvaluatedStep<K extends keyof Kinds> = { step: TaskStep; definition: Kinds[K]; statusCode: string };

/**
 * The step of the task with its definition; 404 / 422 otherwise. Writers lock it (after the task,
 * which they locked first: the one lock order of lib/progress/task-access.ts).
 */
export async function readEvaluatedStep<K extends keyof Kinds>(
  tx: DbOrTx,
  taskId: number,
  stepId: number,
  kind: K,
  options: { lock: boolean },
): Promise<EvaluatedStep<K>> {
  const query = tx
    .select({ step: taskSteps, definition: stepTemplates.processDefinition })
    .from(taskSteps)
    .leftJoin(stepTemplates, eq(stepTemplates.id, taskSteps.stepTemplateId))
    .where(and(eq(taskSteps.id, stepId), eq(taskSteps.taskId, taskId)));
  const [row] = options.lock ? await query.for("update", { of: taskSteps }) : await query;
  if (!row) throw notFound("step");
  if (row.step.kind !== kind) {
    throw new ApiError("validation_failed", `‘${row.step.name}’ is a ${row.step.kind} step, not a ${kind} step.`, { extra: { step_kind: row.step.kind } });
  }
  const parsed = processDefinition.safeParse(row.definition);
  if (!parsed.success || parsed.data.type !== kind) {
    // A step without a valid definition cannot be taken; the template, not the caller, is at fault.
    throw new ApiError("validation_failed", `‘${row.step.name}’ has no usable ${kind} definition; ask an admin to fix its template.`);
  }
  const status = row.step.statusId === null ? undefined : await statusById(tx, row.step.statusId);
  return { step: row.step, definition: parsed.data as Kinds[K], statusCode: status?.code ?? "todo" };
}

/** Only the task's owner takes its exams and submits its work: a result is a personal record. */
export function assertOwnerOfTask(scope: TaskInScope, what: string): void {
  if (scope.ownRole === "owner") return;
  throw forbidden(`Only the task's owner can ${what}.`);
}

/** Work on a task in a final state (done, cancelled) is over. */
export function assertTaskOpen(scope: TaskInScope): void {
  if (scope.status.isFinal) {
    throw new ApiError("conflict", `The task is ${scope.status.code}: its exams and submissions are closed.`, { extra: { reason: "task_closed" } });
  }
}

/** Moves a step that is not done to `code` (in_progress, in_review), stamping its start. */
export async function setStepStatus(ctx: ProgressContext, stepId: number, code: "in_progress" | "in_review"): Promise<void> {
  const [to, done] = await Promise.all([statusByCode(ctx.tx, "task_step", code), statusByCode(ctx.tx, "task_step", "done")]);
  // Run by every exam answer and submission: a prepared statement (db/prepared.ts).
  await prepared(ctx.tx, "step_set_status", (on) =>
    on
      .update(taskSteps)
      .set({
        statusId: setTo("status"),
        startedAt: sql`coalesce(${taskSteps.startedAt}, ${sql.placeholder("nowText")}::timestamptz)`,
        updatedAt: setTo("now"),
        version: sql`${taskSteps.version} + 1`,
      })
      .where(
        and(
          eq(taskSteps.id, sql.placeholder("id")),
          sql`${taskSteps.statusId} is distinct from ${sql.placeholder("status")}`,
          sql`${taskSteps.statusId} is distinct from ${sql.placeholder("done")}`,
        ),
      ),
  ).execute({ id: stepId, status: to.id, done: done.id, now: ctx.now, nowText: ctx.now.toISOString() });
}

/**
 * Whether every quiz and submission step of the task has a passed result. An exam completes only
 * then: one passed quiz must not finish an exam whose other evaluated steps are still open.
 */
export async function everyEvaluatedStepPassed(tx: DbOrTx, taskId: number): Promise<boolean> {
  const [row] = await preparedSql<{ open: number }>(
    tx,
    "task_unpassed_evaluated_steps",
    () => sql`select count(*)::int as open from task_steps ts
        where ts.task_id = ${sql.placeholder("id")} and ts.kind in ('quiz', 'submission')
          and not exists (select 1 from task_results r where r.task_step_id = ts.id and r.passed)`,
  ).execute({ id: taskId });
  return (row?.open ?? 1) === 0;
}
