// Evaluation: the server grades, stores task_results with performance_metrics, feeds the score
// rollup, completes the quiz step and the exam; client-sent scores are ignored; the time limit, the
// attempt limit and batches are enforced.
import { randomBytes } from "node:crypto";
import { eq } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { examAttempts, taskSteps } from "../../db/schema";
import { expectApiError } from "../../test/api-errors";
import { openTestProcessDatabase } from "../../test/use-database";
import { stepsOf, taskRow } from "../progress/test-program";
import { statusById } from "../statuses/service";
import { startAttempt } from "./attempts";
import { processEvaluation, submitAttempt } from "./evaluation";
import { addExamTask, ageAttempt, attemptRow, auditTrail, createExamWorld, eventTypesOfTask, type ExamWorld, freshCall, resultsOf, rightAnswers, userScoreRow, wrongAnswers } from "./test-fixtures";

const { db } = await openTestProcessDatabase();

const start = async (w: ExamWorld) => (await startAttempt(db, w.employee.principal, { taskId: w.examTaskId, stepId: w.quizStepId })).attempt;
const stepStatus = async (taskId: number) => {
  const [step] = await stepsOf(db, taskId);
  return (await statusById(db, step?.statusId ?? 0))?.code;
};
const taskStatus = async (taskId: number) => (await statusById(db, (await taskRow(db, taskId)).statusId ?? 0))?.code;

