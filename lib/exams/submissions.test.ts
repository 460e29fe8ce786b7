// Submissions and reviews: the owner hands in work as the step accepts it, a reviewer accepts it
// (task_results with the technical rating, step and task completed) or returns it; private feedback
// is stored encrypted and shown to reviewers and managers only, never to the submitter.
import { describe, expect, it } from "vitest";
import { expectApiError } from "../../test/api-errors";
import { openTestProcessDatabase } from "../../test/use-database";
import { decryptField } from "../crypto/fields";
import { startProgram, stepsOf, taskRow } from "../progress/test-program";
import { statusById } from "../statuses/service";
import { reviewSubmission } from "./reviews";
import { getSubmission, listSubmissions, privateFeedbackAad, submitWork } from "./submissions";
import { auditTrail, createExamWorld, type ExamWorld, eventTypesOfTask, freshCall, resultsOf, submissionDefinition, submissionRow, userScoreRow } from "./test-fixtures";

const { db } = await openTestProcessDatabase();

const submit = (w: ExamWorld, work: { body?: string; url?: string } = { body: "My notes" }, principal = w.employee.principal) =>
  submitWork(db, principal, { taskId: w.projectTaskId, stepId: w.submissionStepId, ...work });
const stepStatus = async (w: ExamWorld) => {
  const [step] = await stepsOf(db, w.projectTaskId);
  return (await statusById(db, step?.statusId ?? 0))?.code;
};
const SECRET = "Needs mentoring on error handling";

describe("submitting work", () => {
  it("stores the work, puts the step in review and starts the task", async () => {
    const w = await createExamWorld(db);
    const call = freshCall(w.employee.principal);
    const answer = await submit(w, { url: "https://git.example/pr/1" }, call);
    expect(answer.submission).toMatchObject({ state: "submitted", url: "https://git.example/pr/1", body: null, user_id: w.employee.user.id });
    expect(answer.submission).not.toHaveProperty("private_feedback");
    expect(answer.task.status.code).toBe("in_progress");
    expect(await stepStatus(w)).toBe("in_review");
    expect(await eventTypesOfTask(db, w.projectTaskId, "submission.")).toEqual(["submission.submitted"]);
    expect(await auditTrail(db, call.requestId)).toContain("submissions:insert");
  });

  it("takes only what the step accepts (422) and one submission awaiting review at a time (409)", async () => {
    const textOnly = await createExamWorld(db, { accepts: "text" });
    await expectApiError(submit(textOnly, { url: "https://x.example" }), "validation_failed");
    const linkOnly = await createExamWorld(db, { accepts: "link" });
    await expectApiError(submit(linkOnly, { body: "text" }), "validation_failed");
    await submit(linkOnly, { url: "https://x.example" });
    expect((await expectApiError(submit(linkOnly, { url: "https://y.example" }), "conflict")).extra).toMatchObject({ reason: "awaiting_review" });
  });

  it("refuses helpers and reviewers (403), people without the task (404), and quiz steps (422)", async () => {
    const w = await createExamWorld(db);
    await expectApiError(submit(w, undefined, w.helper.principal), "forbidden");
    await expectApiError(submit(w, undefined, w.reviewer.principal), "forbidden");
    await expectApiError(submit(w, undefined, w.peer.principal), "not_found");
    await expectApiError(submit(w, undefined, w.stranger.principal), "not_found");
    await expectApiError(submitWork(db, w.employee.principal, { taskId: w.examTaskId, stepId: w.quizStepId, body: "x" }), "validation_failed");
  });
});

