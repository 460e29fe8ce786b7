// Quiz attempts: started on the server, which fixes the question order (shuffled when the quiz says
// so), the start and the deadline; answers saved per question while the attempt is open. Grading is
// evaluation.ts. Only the task's owner takes its quizzes; managers who oversee the task may look.
import "server-only";
import { and, asc, eq, inArray, type Placeholder, sql } from "drizzle-orm";
import type { Db, DbOrTx } from "../../db/client";
import { prepared, preparedSql } from "../../db/prepared";
import { type ExamAttempt, examAttempts, type TaskResult, taskResults, tasks } from "../../db/schema";
import { ApiError, conflict, forbidden, notFound } from "../api/errors";
import { authorize } from "../api/handler";
import { assertVersion } from "../api/versioning";
import { withAudit } from "../audit/context";
import { auditContextOf, type Principal } from "../auth/principal";
import { startTaskIfTodo } from "../progress/cascade";
import { type CascadeResult, emitProgressEvent, newProgressContext, type ProgressContext } from "../progress/context";
import { type TaskProgressDto, toTaskProgressDto } from "../progress/dto";
import { lockTaskInScope, type TaskInScope } from "../progress/task-access";
import { topicOfTask } from "../progress/task-status";
import { overseenTasks, visibleTasks } from "../tasks/scope";
import { type AttemptDto, toAttemptDto } from "./dto";
import { answerIssues, attemptState, type QuizDefinition, questionOrder } from "./grading";
import { assertOwnerOfTask, assertTaskOpen, type EvaluatedStep, readEvaluatedStep, setStepStatus } from "./steps";
import type { AttemptSaveInput } from "./validators";

/** Every write moves updated_at strictly forward, so it can serve as the attempt's version. */
/** The attempt's next updated_at: now, or a millisecond past the last one (now may be a prepared statement's placeholder). */
export const nextRevision = (now: Date | Placeholder) =>
  sql`greatest(${now instanceof Date ? now.toISOString() : now}::timestamptz, ${examAttempts.updatedAt} + interval '1 millisecond')`;

export async function attemptsOf(tx: DbOrTx, stepId: number, userId: number): Promise<ExamAttempt[]> {
  return prepared(tx, "exam_attempts_of", (on) =>
    on
      .select()
      .from(examAttempts)
      .where(and(eq(examAttempts.taskStepId, sql.placeholder("step")), eq(examAttempts.userId, sql.placeholder("user"))))
      .orderBy(asc(examAttempts.attemptNo)),
  ).execute({ step: stepId, user: userId });
}

async function hasPassed(tx: DbOrTx, stepId: number, userId: number): Promise<boolean> {
  const [row] = await preparedSql<{ passed: boolean }>(
    tx,
    "exam_step_passed",
    () => sql`select exists (select 1 from task_results where task_step_id = ${sql.placeholder("step")} and user_id = ${sql.placeholder("user")} and passed) as passed`,
  ).execute({ step: stepId, user: userId });
  return row?.passed ?? false;
}

export type OpenedAttempt = { attempt: ExamAttempt; created: boolean };

/**
 * The user's open attempt at the quiz step, or a new one: refused once the quiz is passed or every
 * allowed attempt is used (an attempt that ran out of time counts as used).
 */
