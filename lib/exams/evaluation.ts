// Evaluation (seed 4, evaluate_results: POST /api/evaluation/process {task_results}): grades quiz
// attempts on the server against the step definition, stores task_results with performance_metrics,
// and completes the step and the exam through the progress cascade. Scores, passed flags and correct
// answers sent by a client are ignored: only attempt ids, task and step ids and answers are read.
// The routes that call these limit them per user (LIMITS.evaluation, one point per graded result).
import "server-only";
import { and, asc, eq, inArray, sql } from "drizzle-orm";
import type { Db, Tx } from "../../db/client";
import { prepared, setTo } from "../../db/prepared";
import { type ExamAttempt, examAttempts, type PerformanceMetrics, taskResults, taskSteps, tasks } from "../../db/schema";
import { ApiError, conflict, notFound } from "../api/errors";
import { authorize } from "../api/handler";
import { withAudit } from "../audit/context";
import { auditContextOf, type Principal } from "../auth/principal";
import { startTaskIfTodo } from "../progress/cascade";
import { type CascadeResult, emitProgressEvent, newProgressContext, type ProgressContext } from "../progress/context";
import { type TaskProgressDto, toTaskProgressDto } from "../progress/dto";
import { lockTaskInScope, type TaskInScope } from "../progress/task-access";
import { topicOfTask } from "../progress/task-status";
import { recordResultInScores } from "../scores/rollup";
import { visibleTasks } from "../tasks/scope";
import { assertAttemptOpen, attemptsOf, nextRevision, openAttempt } from "./attempts";
import { settleEvaluatedStep } from "./completion";
import { answerIssues, type Answers, gradeQuiz, minutesBetween } from "./grading";
import { assertOwnerOfTask, assertTaskOpen, type EvaluatedStep, readEvaluatedStep } from "./steps";
import { type EvaluationItem, type EvaluationProcessInput, ignoredFields } from "./validators";

export type GradedResult = {
  task_result_id: number;
  attempt_id: number;
  attempt_no: number;
  task_id: number;
  task_step_id: number;
  user_id: number;
  passed: boolean;
  score: number;
  /** What was stored in task_results.performance_metrics: verdicts per question, never the answer key. */
  metrics: PerformanceMetrics;
  max_attempts: number;
  attempts_used: number;
  /** Further attempts allowed: none once passed. */
  attempts_left: number;
  /** Fields of the request the server did not read, e.g. a client-sent score. */
  ignored_fields: string[];
  step_completed: boolean;
  task: TaskProgressDto;
  cascade: CascadeResult;
};


/** The per-user limit on grading, taken by the routes before their transaction: one point per graded result. */
export const EVALUATION_RATE_LIMIT = { limiter: "evaluation", message: "Too many exam evaluations." } as const;

/** The results one evaluation request grades. */
export const evaluationItems = (input: EvaluationProcessInput): EvaluationItem[] => (Array.isArray(input.task_results) ? input.task_results : [input.task_results]);

export async function processEvaluation(db: Db, principal: Principal, input: EvaluationProcessInput): Promise<{ results: GradedResult[] }> {
  authorize(principal, "exams:take");
  const items = evaluationItems(input);
  return withAudit(db, auditContextOf(principal), async (tx) => {
    // Tasks are locked in id order whatever the input order, so two batches never deadlock.
    const attemptIds = items.flatMap((item) => (item.attempt_id === undefined ? [] : [item.attempt_id]));
    const attemptTasks = attemptIds.length
      ? new Map((await tx.select({ id: examAttempts.id, taskId: examAttempts.taskId }).from(examAttempts).where(inArray(examAttempts.id, attemptIds))).map((a) => [a.id, a.taskId]))
      : new Map<number, number>();
    const order = items
      .map((item, index) => ({ item, index, taskId: item.attempt_id === undefined ? (item.task_id ?? 0) : (attemptTasks.get(item.attempt_id) ?? 0) }))
      .sort((a, b) => a.taskId - b.taskId || a.index - b.index);
    // All of the batch's tasks first, before any item writes user_scores (which come last in every
    // transaction): otherwise a later item's task lock could be awaited while holding score rows.
    if (items.length > 1) {
      const taskIds = [...new Set(order.map((o) => o.taskId))];
      await tx.select({ id: tasks.id }).from(tasks).where(and(inArray(tasks.id, taskIds), visibleTasks(principal))).orderBy(asc(tasks.id)).for("update");
    }
    const results: GradedResult[] = new Array<GradedResult>(items.length);
    for (const { item, index } of order) {
      try {
        results[index] = await gradeItem(tx, principal, item);
      } catch (err) {
        throw items.length > 1 ? atIndex(err, index) : err;
      }
    }
    return { results };
  });
}

