// POST /api/evaluation/process {task_results: {task_id, task_step_id, answers}} as lib/exams/evaluation.ts
// grades one quiz in one call: the per-user limit in its own short transaction, then one audited
// transaction that locks the task and the step, opens the attempt (starting the task), stores the
// graded result with its scores, completes the step and, once every evaluated step has passed and
// the hand-made steps are done, the exam itself through the progress cascade.
import type pg from "pg";
import { type Answers, attemptState, gradeQuiz, minutesBetween, type QuizDefinition, questionOrder } from "../../lib/exams/grading";
import { HttpError, namedRows, type Principal, rows, withAudit } from "./common";
import { type Ctx, emit, lockTask, missingForDone, moveTask, opening, reloadTask, type Scope, startTaskIfTodo, taskProgressDto } from "./cascade";
import { contributionsOf, settle } from "./rollup";

const EVALUATION_LIMIT = { points: 30, durationMs: 60_000 };
const RATE_SQL = `insert into "rate_limits" ("key", "points", "expire") values ($1, $2, $3) on conflict ("key") do update set "points" = CASE WHEN "rate_limits"."expire" <= $4 THEN $5 ELSE "rate_limits"."points" + $6 END, "expire" = CASE WHEN "rate_limits"."expire" <= $7 THEN $8 ELSE "rate_limits"."expire" END returning "key", "points", "expire"`;
const ATTEMPT_COLUMNS = `"id", "task_id", "task_step_id", "user_id", "attempt_no", "question_order", "answers", "started_at", "deadline_at", "submitted_at", "task_result_id", "created_at", "updated_at"`;
type Attempt = { id: number; attempt_no: number; user_id: number; answers: Answers | null; started_at: Date; deadline_at: Date | null; submitted_at: Date | null };

/** The evaluation limiter's point, taken (and rolled back when refused) before the work. */
async function takePoint(pool: pg.Pool, userId: number): Promise<void> {
  const client = await pool.connect();
  try {
    await client.query("begin");
    const now = new Date();
    const expire = new Date(now.getTime() + EVALUATION_LIMIT.durationMs);
    const [row] = await namedRows<{ points: number }>(client, "rate_limit_consume", RATE_SQL, [`evaluation:user:${userId}`, 1, expire, now, 1, 1, now, expire]);
    if ((row?.points ?? 0) > EVALUATION_LIMIT.points) {
      await client.query("rollback");
      throw new HttpError(429, "Too many exam evaluations.");
    }
    await client.query("commit");
  } catch (err) {
    if (!(err instanceof HttpError)) await client.query("rollback").catch(() => undefined);
    throw err;
  } finally {
    client.release();
  }
}

const attemptsOf = (ctx: Ctx, stepId: number, userId: number) =>
  namedRows<Attempt>(ctx.tx, "exam_attempts_of", `select ${ATTEMPT_COLUMNS} from "exam_attempts" where ("exam_attempts"."task_step_id" = $1 and "exam_attempts"."user_id" = $2) order by "exam_attempts"."attempt_no" asc`, [stepId, userId]);

