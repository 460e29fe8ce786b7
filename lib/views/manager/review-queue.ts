// The submissions waiting for the reader's review, as the review form needs them: the queue itself
// is the submissions service's (GET /api/submissions?reviewable=true&state=submitted), read through
// it; beside each entry, what the form must know — the task and step it belongs to, whose work it
// is, the step's instructions and whether the step asks for a technical rating.
import "server-only";
import { and, eq, inArray } from "drizzle-orm";
import type { Db } from "../../../db/client";
import { stepTemplates, taskAssignee, tasks, taskSteps } from "../../../db/schema";
import { authorize } from "../../api/handler";
import type { Principal } from "../../auth/principal";
import { userNameOf } from "../../entities/user-name";
import type { SubmissionDto } from "../../exams/dto";
import { listSubmissions } from "../../exams/submissions";
import { visibleTasks } from "../../tasks/scope";
import { processDefinition } from "../../templates/process-definition";

export type ReviewQueueEntry = SubmissionDto & {
  task: { id: number; name: string };
  step: { id: number; name: string; instructions: string; accepts: "text" | "link" | "text_or_link"; rated: boolean };
  author: { id: number; name: string } | null;
};

export const REVIEW_QUEUE_LIMIT = 100;

export async function reviewQueue(db: Db, principal: Principal, params: { limit?: number } = {}): Promise<ReviewQueueEntry[]> {
  authorize(principal, "submissions:review");
  const page = await listSubmissions(db, principal, { reviewable: true, state: "submitted", limit: Math.min(params.limit ?? REVIEW_QUEUE_LIMIT, REVIEW_QUEUE_LIMIT) });
  if (page.items.length === 0) return [];
  const stepIds = [...new Set(page.items.map((s) => s.task_step_id))];
  const steps = await db
    .select({ id: taskSteps.id, name: taskSteps.name, taskId: tasks.id, taskName: tasks.name, definition: stepTemplates.processDefinition })
    .from(taskSteps)
    .innerJoin(tasks, eq(tasks.id, taskSteps.taskId))
    .leftJoin(stepTemplates, eq(stepTemplates.id, taskSteps.stepTemplateId))
    .where(and(inArray(taskSteps.id, stepIds), visibleTasks(principal)));
  // Authors by their assignment on the task: the names a task's readers see anyway.
  const taskIds = [...new Set(page.items.map((s) => s.task_id))];
  const people = await db
    .selectDistinct({ taskId: taskAssignee.taskId, id: taskAssignee.assigneeId, name: userNameOf(taskAssignee.assigneeId) })
    .from(taskAssignee)
    .where(inArray(taskAssignee.taskId, taskIds));

  return page.items.flatMap((submission) => {
    const step = steps.find((s) => s.id === submission.task_step_id);
    if (!step) return [];
    const parsed = processDefinition.safeParse(step.definition);
    const definition = parsed.success && parsed.data.type === "submission" ? parsed.data : null;
    const author = people.find((p) => p.taskId === submission.task_id && p.id === submission.user_id);
    return [
      {
        ...submission,
        task: { id: step.taskId, name: step.taskName },
        step: {
          id: step.id,
          name: step.name,
          instructions: definition?.instructions ?? "",
          accepts: definition?.accepts ?? "text_or_link",
          // Without a readable definition the review service cannot take it either; the form offers the rating.
          rated: definition?.rated ?? true,
        },
        author: author ? { id: author.id, name: author.name } : null,
      },
    ];
  });
}