/** POST /api/exam-attempts/:id/submit: the same grading for one open attempt. */
export async function submitAttempt(
  db: Db,
  principal: Principal,
  params: { id: number; body: Record<string, unknown> & { answers?: Answers } },
): Promise<GradedResult> {
  authorize(principal, "exams:take");
  return withAudit(db, auditContextOf(principal), (tx) =>
    gradeItem(tx, principal, { ...params.body, attempt_id: params.id }, ignoredFields(params.body, ["answers"])),
  );
}

/** Names the failing item of a batch, so a client knows which result to fix. */
function atIndex(err: unknown, index: number): unknown {
  if (!(err instanceof ApiError)) return err;
  return new ApiError(err.code, `task_results[${index}]: ${err.message}`, {
    issues: err.issues?.map((issue) => ({ ...issue, path: `task_results.${index}.${issue.path}` })),
    headers: err.headers,
    extra: { ...err.extra, index },
  });
}

async function gradeItem(tx: Tx, principal: Principal, item: EvaluationItem, ignored = ignoredFields(item)): Promise<GradedResult> {
  const ctx = newProgressContext(tx, principal);
  if (item.attempt_id !== undefined) {
    const [found] = await prepared(tx, "exam_attempt_owner", (on) =>
      on.select({ taskId: examAttempts.taskId, userId: examAttempts.userId }).from(examAttempts).where(eq(examAttempts.id, sql.placeholder("id"))),
    ).execute({ id: item.attempt_id });
    // Another person's attempt is not there for the caller, whoever they are.
    if (found?.userId !== principal.userId) throw notFound("exam attempt");
    const scope = await lockTaskInScope(tx, principal, found.taskId);
    const [attempt] = await prepared(tx, "exam_attempt_lock", (on) =>
      on.select().from(examAttempts).where(eq(examAttempts.id, sql.placeholder("id"))).for("update"),
    ).execute({ id: item.attempt_id });
    if (!attempt) throw notFound("exam attempt");
    const mismatched = [
      ...(item.task_id !== undefined && item.task_id !== attempt.taskId ? [{ path: "task_id", message: `Attempt ${attempt.id} belongs to task ${attempt.taskId}.` }] : []),
      ...(item.task_step_id !== undefined && item.task_step_id !== attempt.taskStepId
        ? [{ path: "task_step_id", message: `Attempt ${attempt.id} belongs to step ${attempt.taskStepId}.` }]
        : []),
    ];
    if (mismatched.length) throw new ApiError("validation_failed", "task_id and task_step_id, when sent with attempt_id, must be the attempt's own.", { issues: mismatched });
    const quiz = await readEvaluatedStep(tx, scope.task.id, attempt.taskStepId, "quiz", { lock: true });
    return gradeAttempt(ctx, scope, quiz, attempt, item.answers, ignored);
  }

  // Grading in one call: an attempt started and submitted at once, within the attempt limit.
  const scope = await lockTaskInScope(tx, principal, item.task_id ?? 0);
  assertOwnerOfTask(scope, "take its quizzes");
  assertTaskOpen(scope);
  const quiz = await readEvaluatedStep(tx, scope.task.id, item.task_step_id ?? (await onlyQuizStep(tx, scope)), "quiz", { lock: true });
  if (item.answers) assertAnswersFit(quiz, item.answers);
  const opened = await openAttempt(ctx, scope, quiz, principal.userId);
  if (!opened.created) {
    throw conflict("An attempt at this quiz is open: submit it with its attempt_id.", { reason: "attempt_open", open_attempt_id: opened.attempt.id });
  }
  const started = await startTaskIfTodo(ctx, scope, principal.userId);
  return gradeAttempt(ctx, started, quiz, opened.attempt, item.answers, ignored);
}