describe("reviewing", () => {
  it("accepts with a score and rating: a task_results row, encrypted private feedback, the step and task done, the rollup fed", async () => {
    const w = await createExamWorld(db);
    const { submission } = await submit(w);
    const call = freshCall(w.reviewer.principal);
    const answer = await reviewSubmission(db, call, {
      id: submission.id,
      decision: "accept",
      score: 0.8,
      technical_rating: 4,
      public_feedback: "Well done",
      private_feedback: SECRET,
    });
    expect(answer.submission).toMatchObject({ state: "reviewed", score: 0.8, technical_rating: 4, public_feedback: "Well done", private_feedback: SECRET, reviewer_id: w.reviewer.user.id });
    expect(answer.task_result).toMatchObject({ user_id: w.employee.user.id, score: 0.8, passed: true, graded_by: w.reviewer.user.id, attempt: 1 });
    expect(answer.task_result?.performance_metrics).toMatchObject({ technical_rating: 4, score: 0.8, passed: true, expected_minutes: 45 });
    expect(answer.step_completed).toBe(true);
    expect(answer.task.status.code).toBe("done");
    expect((await taskRow(db, w.projectTaskId)).completedBy).toBe(w.employee.user.id);

    const row = await submissionRow(db, submission.id);
    expect(row.privateFeedbackEnc).toMatch(/^v1\./);
    expect(row.privateFeedbackEnc).not.toContain(SECRET);
    expect(decryptField(row.privateFeedbackEnc ?? "", privateFeedbackAad(submission.id))).toBe(SECRET);
    expect(row.taskResultId).toBe(answer.task_result?.id);
    const [result] = await resultsOf(db, w.projectTaskId);
    expect(result?.id).toBe(answer.task_result?.id);
    expect(await userScoreRow(db, w.employee.user.id)).toMatchObject({ rating_sum: 4, rating_count: 1 });
    expect(await eventTypesOfTask(db, w.projectTaskId, "submission.")).toEqual(["submission.submitted", "submission.reviewed"]);
    expect(await auditTrail(db, call.requestId)).toEqual(expect.arrayContaining(["submissions:update", "task_results:insert"]));
  });

  it("never shows private feedback to the submitter, and shows it to reviewers and managers in scope", async () => {
    const w = await createExamWorld(db);
    const { submission } = await submit(w);
    await reviewSubmission(db, w.manager.principal, { id: submission.id, decision: "accept", score: 1, technical_rating: 5, private_feedback: SECRET });
    const own = await getSubmission(db, w.employee.principal, { id: submission.id });
    expect(own).not.toHaveProperty("private_feedback");
    expect(JSON.stringify(own)).not.toContain(SECRET);
    expect(JSON.stringify(await listSubmissions(db, w.employee.principal, {}))).not.toContain(SECRET);
    expect((await getSubmission(db, w.reviewer.principal, { id: submission.id })).private_feedback).toBe(SECRET);
    expect((await getSubmission(db, w.manager.principal, { id: submission.id })).private_feedback).toBe(SECRET);
    expect((await getSubmission(db, w.admin.principal, { id: submission.id })).private_feedback).toBe(SECRET);
  });

  it("returns work for resubmission: no result, the step back in progress, a new submission allowed", async () => {
    const w = await createExamWorld(db);
    const { submission } = await submit(w);
    const returned = await reviewSubmission(db, w.reviewer.principal, { id: submission.id, decision: "return", public_feedback: "Add tests" });
    expect(returned).toMatchObject({ task_result: null, step_completed: false });
    expect(returned.submission).toMatchObject({ state: "returned", score: null, technical_rating: null, public_feedback: "Add tests" });
    expect(await stepStatus(w)).toBe("in_progress");
    expect(await resultsOf(db, w.projectTaskId)).toHaveLength(0);
    const again = await submit(w, { body: "With tests" });
    const accepted = await reviewSubmission(db, w.reviewer.principal, { id: again.submission.id, decision: "accept", score: 0.9, technical_rating: 3 });
    expect(accepted.task_result?.attempt).toBe(2);
    expect((await expectApiError(submit(w), "conflict")).extra).toMatchObject({ reason: "task_closed" });
  });

  it("refuses the submitter (403), an employee who is not a reviewer (404), another organisation (404), and a second review (409)", async () => {
    const w = await createExamWorld(db);
    const { submission } = await submit(w);
    const review = { decision: "accept" as const, score: 1, technical_rating: 5 };
    await expectApiError(reviewSubmission(db, w.employee.principal, { id: submission.id, ...review }), "forbidden");
    await expectApiError(reviewSubmission(db, w.helper.principal, { id: submission.id, ...review }), "not_found");
    await expectApiError(reviewSubmission(db, w.peer.principal, { id: submission.id, ...review }), "not_found");
    await expectApiError(reviewSubmission(db, w.foreignManager.principal, { id: submission.id, ...review }), "not_found");
    await expectApiError(getSubmission(db, w.helper.principal, { id: submission.id }), "not_found");
    await reviewSubmission(db, w.reviewer.principal, { id: submission.id, ...review });
    expect((await expectApiError(reviewSubmission(db, w.manager.principal, { id: submission.id, ...review }), "conflict")).extra).toMatchObject({
      reason: "already_reviewed",
    });
  });

  it("refuses a manager reviewing their own work (403) even with submissions:review", async () => {
    const w = await createExamWorld(db);
    // The manager owns a task of their own with a submission step, overseen by themselves.
    const program = await startProgram(db, w.manager.user, {
      milestones: [{ name: "M", offset: 0, duration: 1, tasks: [{ name: "Own work", steps: [submissionDefinition()] }] }],
    });
    const taskId = program.taskId("Own work");
    const [step] = await stepsOf(db, taskId);
    const { submission } = await submitWork(db, w.manager.principal, { taskId, stepId: step?.id ?? 0, body: "mine" });
    await expectApiError(reviewSubmission(db, w.manager.principal, { id: submission.id, decision: "accept", score: 1, technical_rating: 5 }), "forbidden");
    expect((await reviewSubmission(db, w.admin.principal, { id: submission.id, decision: "accept", score: 1, technical_rating: 5 })).submission.state).toBe("reviewed");
  });

  it("needs a rating on rated steps and refuses one on unrated steps (422)", async () => {
    const rated = await createExamWorld(db);
    const a = await submit(rated);
    await expectApiError(reviewSubmission(db, rated.reviewer.principal, { id: a.submission.id, decision: "accept", score: 1 }), "validation_failed");
    const unrated = await createExamWorld(db, { rated: false });
    const b = await submit(unrated);
    await expectApiError(reviewSubmission(db, unrated.reviewer.principal, { id: b.submission.id, decision: "accept", score: 1, technical_rating: 2 }), "validation_failed");
    const ok = await reviewSubmission(db, unrated.reviewer.principal, { id: b.submission.id, decision: "accept", score: 0.5 });
    expect(ok.task_result?.performance_metrics?.technical_rating).toBeNull();
  });
});

describe("the review queue", () => {
  it("lists what the caller may review (reviewable=true) and their own (reviewable=false), filtered by state", async () => {
    const w = await createExamWorld(db);
    const { submission } = await submit(w);
    const ids = (page: { items: { id: number }[] }) => page.items.map((s) => s.id);
    expect(ids(await listSubmissions(db, w.reviewer.principal, { reviewable: true, state: "submitted" }))).toEqual([submission.id]);
    expect(ids(await listSubmissions(db, w.manager.principal, { reviewable: true, task_id: w.projectTaskId }))).toEqual([submission.id]);
    expect(ids(await listSubmissions(db, w.employee.principal, { reviewable: true }))).toEqual([]);
    expect(ids(await listSubmissions(db, w.employee.principal, { reviewable: false }))).toEqual([submission.id]);
    expect(ids(await listSubmissions(db, w.reviewer.principal, { state: "reviewed" }))).toEqual([]);
    expect(ids(await listSubmissions(db, w.helper.principal, {}))).toEqual([]);
    expect(ids(await listSubmissions(db, w.foreignManager.principal, {}))).toEqual([]);
  });
});
