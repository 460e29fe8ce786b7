// Quiz attempts: started on the server with the question order and deadline, resumed while open,
// answers saved per question with versions, and every refusal (who, when, how many times).
import { sql } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { expectApiError } from "../../test/api-errors";
import { openTestProcessDatabase } from "../../test/use-database";
import { stepsOf, taskRow } from "../progress/test-program";
import { statusById } from "../statuses/service";
import { getAttempt, listStepAttempts, saveAnswers, startAttempt } from "./attempts";
import { processEvaluation } from "./evaluation";
import { ageAttempt, attemptRow, auditTrail, createExamWorld, eventTypesOfTask, freshCall, rightAnswers, wrongAnswers } from "./test-fixtures";

// Services reached through the process database (getDb()) use this one too.
const { db } = await openTestProcessDatabase();

const start = (w: Awaited<ReturnType<typeof createExamWorld>>, principal = w.employee.principal) =>
  startAttempt(db, principal, { taskId: w.examTaskId, stepId: w.quizStepId });

describe("starting an attempt", () => {
  it("records the start, question order and deadline, starts the step and task, and answers the questions without answers", async () => {
    const w = await createExamWorld(db, { timeLimit: 15 });
    const call = freshCall(w.employee.principal);
    const answer = await start(w, call);
    expect(answer.created).toBe(true);
    const a = answer.attempt;
    expect(a).toMatchObject({ attempt_no: 1, max_attempts: 2, state: "open", time_limit_minutes: 15, grace_seconds: 30, answers: {}, task_result_id: null });
    expect(a.questions.map((q) => q.id)).toEqual(["q1", "q2", "q3"]);
    expect(a.questions[0]).toEqual({ id: "q1", kind: "single", prompt: "2 + 2?", points: 1, choices: [{ id: "a", text: "Four" }, { id: "b", text: "Five" }] });
    expect(a.questions[2]).toEqual({ id: "q3", kind: "short", prompt: "Capital of Portugal?", points: 1 });
    expect(JSON.stringify(a)).not.toContain(w.key.acceptedAnswer);
    expect(Date.parse(a.deadline_at ?? "") - Date.parse(a.started_at)).toBe(15 * 60_000);

    const row = await attemptRow(db, a.id);
    expect(row.questionOrder).toEqual(["q1", "q2", "q3"]);
    expect(row.userId).toBe(w.employee.user.id);
    expect(answer.task.status.code).toBe("in_progress");
    const [step] = await stepsOf(db, w.examTaskId);
    expect((await statusById(db, step?.statusId ?? 0))?.code).toBe("in_progress");
    expect(await eventTypesOfTask(db, w.examTaskId, "exam.")).toEqual(["exam.attempt_started"]);
    expect(await auditTrail(db, call.requestId)).toContain("exam_attempts:insert");
  });

  it("stores a shuffled order as a permutation of the questions when the quiz shuffles", async () => {
    const w = await createExamWorld(db, { shuffle: true });
    const { attempt } = await start(w);
    const row = await attemptRow(db, attempt.id);
    expect([...row.questionOrder].sort()).toEqual(["q1", "q2", "q3"]);
    expect(attempt.questions.map((q) => q.id)).toEqual(row.questionOrder);
  });

  it("answers the open attempt instead of starting a second one; without a time limit there is no deadline", async () => {
    const w = await createExamWorld(db, { timeLimit: null });
    const first = await start(w);
    const again = await start(w);
    expect(again.created).toBe(false);
    expect(again.attempt.id).toBe(first.attempt.id);
    expect(first.attempt.deadline_at).toBeNull();
  });

  it("refuses helpers, reviewers and managers (403), people without the task (404) and non-quiz steps (422)", async () => {
    const w = await createExamWorld(db);
    await expectApiError(start(w, w.helper.principal), "forbidden");
    await expectApiError(start(w, w.reviewer.principal), "forbidden");
    await expectApiError(start(w, w.manager.principal), "forbidden");
    await expectApiError(start(w, w.peer.principal), "not_found");
    await expectApiError(start(w, w.stranger.principal), "not_found");
    await expectApiError(startAttempt(db, w.employee.principal, { taskId: w.projectTaskId, stepId: w.submissionStepId }), "validation_failed");
    await expectApiError(startAttempt(db, w.employee.principal, { taskId: w.examTaskId, stepId: w.submissionStepId }), "not_found");
  });

  it("refuses a new attempt once every allowed attempt is used (409 attempts_exhausted), counting one that ran out of time", async () => {
    const w = await createExamWorld(db, { maxAttempts: 2, timeLimit: 5 });
    const first = await start(w);
    await ageAttempt(db, first.attempt.id, 6 * 60);
    const second = await start(w);
    expect(second.created).toBe(true);
    expect(second.attempt.attempt_no).toBe(2);
    await processEvaluation(db, w.employee.principal, { task_results: { attempt_id: second.attempt.id, answers: wrongAnswers } });
    const refused = await expectApiError(start(w), "conflict");
    expect(refused.extra).toMatchObject({ reason: "attempts_exhausted", max_attempts: 2, attempts_used: 2 });
  });

  it("refuses a new attempt after a pass (409 already_passed) and on a cancelled task", async () => {
    const w = await createExamWorld(db, { maxAttempts: 3 });
    const { attempt } = await start(w);
    await processEvaluation(db, w.employee.principal, { task_results: { attempt_id: attempt.id, answers: rightAnswers(w.key) } });
    // The exam is done now, so the task itself is closed as well.
    expect((await expectApiError(start(w), "conflict")).extra).toMatchObject({ reason: "task_closed" });

    const cancelled = await createExamWorld(db);
    await db.execute(sql`update tasks set status_id = (select id from statuses where domain = 'task' and code = 'cancelled') where id = ${cancelled.examTaskId}`);
    expect((await expectApiError(start(cancelled), "conflict")).extra).toMatchObject({ reason: "task_closed" });
  });
});

