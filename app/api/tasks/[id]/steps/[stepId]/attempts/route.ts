// Attempts at a quiz step: start one (the questions come back without their answers) or list them.
import { defineRoute } from "@/lib/api/handler";
import { listStepAttempts, startAttempt } from "@/lib/exams/attempts";
import { attemptStartSchema, taskStepParamsSchema } from "@/lib/exams/validators";

export const dynamic = "force-dynamic";

// GET /api/tasks/:id/steps/:stepId/attempts — the caller's attempts (a manager overseeing the task: everyone's)
export const GET = defineRoute({
  permission: "tasks:read",
  summary: "List attempts at a quiz step",
  params: taskStepParamsSchema,
  handler: ({ db, principal, params }) => listStepAttempts(db, principal, { taskId: params.id, stepId: params.stepId }),
});

// POST /api/tasks/:id/steps/:stepId/attempts — start an attempt (201), or answer the open one (200); 409 when passed or out of attempts
export const POST = defineRoute({
  permission: "exams:take",
  summary: "Start an attempt at a quiz step",
  params: taskStepParamsSchema,
  body: attemptStartSchema,
  handler: async ({ db, principal, params }) => {
    const answer = await startAttempt(db, principal, { taskId: params.id, stepId: params.stepId });
    return Response.json(answer, { status: answer.created ? 201 : 200, headers: { etag: `"${answer.attempt.version}"` } });
  },
});
