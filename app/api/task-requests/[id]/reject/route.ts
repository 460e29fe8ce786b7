// Rejecting a pending task request records the reason; no task is created.
import { defineRoute } from "@/lib/api/handler";
import { ifMatchVersion } from "@/lib/api/versioning";
import { rejectTaskRequest } from "@/lib/requests/decisions";
import { taskRequestIdParamsSchema, taskRequestRejectSchema } from "@/lib/requests/validators";

export const dynamic = "force-dynamic";

// POST /api/task-requests/:id/reject — reject with a reason (note, required); decided → 409, stale version → 409/412
export const POST = defineRoute({
  permission: "requests:decide",
  summary: "Reject a task request",
  params: taskRequestIdParamsSchema,
  body: taskRequestRejectSchema,
  successStatus: 200,
  handler: ({ db, principal, params, body, request }) =>
    rejectTaskRequest(db, principal, { id: params.id, note: body.note, version: body.version, ifMatch: ifMatchVersion(request) }),
});