describe("reading attempts", () => {
  it("shows the attempt to its taker and to a manager overseeing the task, not to others (404)", async () => {
    const w = await createExamWorld(db);
    const { attempt } = await start(w);
    expect((await getAttempt(db, w.employee.principal, { id: attempt.id })).id).toBe(attempt.id);
    expect((await getAttempt(db, w.manager.principal, { id: attempt.id })).user_id).toBe(w.employee.user.id);
    await expectApiError(getAttempt(db, w.helper.principal, { id: attempt.id }), "not_found");
    await expectApiError(getAttempt(db, w.peer.principal, { id: attempt.id }), "not_found");
    await expectApiError(getAttempt(db, w.foreignManager.principal, { id: attempt.id }), "not_found");

    expect((await listStepAttempts(db, w.manager.principal, { taskId: w.examTaskId, stepId: w.quizStepId })).items).toHaveLength(1);
    expect((await listStepAttempts(db, w.helper.principal, { taskId: w.examTaskId, stepId: w.quizStepId })).items).toHaveLength(0);
    await expectApiError(listStepAttempts(db, w.peer.principal, { taskId: w.examTaskId, stepId: w.quizStepId }), "not_found");
  });
});

describe("a submitted attempt read later", () => {
  it("carries its grade (score, passed, right or wrong per question) and never the answer key; an open one carries none", async () => {
    const w = await createExamWorld(db, { maxAttempts: 3 });
    const first = await start(w);
    expect(first.attempt.result).toBeNull();
    await processEvaluation(db, w.employee.principal, { task_results: { attempt_id: first.attempt.id, answers: { q1: "a", q2: ["x"], q3: "Porto" } } });
    const second = await start(w);

    const read = await getAttempt(db, w.employee.principal, { id: first.attempt.id });
    expect(read.state).toBe("submitted");
    expect(read.result).toMatchObject({ task_result_id: read.task_result_id, passed: false, correct_answers: 1, total_questions: 3 });
    expect(read.result?.per_question.map((q) => [q.id, q.correct])).toEqual([
      ["q1", true],
      ["q2", false],
      ["q3", false],
    ]);
    expect(read.result?.score).toBeGreaterThan(0);
    expect(read.result?.score).toBeLessThan(1);
    expect(JSON.stringify(read)).not.toContain(w.key.acceptedAnswer);
    expect(JSON.stringify(read)).not.toMatch(/accepted_answers|case_sensitive|"correct":"|"correct":\[/);

    // The list the exam page starts from holds the same grade; the overseeing manager sees it too.
    const listed = await listStepAttempts(db, w.employee.principal, { taskId: w.examTaskId, stepId: w.quizStepId });
    expect(listed.items.map((a) => [a.attempt_no, a.result?.correct_answers ?? null])).toEqual([
      [1, 1],
      [2, null],
    ]);
    expect(listed.items.find((a) => a.id === second.attempt.id)?.result).toBeNull();
    expect((await getAttempt(db, w.manager.principal, { id: first.attempt.id })).result).toEqual(read.result);
  });
});

describe("saving answers", () => {
  it("merges answers per question, clears with null, and moves the version forward", async () => {
    const w = await createExamWorld(db);
    const { attempt } = await start(w);
    const saved = await saveAnswers(db, w.employee.principal, { id: attempt.id, answers: { q1: "b", q3: "Porto" }, version: attempt.version });
    expect(saved.answers).toEqual({ q1: "b", q3: "Porto" });
    expect(saved.version).toBeGreaterThan(attempt.version);
    const again = await saveAnswers(db, w.employee.principal, { id: attempt.id, answers: { q1: "a", q3: null, q2: ["x"] } });
    expect(again.answers).toEqual({ q1: "a", q2: ["x"] });
    expect(again.version).toBeGreaterThan(saved.version);
    expect((await attemptRow(db, attempt.id)).answers).toEqual({ q1: "a", q2: ["x"] });
  });

  it("refuses a stale version (409) or If-Match (412), answers that do not fit (422) and other people (403/404)", async () => {
    const w = await createExamWorld(db);
    const { attempt } = await start(w);
    await saveAnswers(db, w.employee.principal, { id: attempt.id, answers: { q1: "a" } });
    await expectApiError(saveAnswers(db, w.employee.principal, { id: attempt.id, answers: { q1: "b" }, version: attempt.version }), "conflict");
    await expectApiError(saveAnswers(db, w.employee.principal, { id: attempt.id, answers: { q1: "b" }, ifMatch: attempt.version }), "precondition_failed");
    const unfit = await expectApiError(saveAnswers(db, w.employee.principal, { id: attempt.id, answers: { q1: "zz", q7: "a" } }), "validation_failed");
    expect(unfit.issues?.map((i) => i.path)).toEqual(["answers.q1", "answers.q7"]);
    await expectApiError(saveAnswers(db, w.manager.principal, { id: attempt.id, answers: { q1: "b" } }), "forbidden");
    await expectApiError(saveAnswers(db, w.helper.principal, { id: attempt.id, answers: { q1: "b" } }), "not_found");
    expect((await attemptRow(db, attempt.id)).answers).toEqual({ q1: "a" });
  });

  it("refuses saving after the time limit and its grace period, and after submitting (409)", async () => {
    const w = await createExamWorld(db, { timeLimit: 5, maxAttempts: 3 });
    const { attempt } = await start(w);
    await ageAttempt(db, attempt.id, 5 * 60 + 31);
    const late = await expectApiError(saveAnswers(db, w.employee.principal, { id: attempt.id, answers: { q1: "a" } }), "conflict");
    expect(late.extra).toMatchObject({ reason: "time_limit_exceeded" });

    const next = await start(w);
    await processEvaluation(db, w.employee.principal, { task_results: { attempt_id: next.attempt.id, answers: wrongAnswers } });
    const after = await expectApiError(saveAnswers(db, w.employee.principal, { id: next.attempt.id, answers: { q1: "a" } }), "conflict");
    expect(after.extra).toMatchObject({ reason: "attempt_submitted" });
    expect((await taskRow(db, w.examTaskId)).completedAt).toBeNull();
  });
});