describe("grading an open attempt", () => {
  it("stores the result with its metrics, completes the quiz step and the exam, and feeds the score rollup", async () => {
    const w = await createExamWorld(db);
    const attempt = await start(w);
    const call = freshCall(w.employee.principal);
    const { results } = await processEvaluation(db, call, { task_results: { attempt_id: attempt.id, answers: rightAnswers(w.key) } });
    const [r] = results;
    expect(r).toMatchObject({
      attempt_id: attempt.id,
      attempt_no: 1,
      task_id: w.examTaskId,
      task_step_id: w.quizStepId,
      user_id: w.employee.user.id,
      passed: true,
      score: 1,
      max_attempts: 2,
      attempts_used: 1,
      attempts_left: 0,
      ignored_fields: [],
      step_completed: true,
    });
    expect(r?.task.status.code).toBe("done");
    expect(r?.cascade.tasks_completed).toEqual([w.examTaskId]);

    const [stored] = await resultsOf(db, w.examTaskId);
    expect(stored).toMatchObject({ id: r?.task_result_id, userId: w.employee.user.id, taskStepId: w.quizStepId, attempt: 1, score: 1, passed: true, gradedBy: null });
    expect(stored?.performanceMetrics).toMatchObject({
      correct_answers: 3,
      total_questions: 3,
      score: 1,
      max_score: 4,
      passed: true,
      expected_minutes: 20,
      technical_rating: null,
      per_question: [
        { id: "q1", correct: true, points: 1 },
        { id: "q2", correct: true, points: 2 },
        { id: "q3", correct: true, points: 1 },
      ],
    });
    expect(typeof stored?.performanceMetrics?.actual_minutes).toBe("number");

    const row = await attemptRow(db, attempt.id);
    expect(row.submittedAt).not.toBeNull();
    expect(row.taskResultId).toBe(r?.task_result_id);
    expect(await stepStatus(w.examTaskId)).toBe("done");
    expect(await taskStatus(w.examTaskId)).toBe("done");
    expect(await eventTypesOfTask(db, w.examTaskId, "exam.")).toEqual(["exam.attempt_started", "exam.graded"]);
    expect(await auditTrail(db, call.requestId)).toEqual(expect.arrayContaining(["task_results:insert", "exam_attempts:update", "tasks:update"]));
    expect(await userScoreRow(db, w.employee.user.id)).toMatchObject({ correct_answers: 3, total_questions: 3 });
  });

  it("merges final answers over the saved ones and counts unanswered questions wrong", async () => {
    const w = await createExamWorld(db);
    const attempt = await start(w);
    await db.update(examAttempts).set({ answers: { q1: "a", q3: "Porto" } }).where(eq(examAttempts.id, attempt.id));
    const [r] = (await processEvaluation(db, w.employee.principal, { task_results: { attempt_id: attempt.id, answers: { q3: w.key.otherAccepted } } })).results;
    expect(r?.metrics).toMatchObject({ correct_answers: 2, total_questions: 3, score: 0.5, passed: false });
    expect(r?.metrics.per_question?.find((q) => q.id === "q2")).toEqual({ id: "q2", correct: false, points: 0 });
    expect((await attemptRow(db, attempt.id)).answers).toEqual({ q1: "a", q3: w.key.otherAccepted });
  });

  it("ignores a client-sent score, passed flag and correct answers, and names them in ignored_fields", async () => {
    const w = await createExamWorld(db);
    const attempt = await start(w);
    const tampered = {
      attempt_id: attempt.id,
      answers: wrongAnswers,
      score: 1,
      passed: true,
      correct_answers: 3,
      performance_metrics: { score: 1, passed: true },
    };
    const [r] = (await processEvaluation(db, w.employee.principal, { task_results: tampered })).results;
    expect(r).toMatchObject({ passed: false, score: 0, ignored_fields: ["correct_answers", "passed", "performance_metrics", "score"] });
    const [stored] = await resultsOf(db, w.examTaskId);
    expect(stored).toMatchObject({ score: 0, passed: false });
    expect(stored?.performanceMetrics).toMatchObject({ correct_answers: 0, score: 0, passed: false });
    expect(await taskStatus(w.examTaskId)).toBe("in_progress");
  });

  it("keeps the step open after a failed attempt with attempts left, and completes it (not the exam) when none are left", async () => {
    const w = await createExamWorld(db, { maxAttempts: 2 });
    const first = await start(w);
    const [r1] = (await processEvaluation(db, w.employee.principal, { task_results: { attempt_id: first.id, answers: wrongAnswers } })).results;
    expect(r1).toMatchObject({ passed: false, attempts_used: 1, attempts_left: 1, step_completed: false });
    expect(await stepStatus(w.examTaskId)).toBe("in_progress");

    const second = await start(w);
    const [r2] = (await processEvaluation(db, w.employee.principal, { task_results: { attempt_id: second.id, answers: wrongAnswers } })).results;
    expect(r2).toMatchObject({ passed: false, attempt_no: 2, attempts_used: 2, attempts_left: 0, step_completed: true });
    expect(await stepStatus(w.examTaskId)).toBe("done");
    expect(await taskStatus(w.examTaskId)).toBe("in_progress");
    expect((await resultsOf(db, w.examTaskId)).map((r) => r.attempt)).toEqual([1, 2]);
    // Every graded attempt counts towards quality: 0 of 3, twice.
    expect(await userScoreRow(db, w.employee.user.id)).toMatchObject({ correct_answers: 0, total_questions: 6 });
  });

  it("accepts a submit within the 30 s grace after the deadline and refuses one after it (409 time_limit_exceeded)", async () => {
    const w = await createExamWorld(db, { timeLimit: 5, maxAttempts: 3 });
    const inGrace = await start(w);
    await ageAttempt(db, inGrace.id, 5 * 60 + 20);
    const [r] = (await processEvaluation(db, w.employee.principal, { task_results: { attempt_id: inGrace.id, answers: wrongAnswers } })).results;
    expect(r?.passed).toBe(false);

    const late = await start(w);
    await ageAttempt(db, late.id, 5 * 60 + 45);
    const refused = await expectApiError(processEvaluation(db, w.employee.principal, { task_results: { attempt_id: late.id, answers: rightAnswers(w.key) } }), "conflict");
    expect(refused.extra).toMatchObject({ reason: "time_limit_exceeded" });
    expect(await resultsOf(db, w.examTaskId)).toHaveLength(1);
    expect((await attemptRow(db, late.id)).submittedAt).toBeNull();
  });

  it("refuses a second submit of the same attempt (409) and another person's attempt (404)", async () => {
    const w = await createExamWorld(db);
    const attempt = await start(w);
    await submitAttempt(db, w.employee.principal, { id: attempt.id, body: { answers: wrongAnswers } });
    expect((await expectApiError(submitAttempt(db, w.employee.principal, { id: attempt.id, body: {} }), "conflict")).extra).toMatchObject({
      reason: "attempt_submitted",
    });
    const other = await createExamWorld(db);
    const theirs = await start(other);
    await expectApiError(processEvaluation(db, w.employee.principal, { task_results: { attempt_id: theirs.id } }), "not_found");
    await expectApiError(submitAttempt(db, other.manager.principal, { id: theirs.id, body: {} }), "not_found");
    await expectApiError(processEvaluation(db, w.employee.principal, { task_results: { attempt_id: 2_000_000_000 } }), "not_found");
  });

  it("takes task_id and task_step_id beside attempt_id only when they are the attempt's own (422 otherwise)", async () => {
    const w = await createExamWorld(db);
    const attempt = await start(w);
    const wrong = await expectApiError(
      processEvaluation(db, w.employee.principal, { task_results: { attempt_id: attempt.id, task_id: w.projectTaskId, task_step_id: w.submissionStepId } }),
      "validation_failed",
    );
    expect(wrong.issues?.map((i) => i.path)).toEqual(["task_id", "task_step_id"]);
    const [r] = (
      await processEvaluation(db, w.employee.principal, { task_results: { attempt_id: attempt.id, task_id: w.examTaskId, task_step_id: w.quizStepId, answers: wrongAnswers } })
    ).results;
    expect(r).toMatchObject({ attempt_id: attempt.id, ignored_fields: [] });
  });
});

