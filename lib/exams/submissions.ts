// Submitted work for `submission` steps: the task's owner submits text or a link (as the step's
// definition accepts), a reviewer reviews it (reviews.ts). Everyone sees their own submissions;
// reviewers of the task and managers/admins overseeing it (submissions:review) see the ones they
// may review. Private feedback is shown only to those reviewers, never to the person who submitted.
import "server-only";
import { type SQL, and, asc, eq, getTableName, sql } from "drizzle-orm";
import type { Db, DbOrTx } from "../../db/client";
import { type Submission, submissions, taskAssignee, tasks } from "../../db/schema";
import { ApiError, conflict, notFound } from "../api/errors";
import { authorize } from "../api/handler";
import { afterCursor, type Page, pageLimit, toPage } from "../api/pagination";
import { withAudit } from "../audit/context";
import { roleAllows } from "../auth/permissions";
import { auditContextOf, type Principal } from "../auth/principal";
import { decryptNullable, type FieldAad } from "../crypto/fields";
import { startTaskIfTodo } from "../progress/cascade";
import { type CascadeResult, emitProgressEvent, newProgressContext } from "../progress/context";
import { type TaskProgressDto, toTaskProgressDto } from "../progress/dto";
import { lockTaskInScope } from "../progress/task-access";
import { topicOfTask } from "../progress/task-status";
import { overseenTasks, visibleTasks } from "../tasks/scope";
import { type SubmissionDto, toSubmissionDto } from "./dto";
import { assertOwnerOfTask, assertTaskOpen, readEvaluatedStep, setStepStatus } from "./steps";
import type { SubmissionCreateInput, SubmissionListQuery } from "./validators";

/** The AAD of a submission's private feedback: bound to its table, column and row. */
export const privateFeedbackAad = (id: number): FieldAad => ({
  table: getTableName(submissions),
  column: submissions.privateFeedbackEnc.name,
  rowId: id,
});

/**
 * Submissions the principal may review: someone else's, on a task where the principal is a
 * reviewer, or one they oversee as a manager or admin holding submissions:review. Needs `tasks` joined.
 */
export function reviewableSubmissions(principal: Principal): SQL {
  const asReviewer = sql`exists (select 1 from ${taskAssignee} where ${taskAssignee.taskId} = ${submissions.taskId}
    and ${taskAssignee.assigneeId} = ${principal.userId} and ${taskAssignee.role} = 'reviewer')`;
  const asManager = roleAllows(principal.role, "submissions:review") ? overseenTasks(principal) : sql`false`;
  return sql`(${submissions.userId} <> ${principal.userId} and (${asReviewer} or ${asManager}))`;
}

/** The principal's own submissions (on tasks still visible to them) and those they may review. */
export function visibleSubmissions(principal: Principal): SQL {
  return sql`((${submissions.userId} = ${principal.userId} and ${visibleTasks(principal)}) or ${reviewableSubmissions(principal)})`;
}

export type SubmitWorkAnswer = { submission: SubmissionDto; task: TaskProgressDto; cascade: CascadeResult };

