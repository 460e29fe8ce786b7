// The review queue: the submissions service's queue, each entry with its task, step, author and
// whether the step is rated; reviewed work leaves it; other organisations' work never enters it.
import { describe, expect, it } from "vitest";
import { expectApiError } from "../../../test/api-errors";
import { openTestDatabase } from "../../../test/db";
import { reviewSubmission } from "../../exams/reviews";
import { submitWork } from "../../exams/submissions";
import { createExamWorld } from "../../exams/test-fixtures";
import { reviewQueue } from "./review-queue";

const { db } = await openTestDatabase();

describe("the review queue", () => {
  it("holds submitted work with its task, step, author and rating rule, until it is reviewed", async () => {
    const w = await createExamWorld(db, { rated: true });
    const { submission } = await submitWork(db, w.employee.principal, { taskId: w.projectTaskId, stepId: w.submissionStepId, body: "My work" });

    const queue = await reviewQueue(db, w.manager.principal);
    expect(queue).toHaveLength(1);
    expect(queue[0]).toMatchObject({
      id: submission.id,
      body: "My work",
      state: "submitted",
      task: { id: w.projectTaskId, name: "Project" },
      step: { id: w.submissionStepId, rated: true, accepts: "text_or_link" },
      author: { id: w.employee.user.id, name: w.employee.user.name },
    });
    expect(queue[0]).not.toHaveProperty("private_feedback");

    await reviewSubmission(db, w.manager.principal, { id: submission.id, decision: "accept", score: 0.8, technical_rating: 4 });
    expect(await reviewQueue(db, w.manager.principal)).toEqual([]);
  });

  it("says when a step asks for no rating", async () => {
    const w = await createExamWorld(db, { rated: false });
    await submitWork(db, w.employee.principal, { taskId: w.projectTaskId, stepId: w.submissionStepId, body: "Unrated" });
    expect((await reviewQueue(db, w.admin.principal))[0]?.step.rated).toBe(false);
  });

  it("is empty for a manager of another organisation and refused to employees, even the task's reviewer", async () => {
    const w = await createExamWorld(db);
    await submitWork(db, w.employee.principal, { taskId: w.projectTaskId, stepId: w.submissionStepId, body: "Mine" });
    expect(await reviewQueue(db, w.foreignManager.principal)).toEqual([]);
    await expectApiError(reviewQueue(db, w.reviewer.principal), "forbidden");
    await expectApiError(reviewQueue(db, w.employee.principal), "forbidden");
  });
});