export async function openAttempt(ctx: ProgressContext, scope: TaskInScope, quiz: EvaluatedStep<"quiz">, userId: number): Promise<OpenedAttempt> {
  const { step, definition } = quiz;
  const previous = await attemptsOf(ctx.tx, step.id, userId);
  const open = previous.find((a) => attemptState(a, ctx.now) === "open");
  if (open) return { attempt: open, created: false };
  if (await hasPassed(ctx.tx, step.id, userId)) {
    throw conflict(`You already passed ‘${step.name}’.`, { reason: "already_passed" });
  }
  if (previous.length >= definition.max_attempts) {
    throw conflict(`All ${definition.max_attempts} attempts at ‘${step.name}’ are used.`, {
      reason: "attempts_exhausted",
      max_attempts: definition.max_attempts,
      attempts_used: previous.length,
    });
  }
  if (quiz.statusCode === "done") throw conflict(`‘${step.name}’ is already completed.`, { reason: "step_completed" });

  const deadlineAt = definition.time_limit_minutes === null ? null : new Date(ctx.now.getTime() + definition.time_limit_minutes * 60_000);
  const [attempt] = await ctx.tx
    .insert(examAttempts)
    .values({
      taskId: scope.task.id,
      taskStepId: step.id,
      userId,
      attemptNo: (previous.at(-1)?.attemptNo ?? 0) + 1,
      questionOrder: questionOrder(definition),
      startedAt: ctx.now,
      deadlineAt,
      createdAt: ctx.now,
      updatedAt: ctx.now,
    })
    .returning();
  if (!attempt) throw new Error("inserting the exam attempt returned no row");
  await setStepStatus(ctx, step.id, "in_progress");
  await emitProgressEvent(ctx, "exam.attempt_started", attempt.id, topicOfTask(scope), {
    attempt_id: attempt.id,
    task_id: scope.task.id,
    task_step_id: step.id,
    user_id: userId,
    attempt_no: attempt.attemptNo,
    deadline_at: deadlineAt?.toISOString() ?? null,
  });
  return { attempt, created: true };
}

export type StartAttemptAnswer = { attempt: AttemptDto; created: boolean; task: TaskProgressDto; cascade: CascadeResult };

/** Starts an attempt at a quiz step (or answers the one already open), with its questions and no answers. */
export async function startAttempt(db: Db, principal: Principal, params: { taskId: number; stepId: number }): Promise<StartAttemptAnswer> {
  authorize(principal, "exams:take");
  return withAudit(db, auditContextOf(principal), async (tx) => {
    const ctx = newProgressContext(tx, principal);
    let scope = await lockTaskInScope(tx, principal, params.taskId);
    const quiz = await readEvaluatedStep(tx, scope.task.id, params.stepId, "quiz", { lock: true });
    assertOwnerOfTask(scope, "take its quizzes");
    assertTaskOpen(scope);
    const opened = await openAttempt(ctx, scope, quiz, principal.userId);
    if (opened.created) scope = await startTaskIfTodo(ctx, scope, principal.userId);
    return { attempt: toAttemptDto(opened.attempt, quiz.definition, ctx.now), created: opened.created, task: toTaskProgressDto(scope), cascade: ctx.cascade };
  });
}

/** The graded results of the submitted ones among these attempts, by task_results id. */
async function resultsOf(db: DbOrTx, attempts: ExamAttempt[]): Promise<Map<number, TaskResult>> {
  const ids = attempts.flatMap((a) => (a.taskResultId === null ? [] : [a.taskResultId]));
  if (!ids.length) return new Map();
  const rows = await db.select().from(taskResults).where(inArray(taskResults.id, ids));
  return new Map(rows.map((r) => [r.id, r]));
}

const resultOf = (results: Map<number, TaskResult>, attempt: ExamAttempt) => (attempt.taskResultId === null ? null : (results.get(attempt.taskResultId) ?? null));

/** The attempts at a quiz step, each submitted one with its grade: the caller's own, or everyone's for a manager overseeing the task. */
export async function listStepAttempts(db: Db, principal: Principal, params: { taskId: number; stepId: number }): Promise<{ items: AttemptDto[] }> {
  authorize(principal, "tasks:read");
  const [task] = await db
    .select({ id: tasks.id, oversees: sql<boolean>`${overseenTasks(principal)}` })
    .from(tasks)
    .where(and(eq(tasks.id, params.taskId), visibleTasks(principal)));
  if (!task) throw notFound("task");
  const quiz = await readEvaluatedStep(db, task.id, params.stepId, "quiz", { lock: false });
  const rows = await db
    .select()
    .from(examAttempts)
    .where(and(eq(examAttempts.taskStepId, quiz.step.id), task.oversees ? undefined : eq(examAttempts.userId, principal.userId)))
    .orderBy(asc(examAttempts.userId), asc(examAttempts.attemptNo));
  const now = new Date();
  const results = await resultsOf(db, rows);
  return { items: rows.map((a) => toAttemptDto(a, quiz.definition, now, resultOf(results, a))) };
}

