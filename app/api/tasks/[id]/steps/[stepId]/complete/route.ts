// Completing one step of a task's step log (instruction and checklist steps; evaluated steps refuse).
import { defineRoute } from "@/lib/api/handler";
import { ifMatchVersion } from "@/lib/api/versioning";
import { completeTaskStep } from "@/lib/progress/steps";
import { stepCompleteSchema, taskStepParamsSchema } from "@/lib/progress/validators";

export const dynamic = "force-dynamic";

// POST /api/tasks/:id/steps/:stepId/complete — mark the step done; the task completes itself after its last step
export const POST = defineRoute({
  permission: "tasks:progress",
  summary: "Complete a step of a task",
  params: taskStepParamsSchema,
  body: stepCompleteSchema,
  successStatus: 200,
  handler: ({ db, principal, params, body, request }) =>
    completeTaskStep(db, principal, { taskId: params.id, stepId: params.stepId, version: body.version, ifMatch: ifMatchVersion(request) }),
});