export async function evaluate(pool: pg.Pool, principal: Principal, body: unknown): Promise<[number, unknown]> {
  const item = (body as { task_results?: { task_id?: unknown; task_step_id?: unknown; answers?: unknown } } | undefined)?.task_results;
  const taskId = item?.task_id;
  const stepId = item?.task_step_id;
  if (typeof taskId !== "number" || typeof stepId !== "number" || typeof item?.answers !== "object" || item.answers === null) {
    throw new HttpError(422, "the baseline grades one {task_id, task_step_id, answers} item");
  }
  const answers = item.answers as Answers;
  await takePoint(pool, principal.userId);
  return withAudit(pool, principal, async (tx) => {
    const locked = await lockTask(opening(tx, principal), taskId);
    const ctx = locked.ctx;
    let scope: Scope = locked.scope;
    if (scope.ownRole !== "owner") throw new HttpError(403, "Only the task's owner can take its quizzes.");
    if (scope.status.is_final) throw new HttpError(409, `The task is ${scope.status.code}: its exams and submissions are closed.`);
    const [step] = await rows<{ id: number; name: string; kind: string; status_id: number | null; process_definition: QuizDefinition }>(
      tx,
      `select "task_steps"."id", "task_steps"."task_id", "task_steps"."step_template_id", "task_steps"."position", "task_steps"."name", "task_steps"."kind", "task_steps"."status_id", "task_steps"."started_at", "task_steps"."completed_at", "task_steps"."completed_by", "task_steps"."created_at", "task_steps"."updated_at", "task_steps"."version", "step_templates"."process_definition" from "task_steps" left join "step_templates" on "step_templates"."id" = "task_steps"."step_template_id" where ("task_steps"."id" = $1 and "task_steps"."task_id" = $2) for update of "task_steps"`,
      [stepId, taskId],
    );
    if (step?.kind !== "quiz") throw new HttpError(404, "quiz step not found");
    const quiz = step.process_definition;
    const known = new Set(quiz.questions.map((q) => q.id));
    if (Object.keys(answers).some((id) => !known.has(id))) throw new HttpError(422, "Some answers do not fit the quiz.");

    // openAttempt: none open, not passed, attempts left, then the attempt, the step in progress and its event.
    const previous = await attemptsOf(ctx, step.id, principal.userId);
    if (previous.some((a) => attemptState({ startedAt: a.started_at, deadlineAt: a.deadline_at, submittedAt: a.submitted_at }, ctx.now) === "open")) {
      throw new HttpError(409, "An attempt at this quiz is open: submit it with its attempt_id.");
    }
    const [passedBefore] = await namedRows<{ passed: boolean }>(tx, "exam_step_passed", `select exists (select 1 from task_results where task_step_id = $1 and user_id = $2 and passed) as passed`, [step.id, principal.userId]);
    if (passedBefore?.passed) throw new HttpError(409, `You already passed ‘${step.name}’.`);
    if (previous.length >= quiz.max_attempts) throw new HttpError(409, `All ${quiz.max_attempts} attempts at ‘${step.name}’ are used.`);
    const deadline = quiz.time_limit_minutes === null ? null : new Date(ctx.now.getTime() + quiz.time_limit_minutes * 60_000);
    const [attempt] = await rows<Attempt>(
      tx,
      `insert into "exam_attempts" ("id", "task_id", "task_step_id", "user_id", "attempt_no", "question_order", "answers", "started_at", "deadline_at", "submitted_at", "task_result_id", "created_at", "updated_at") values (default, $1, $2, $3, $4, $5, default, $6, $7, default, default, $8, $9) returning ${ATTEMPT_COLUMNS}`,
      [taskId, step.id, principal.userId, (previous.at(-1)?.attempt_no ?? 0) + 1, JSON.stringify(questionOrder(quiz)), ctx.now, deadline, ctx.now, ctx.now],
    );
    if (!attempt) throw new Error("inserting the exam attempt returned no row");
    const inProgress = ctx.statuses.byCode("task_step", "in_progress").id;
    const stepDone = ctx.statuses.byCode("task_step", "done").id;
    await namedRows(
      tx,
      "step_set_status",
      `update "task_steps" set "status_id" = $1, "started_at" = coalesce("task_steps"."started_at", $2::timestamptz), "updated_at" = $3, "version" = "task_steps"."version" + 1 where ("task_steps"."id" = $4 and "task_steps"."status_id" is distinct from $5 and "task_steps"."status_id" is distinct from $6)`,
      [inProgress, ctx.now.toISOString(), ctx.now, step.id, inProgress, stepDone],
    );
    await emit(ctx, "exam.attempt_started", attempt.id, scope, { attempt_id: attempt.id, task_id: taskId, task_step_id: step.id, user_id: principal.userId, attempt_no: attempt.attempt_no, deadline_at: deadline?.toISOString() ?? null });
    scope = await startTaskIfTodo(ctx, scope, principal.userId);

    // gradeAttempt: the result, its scores, the attempt closed, then the step and maybe the exam.
    const grade = gradeQuiz(quiz, answers);
    const metrics = { correct_answers: grade.correct_answers, total_questions: grade.total_questions, score: grade.score, max_score: grade.max_score, passed: grade.passed, actual_minutes: minutesBetween(attempt.started_at, ctx.now), expected_minutes: scope.task.expected_minutes, technical_rating: null, per_question: grade.per_question };
    const [result] = await namedRows<{ id: number }>(
      tx,
      "exam_result_insert",
      `insert into "task_results" ("id", "task_id", "performance_metrics", "user_id", "task_step_id", "attempt", "score", "passed", "graded_by", "created_at") values (default, $1, $2, $3, $4, $5, $6, $7, $8, $9) returning "id", "task_id", "performance_metrics", "user_id", "task_step_id", "attempt", "score", "passed", "graded_by", "created_at"`,
      [taskId, JSON.stringify(metrics), principal.userId, step.id, attempt.attempt_no, grade.score, grade.passed, null, ctx.now],
    );
    if (!result) throw new Error("inserting the task result returned no row");
    await tx.query({ name: "result_lock_task", text: "select 1 from tasks where id = $1 for update", values: [taskId] });
    await tx.query({ name: "result_lock_milestone", text: "select 1 from milestones where id = (select milestone_id from tasks where id = $1) for update", values: [taskId] });
    await tx.query({ name: "result_lock_project", text: "select 1 from projects where id = (select project_id from tasks where id = $1) for update", values: [taskId] });
    await settle(tx, await contributionsOf(tx, { resultIds: [result.id] }));
    await namedRows(
      tx,
      "exam_attempt_submit",
      `update "exam_attempts" set "answers" = $1, "submitted_at" = $2, "task_result_id" = $3, "updated_at" = greatest($4::timestamptz, "exam_attempts"."updated_at" + interval '1 millisecond') where "exam_attempts"."id" = $5`,
      [JSON.stringify({ ...attempt.answers, ...answers }), ctx.now, result.id, ctx.now.toISOString(), attempt.id],
    );
    const used = (await attemptsOf(ctx, step.id, principal.userId)).length;
    const attemptsLeft = grade.passed ? 0 : Math.max(0, quiz.max_attempts - used);
    let stepCompleted = false;
    if (grade.passed || attemptsLeft === 0) {
      scope = await startTaskIfTodo(ctx, scope, principal.userId);
      const [completed] = await namedRows<{ id: number; kind: string }>(
        tx,
        "step_complete",
        `update "task_steps" set "status_id" = $1, "started_at" = coalesce("task_steps"."started_at", $2::timestamptz), "completed_at" = $3, "completed_by" = $4, "updated_at" = $5, "version" = "task_steps"."version" + 1 where ("task_steps"."id" = $6 and "task_steps"."task_id" = $7 and "task_steps"."status_id" is distinct from $8) returning "id", "task_id", "step_template_id", "position", "name", "kind", "status_id", "started_at", "completed_at", "completed_by", "created_at", "updated_at", "version"`,
        [stepDone, ctx.now.toISOString(), ctx.now, principal.userId, ctx.now, step.id, taskId, stepDone],
      );
      if (completed) {
        stepCompleted = true;
        ctx.cascade.steps_completed.push(completed.id);
        await emit(ctx, "task_step.completed", completed.id, scope, { task_step_id: completed.id, task_id: taskId, kind: completed.kind });
      }
      scope = await reloadTask(ctx, scope);
    }
    if (grade.passed && ["todo", "in_progress", "in_review"].includes(scope.status.code)) {
      const [open] = await namedRows<{ open: number }>(
        tx,
        "task_unpassed_evaluated_steps",
        `select count(*)::int as open from task_steps ts
        where ts.task_id = $1 and ts.kind in ('quiz', 'submission')
          and not exists (select 1 from task_results r where r.task_step_id = ts.id and r.passed)`,
        [taskId],
      );
      if (open?.open === 0 && !(await missingForDone(ctx, scope.task))) {
        scope = await startTaskIfTodo(ctx, scope, principal.userId);
        scope = await moveTask(ctx, scope, ctx.statuses.byCode("task", "done"), principal.userId);
      }
    }
    await emit(ctx, "exam.graded", result.id, scope, { task_result_id: result.id, attempt_id: attempt.id, task_id: taskId, task_step_id: step.id, user_id: principal.userId, passed: grade.passed, score: grade.score });
    const answer = { task_result_id: result.id, attempt_id: attempt.id, attempt_no: attempt.attempt_no, task_id: taskId, task_step_id: step.id, user_id: principal.userId, passed: grade.passed, score: grade.score, metrics, max_attempts: quiz.max_attempts, attempts_used: used, attempts_left: attemptsLeft, ignored_fields: [], step_completed: stepCompleted, task: taskProgressDto(scope), cascade: ctx.cascade };
    return [201, { results: [answer] }];
  });
}