/** Without task_step_id the task must have exactly one quiz step. */
async function onlyQuizStep(tx: Tx, scope: TaskInScope): Promise<number> {
  const steps = await tx
    .select({ id: taskSteps.id })
    .from(taskSteps)
    .where(and(eq(taskSteps.taskId, scope.task.id), eq(taskSteps.kind, "quiz")))
    .orderBy(taskSteps.position);
  const [only] = steps;
  if (only && steps.length === 1) return only.id;
  throw new ApiError(
    "validation_failed",
    steps.length ? "This task has several quiz steps: name one with task_step_id." : "This task has no quiz step to grade.",
    { issues: [{ path: "task_step_id", message: "Name the quiz step to grade." }], extra: { quiz_step_ids: steps.map((s) => s.id) } },
  );
}

function assertAnswersFit(quiz: EvaluatedStep<"quiz">, answers: Answers): void {
  const issues = answerIssues(quiz.definition, answers);
  if (issues.length) throw new ApiError("validation_failed", "Some answers do not fit the quiz.", { issues });
}

async function gradeAttempt(
  ctx: ProgressContext,
  scope: TaskInScope,
  quiz: EvaluatedStep<"quiz">,
  attempt: ExamAttempt,
  finalAnswers: Answers | undefined,
  ignored: string[],
): Promise<GradedResult> {
  const { tx, now } = ctx;
  const { step, definition } = quiz;
  assertAttemptOpen(attempt, now);
  assertTaskOpen(scope);
  if (finalAnswers) assertAnswersFit(quiz, finalAnswers);
  const answers = { ...attempt.answers, ...finalAnswers };
  const grade = gradeQuiz(definition, answers);
  const metrics: PerformanceMetrics = {
    correct_answers: grade.correct_answers,
    total_questions: grade.total_questions,
    score: grade.score,
    max_score: grade.max_score,
    passed: grade.passed,
    actual_minutes: minutesBetween(attempt.startedAt, now),
    expected_minutes: scope.task.expectedMinutes,
    technical_rating: null,
    per_question: grade.per_question,
  };
  const ph = sql.placeholder;
  const [result] = await prepared(tx, "exam_result_insert", (on) =>
    on
      .insert(taskResults)
      .values({
        taskId: ph("taskId"),
        taskStepId: ph("stepId"),
        userId: ph("userId"),
        attempt: ph("attempt"),
        score: ph("score"),
        passed: ph("passed"),
        // Graded by the server, not a person: graded_by stays empty.
        gradedBy: null,
        performanceMetrics: ph("metrics"),
        createdAt: ph("now"),
      })
      .returning(),
  ).execute({ taskId: scope.task.id, stepId: step.id, userId: attempt.userId, attempt: attempt.attemptNo, score: grade.score, passed: grade.passed, metrics, now });
  if (!result) throw new Error("inserting the task result returned no row");
  await recordResultInScores(tx, result);
  await prepared(tx, "exam_attempt_submit", (on) =>
    on
      .update(examAttempts)
      .set({
        answers: setTo("answers"),
        submittedAt: setTo("now"),
        taskResultId: setTo("resultId"),
        updatedAt: nextRevision(ph("nowText")),
      })
      .where(eq(examAttempts.id, ph("id"))),
  ).execute({ id: attempt.id, answers: JSON.stringify(answers), now, nowText: now.toISOString(), resultId: result.id });

  const used = (await attemptsOf(tx, step.id, attempt.userId)).length;
  const attemptsLeft = grade.passed ? 0 : Math.max(0, definition.max_attempts - used);
  const settled = await settleEvaluatedStep(ctx, scope, step.id, {
    actingUserId: attempt.userId,
    completeStep: grade.passed || attemptsLeft === 0,
    passed: grade.passed,
  });
  await emitProgressEvent(ctx, "exam.graded", result.id, topicOfTask(scope), {
    task_result_id: result.id,
    attempt_id: attempt.id,
    task_id: scope.task.id,
    task_step_id: step.id,
    user_id: attempt.userId,
    passed: grade.passed,
    score: grade.score,
  });
  return {
    task_result_id: result.id,
    attempt_id: attempt.id,
    attempt_no: attempt.attemptNo,
    task_id: scope.task.id,
    task_step_id: step.id,
    user_id: attempt.userId,
    passed: grade.passed,
    score: grade.score,
    metrics,
    max_attempts: definition.max_attempts,
    attempts_used: used,
    attempts_left: attemptsLeft,
    ignored_fields: ignored,
    step_completed: settled.stepCompleted,
    task: toTaskProgressDto(settled.scope),
    cascade: ctx.cascade,
  };
}