type VisibleAttempt = { attempt: ExamAttempt; quiz: QuizDefinition; own: boolean };

/** An attempt the principal took, or one on a task they oversee; 404 otherwise. */
async function findAttempt(db: DbOrTx, principal: Principal, id: number, lock: boolean): Promise<VisibleAttempt> {
  const query = db
    .select({ attempt: examAttempts })
    .from(examAttempts)
    .innerJoin(tasks, eq(tasks.id, examAttempts.taskId))
    .where(and(eq(examAttempts.id, id), visibleTasks(principal), sql`(${examAttempts.userId} = ${principal.userId} or ${overseenTasks(principal)})`));
  const [row] = lock ? await query.for("update", { of: examAttempts }) : await query;
  if (!row) throw notFound("exam attempt");
  const quiz = await readEvaluatedStep(db, row.attempt.taskId, row.attempt.taskStepId, "quiz", { lock: false });
  return { attempt: row.attempt, quiz: quiz.definition, own: row.attempt.userId === principal.userId };
}

export async function getAttempt(db: Db, principal: Principal, params: { id: number }): Promise<AttemptDto> {
  authorize(principal, "tasks:read");
  const { attempt, quiz } = await findAttempt(db, principal, params.id, false);
  return toAttemptDto(attempt, quiz, new Date(), resultOf(await resultsOf(db, [attempt]), attempt));
}

/** Refuses work on an attempt that is submitted or out of time, with the reason a client can act on. */
export function assertAttemptOpen(attempt: ExamAttempt, now: Date): void {
  const state = attemptState(attempt, now);
  if (state === "submitted") {
    throw conflict("This attempt is already submitted.", { reason: "attempt_submitted", task_result_id: attempt.taskResultId });
  }
  if (state === "expired") {
    throw conflict("The time limit of this attempt has passed (including its grace period); it can no longer be changed or submitted.", {
      reason: "time_limit_exceeded",
      deadline_at: attempt.deadlineAt?.toISOString() ?? null,
    });
  }
}

/** Saves answers per question (null clears one) while the attempt is open; answers merge. */
export async function saveAnswers(
  db: Db,
  principal: Principal,
  params: { id: number; answers: AttemptSaveInput["answers"]; version?: number; ifMatch?: number },
): Promise<AttemptDto> {
  authorize(principal, "exams:take");
  return withAudit(db, auditContextOf(principal), async (tx) => {
    const now = new Date();
    const { attempt, quiz, own } = await findAttempt(tx, principal, params.id, true);
    if (!own) throw forbidden("Only the person taking the attempt can answer it.");
    assertVersion(attempt.updatedAt.getTime(), { version: params.version, ifMatch: params.ifMatch }, "attempt");
    assertAttemptOpen(attempt, now);
    const issues = answerIssues(quiz, params.answers, true);
    if (issues.length) throw new ApiError("validation_failed", "Some answers do not fit the quiz.", { issues });

    const cleared = new Set(Object.entries(params.answers).flatMap(([id, value]) => (value === null ? [id] : [])));
    const answers = Object.fromEntries(
      Object.entries({ ...attempt.answers, ...params.answers }).filter((entry): entry is [string, string | string[]] => !cleared.has(entry[0])),
    );
    const [saved] = await tx
      .update(examAttempts)
      .set({ answers, updatedAt: nextRevision(now) })
      .where(eq(examAttempts.id, attempt.id))
      .returning();
    if (!saved) throw notFound("exam attempt");
    return toAttemptDto(saved, quiz, now);
  });
}
