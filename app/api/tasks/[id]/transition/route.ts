// A task's status move addressed by URL: the same rules as POST /api/progress/update.
import { defineRoute } from "@/lib/api/handler";
import { etagOf, ifMatchVersion } from "@/lib/api/versioning";
import { updateTaskProgress } from "@/lib/progress/service";
import { taskParamsSchema, taskTransitionSchema } from "@/lib/progress/validators";

export const dynamic = "force-dynamic";

// POST /api/tasks/:id/transition — move the task to status_id, in the caller's name unless user_id names an owner or helper
export const POST = defineRoute({
  permission: "tasks:progress",
  summary: "Move a task to a new status",
  params: taskParamsSchema,
  body: taskTransitionSchema,
  successStatus: 200,
  handler: async ({ db, principal, params, body, request }) => {
    const answer = await updateTaskProgress(db, principal, {
      userId: body.user_id ?? principal.userId,
      taskId: params.id,
      statusId: body.status_id,
      version: body.version,
      ifMatch: ifMatchVersion(request),
    });
    return Response.json(answer, { headers: { etag: etagOf(answer.task.version) } });
  },
});
