// Handing in the work of a submission step, for review.
import { defineRoute } from "@/lib/api/handler";
import { submitWork } from "@/lib/exams/submissions";
import { submissionCreateSchema, taskStepParamsSchema } from "@/lib/exams/validators";

export const dynamic = "force-dynamic";

// POST /api/tasks/:id/steps/:stepId/submissions — {body} or {url} as the step accepts; 409 while one waits for review
export const POST = defineRoute({
  permission: "tasks:progress",
  summary: "Submit work for a submission step",
  params: taskStepParamsSchema,
  body: submissionCreateSchema,
  handler: ({ db, principal, params, body }) => submitWork(db, principal, { taskId: params.id, stepId: params.stepId, ...body }),
});
