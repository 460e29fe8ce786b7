// Reviewing submitted work: a reviewer of the task, or a manager/admin overseeing it with
// submissions:review, accepts it (score 0..1, a technical rating 1–5 when the step is rated) or
// returns it for resubmission. Accepting writes the task_results row the technical score reads and
// completes the step; private feedback is stored encrypted and bound to its row.
import "server-only";
import { and, count, eq, lte } from "drizzle-orm";
import type { Db } from "../../db/client";
import { type PerformanceMetrics, submissions, taskResults } from "../../db/schema";
import { ApiError, conflict, forbidden, notFound } from "../api/errors";
import { authorize } from "../api/handler";
import { withAudit } from "../audit/context";
import { auditContextOf, type Principal } from "../auth/principal";
import { encryptNullable } from "../crypto/fields";
import { type CascadeResult, emitProgressEvent, newProgressContext } from "../progress/context";
import { type TaskProgressDto, toTaskProgressDto } from "../progress/dto";
import { lockTaskInScope } from "../progress/task-access";
import { topicOfTask } from "../progress/task-status";
import { recordResultInScores } from "../scores/rollup";
import { settleEvaluatedStep } from "./completion";
import { type SubmissionDto, type TaskResultDto, toTaskResultDto } from "./dto";
import { minutesBetween } from "./grading";
import { readEvaluatedStep, setStepStatus } from "./steps";
import { findSubmission, privateFeedbackAad, submissionFor } from "./submissions";
import type { ReviewInput } from "./validators";

export type ReviewAnswer = {
  submission: SubmissionDto;
  /** The stored result of an accepted submission; null when returned. */
  task_result: TaskResultDto | null;
  step_completed: boolean;
  task: TaskProgressDto;
  cascade: CascadeResult;
};

export async function reviewSubmission(db: Db, principal: Principal, params: { id: number } & ReviewInput): Promise<ReviewAnswer> {
  // Reviewers are often employees: the right to review comes from the assignment or from
  // submissions:review over the task's scope (reviewableSubmissions), checked below.
  authorize(principal, "tasks:progress");
  return withAudit(db, auditContextOf(principal), async (tx) => {
    const ctx = newProgressContext(tx, principal);
    const found = await findSubmission(tx, principal, params.id);
    if (found.row.userId === principal.userId) throw forbidden("You cannot review your own submission.");
    if (!found.mayReview) throw forbidden("Only a reviewer of the task, or a manager or admin overseeing it, can review its work.");

    const scope = await lockTaskInScope(tx, principal, found.row.taskId);
    const { step, definition } = await readEvaluatedStep(tx, scope.task.id, found.row.taskStepId, "submission", { lock: true });
    const [row] = await tx.select().from(submissions).where(eq(submissions.id, found.row.id)).for("update");
    if (!row) throw notFound("submission");
    if (row.state !== "submitted") throw conflict(`This submission is already ${row.state}.`, { reason: "already_reviewed", state: row.state });

    const accepted = params.decision === "accept";
    if (accepted && definition.rated && params.technical_rating === undefined) {
      throw new ApiError("validation_failed", "This step is rated: give a technical rating from 1 to 5.", {
        issues: [{ path: "technical_rating", message: "Rate the technical competency 1–5." }],
      });
    }
    if (!definition.rated && params.technical_rating !== undefined) {
      throw new ApiError("validation_failed", "This step is not rated: leave out technical_rating.", {
        issues: [{ path: "technical_rating", message: "The step's definition does not ask for a rating." }],
      });
    }

    let result = null;
    if (accepted) {
      const [nth] = await tx
        .select({ n: count() })
        .from(submissions)
        .where(and(eq(submissions.taskStepId, step.id), eq(submissions.userId, row.userId), lte(submissions.id, row.id)));
      const score = params.score ?? 0;
      const metrics: PerformanceMetrics = {
        score,
        passed: true,
        technical_rating: params.technical_rating ?? null,
        // From starting the step to handing the work in: the reviewer's time is not the author's.
        actual_minutes: step.startedAt ? minutesBetween(step.startedAt, row.createdAt) : null,
        expected_minutes: scope.task.expectedMinutes,
      };
      [result] = await tx
        .insert(taskResults)
        .values({
          taskId: scope.task.id,
          taskStepId: step.id,
          userId: row.userId,
          attempt: nth?.n ?? 1,
          score,
          passed: true,
          gradedBy: principal.userId,
          performanceMetrics: metrics,
          createdAt: ctx.now,
        })
        .returning();
      if (!result) throw new Error("inserting the task result returned no row");
      await recordResultInScores(tx, result);
    }

    const [reviewed] = await tx
      .update(submissions)
      .set({
        state: accepted ? "reviewed" : "returned",
        reviewerId: principal.userId,
        score: accepted ? (params.score ?? null) : null,
        technicalRating: accepted ? (params.technical_rating ?? null) : null,
        publicFeedback: params.public_feedback ?? null,
        privateFeedbackEnc: encryptNullable(params.private_feedback, privateFeedbackAad(row.id)),
        reviewedAt: ctx.now,
        taskResultId: result?.id ?? null,
        updatedAt: ctx.now,
      })
      .where(eq(submissions.id, row.id))
      .returning();
    if (!reviewed) throw notFound("submission");

    let settled = { scope, stepCompleted: false };
    if (accepted) settled = await settleEvaluatedStep(ctx, scope, step.id, { actingUserId: row.userId, completeStep: true, passed: true });
    else await setStepStatus(ctx, step.id, "in_progress");
    await emitProgressEvent(ctx, "submission.reviewed", row.id, topicOfTask(scope), {
      submission_id: row.id,
      task_id: scope.task.id,
      task_step_id: step.id,
      user_id: row.userId,
      reviewer_id: principal.userId,
      state: reviewed.state,
      task_result_id: result?.id ?? null,
    });
    return {
      submission: submissionFor({ row: reviewed, mayReview: true }),
      task_result: result ? toTaskResultDto(result) : null,
      step_completed: settled.stepCompleted,
      task: toTaskProgressDto(settled.scope),
      cascade: ctx.cascade,
    };
  });
}
