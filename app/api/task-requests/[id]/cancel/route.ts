// The requester withdraws a request that still waits for a decision.
import { defineRoute } from "@/lib/api/handler";
import { ifMatchVersion } from "@/lib/api/versioning";
import { cancelTaskRequest } from "@/lib/requests/decisions";
import { taskRequestCancelSchema, taskRequestIdParamsSchema } from "@/lib/requests/validators";

export const dynamic = "force-dynamic";

// POST /api/task-requests/:id/cancel — cancel one's own pending request; decided → 409, stale version → 409/412
export const POST = defineRoute({
  permission: "requests:create",
  summary: "Cancel a task request",
  params: taskRequestIdParamsSchema,
  body: taskRequestCancelSchema,
  successStatus: 200,
  handler: ({ db, principal, params, body, request }) =>
    cancelTaskRequest(db, principal, { id: params.id, version: body.version, ifMatch: ifMatchVersion(request) }),
});