export async function submitWork(
  db: Db,
  principal: Principal,
  params: { taskId: number; stepId: number } & SubmissionCreateInput,
): Promise<SubmitWorkAnswer> {
  authorize(principal, "tasks:progress");
  return withAudit(db, auditContextOf(principal), async (tx) => {
    const ctx = newProgressContext(tx, principal);
    let scope = await lockTaskInScope(tx, principal, params.taskId);
    const { step, definition, statusCode } = await readEvaluatedStep(tx, scope.task.id, params.stepId, "submission", { lock: true });
    assertOwnerOfTask(scope, "submit its work");
    assertTaskOpen(scope);
    if (definition.accepts === "text" && (params.url !== undefined || params.body === undefined)) {
      throw new ApiError("validation_failed", "This step takes the work as text.", { issues: [{ path: "body", message: "Send the work as body; links are not accepted here." }] });
    }
    if (definition.accepts === "link" && (params.body !== undefined || params.url === undefined)) {
      throw new ApiError("validation_failed", "This step takes the work as a link.", { issues: [{ path: "url", message: "Send the work as url; text is not accepted here." }] });
    }

    const earlier = await tx
      .select({ id: submissions.id, state: submissions.state })
      .from(submissions)
      .where(and(eq(submissions.taskStepId, step.id), eq(submissions.userId, principal.userId)));
    const waiting = earlier.find((s) => s.state === "submitted");
    if (waiting) throw conflict("Your work for this step is waiting for review.", { reason: "awaiting_review", submission_id: waiting.id });
    if (statusCode === "done" || earlier.some((s) => s.state === "reviewed")) {
      throw conflict(`‘${step.name}’ is already accepted.`, { reason: "already_accepted" });
    }

    const [row] = await tx
      .insert(submissions)
      .values({
        taskId: scope.task.id,
        taskStepId: step.id,
        userId: principal.userId,
        body: params.body ?? null,
        url: params.url ?? null,
        state: "submitted",
        createdAt: ctx.now,
        updatedAt: ctx.now,
      })
      .returning();
    if (!row) throw new Error("inserting the submission returned no row");
    scope = await startTaskIfTodo(ctx, scope, principal.userId);
    await setStepStatus(ctx, step.id, "in_review");
    await emitProgressEvent(ctx, "submission.submitted", row.id, topicOfTask(scope), {
      submission_id: row.id,
      task_id: scope.task.id,
      task_step_id: step.id,
      user_id: principal.userId,
    });
    return { submission: toSubmissionDto(row), task: toTaskProgressDto(scope), cascade: ctx.cascade };
  });
}

/** The review queue and the caller's own submissions (lists never carry private feedback). */
export async function listSubmissions(db: Db, principal: Principal, query: SubmissionListQuery): Promise<Page<SubmissionDto>> {
  authorize(principal, "tasks:read");
  const limit = pageLimit(query.limit);
  const conditions: (SQL | undefined)[] = [visibleSubmissions(principal), afterCursor(submissions.id, query.cursor)];
  if (query.state !== undefined) conditions.push(eq(submissions.state, query.state));
  if (query.task_id !== undefined) conditions.push(eq(submissions.taskId, query.task_id));
  if (query.reviewable === true) conditions.push(reviewableSubmissions(principal));
  if (query.reviewable === false) conditions.push(eq(submissions.userId, principal.userId));
  const rows = await db
    .select({ submission: submissions })
    .from(submissions)
    .innerJoin(tasks, eq(tasks.id, submissions.taskId))
    .where(and(...conditions))
    .orderBy(asc(submissions.id))
    .limit(limit + 1);
  return toPage(
    rows.map((r) => r.submission),
    limit,
    (row) => toSubmissionDto(row),
  );
}

export type VisibleSubmission = { row: Submission; mayReview: boolean };

/** A submission the principal may see, and whether they may review it; 404 otherwise. */
export async function findSubmission(db: DbOrTx, principal: Principal, id: number): Promise<VisibleSubmission> {
  const [found] = await db
    .select({ row: submissions, mayReview: sql<boolean>`${reviewableSubmissions(principal)}` })
    .from(submissions)
    .innerJoin(tasks, eq(tasks.id, submissions.taskId))
    .where(and(eq(submissions.id, id), visibleSubmissions(principal)));
  if (!found) throw notFound("submission");
  return { row: found.row, mayReview: found.mayReview };
}

/** The DTO for this principal: private feedback decrypted for reviewers, left out for everyone else. */
export function submissionFor(found: VisibleSubmission): SubmissionDto {
  const { row, mayReview } = found;
  if (!mayReview) return toSubmissionDto(row);
  return toSubmissionDto(row, { text: decryptNullable(row.privateFeedbackEnc, privateFeedbackAad(row.id)) });
}

export async function getSubmission(db: Db, principal: Principal, params: { id: number }): Promise<SubmissionDto> {
  authorize(principal, "tasks:read");
  return submissionFor(await findSubmission(db, principal, params.id));
}