describe("grading in one call", () => {
  it("starts and submits an attempt at once, within the attempt limit", async () => {
    const w = await createExamWorld(db, { maxAttempts: 2 });
    const body = { task_id: w.examTaskId, answers: wrongAnswers };
    const [r1] = (await processEvaluation(db, w.employee.principal, { task_results: body })).results;
    expect(r1).toMatchObject({ attempt_no: 1, passed: false, attempts_left: 1 });
    expect(r1?.metrics.actual_minutes).toBe(0);
    const [r2] = (await processEvaluation(db, w.employee.principal, { task_results: { ...body, task_step_id: w.quizStepId } })).results;
    expect(r2).toMatchObject({ attempt_no: 2, attempts_left: 0 });
    const over = await expectApiError(processEvaluation(db, w.employee.principal, { task_results: body }), "conflict");
    expect(over.extra).toMatchObject({ reason: "attempts_exhausted", max_attempts: 2 });
    expect(await resultsOf(db, w.examTaskId)).toHaveLength(2);
  });

  it("refuses while an attempt is open (409 with its id), for helpers (403), strangers (404) and tasks without a quiz (422)", async () => {
    const w = await createExamWorld(db);
    const open = await start(w);
    const refused = await expectApiError(processEvaluation(db, w.employee.principal, { task_results: { task_id: w.examTaskId, answers: {} } }), "conflict");
    expect(refused.extra).toMatchObject({ reason: "attempt_open", open_attempt_id: open.id });
    await expectApiError(processEvaluation(db, w.helper.principal, { task_results: { task_id: w.examTaskId, answers: {} } }), "forbidden");
    await expectApiError(processEvaluation(db, w.stranger.principal, { task_results: { task_id: w.examTaskId, answers: {} } }), "not_found");
    await expectApiError(processEvaluation(db, w.employee.principal, { task_results: { task_id: w.projectTaskId, answers: {} } }), "validation_failed");
    const unfit = await expectApiError(
      processEvaluation(db, w.employee.principal, { task_results: { task_id: w.examTaskId, task_step_id: w.quizStepId, answers: { nope: "a" } } }),
      "validation_failed",
    );
    expect(unfit.issues?.[0]?.path).toBe("answers.nope");
  });
});

describe("batches", () => {
  it("grades several results in one transaction, in task order, answering in input order", async () => {
    const w = await createExamWorld(db);
    const other = await addExamTask(db, w);
    expect(other.taskId).toBeGreaterThan(w.examTaskId);
    const later = (await startAttempt(db, w.employee.principal, { taskId: other.taskId, stepId: other.stepId })).attempt;
    const { results } = await processEvaluation(db, w.employee.principal, {
      task_results: [
        { attempt_id: later.id, answers: rightAnswers(other.key), score: 0 },
        { task_id: w.examTaskId, answers: wrongAnswers },
      ],
    });
    expect(results.map((r) => [r.task_id, r.passed, r.ignored_fields])).toEqual([
      [other.taskId, true, ["score"]],
      [w.examTaskId, false, []],
    ]);
    expect(await resultsOf(db, other.taskId)).toHaveLength(1);
    expect(await resultsOf(db, w.examTaskId)).toHaveLength(1);
  });

  it("refuses the whole batch when one result fails, naming its index", async () => {
    const w = await createExamWorld(db, { maxAttempts: 3 });
    const attempt = await start(w);
    const refused = await expectApiError(
      processEvaluation(db, w.employee.principal, {
        task_results: [
          { attempt_id: attempt.id, answers: rightAnswers(w.key) },
          { attempt_id: attempt.id, answers: rightAnswers(w.key) },
        ],
      }),
      "conflict",
    );
    expect(refused.extra).toMatchObject({ index: 1, reason: "attempt_submitted" });
    expect(refused.message).toMatch(/^task_results\[1\]/);
    expect(await resultsOf(db, w.examTaskId)).toHaveLength(0);
    expect((await attemptRow(db, attempt.id)).submittedAt).toBeNull();
  });
});

describe("exams with more than one evaluated step", () => {
  it("completes the exam only when every quiz and submission step has a passed result", async () => {
    const w = await createExamWorld(db);
    // A second quiz step on the same exam task, taken from the first one's template.
    const [quizStepRow] = await stepsOf(db, w.examTaskId);
    const [second] = await db
      .insert(taskSteps)
      .values({ taskId: w.examTaskId, stepTemplateId: quizStepRow?.stepTemplateId ?? null, position: 2, name: `Second ${randomBytes(3).toString("hex")}`, kind: "quiz" })
      .returning();
    const first = await start(w);
    const [r1] = (await processEvaluation(db, w.employee.principal, { task_results: { attempt_id: first.id, answers: rightAnswers(w.key) } })).results;
    expect(r1).toMatchObject({ passed: true, step_completed: true });
    expect(r1?.task.status.code).toBe("in_progress");
    const [r2] = (
      await processEvaluation(db, w.employee.principal, { task_results: { task_id: w.examTaskId, task_step_id: second?.id ?? 0, answers: rightAnswers(w.key) } })
    ).results;
    expect(r2?.task.status.code).toBe("done");
  });
});
