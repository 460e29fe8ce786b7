// The seed's track_progress flow step (section 4): move a task through the status machine.
import { defineRoute } from "@/lib/api/handler";
import { etagOf, ifMatchVersion } from "@/lib/api/versioning";
import { updateTaskProgress } from "@/lib/progress/service";
import { progressUpdateSchema } from "@/lib/progress/validators";

export const dynamic = "force-dynamic";

// POST /api/progress/update — move a task for user_id to status_id (legal transitions only; done cascades upward)
export const POST = defineRoute({
  permission: "tasks:progress",
  summary: "Track progress: move a task to a new status",
  body: progressUpdateSchema,
  successStatus: 200,
  handler: async ({ db, principal, body, request }) => {
    const answer = await updateTaskProgress(db, principal, {
      userId: body.user_id,
      taskId: body.task_id,
      statusId: body.status_id,
      version: body.version,
      ifMatch: ifMatchVersion(request),
    });
    return Response.json(answer, { headers: { etag: etagOf(answer.task.version) } });
  },
});
