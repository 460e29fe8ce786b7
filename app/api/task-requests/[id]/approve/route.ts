// Approving a pending task request creates its task and assignees in the same transaction.
import { defineRoute } from "@/lib/api/handler";
import { ifMatchVersion } from "@/lib/api/versioning";
import { approveTaskRequest } from "@/lib/requests/decisions";
import { taskRequestApproveSchema, taskRequestIdParamsSchema } from "@/lib/requests/validators";

export const dynamic = "force-dynamic";

// POST /api/task-requests/:id/approve — approve (optional note); decided → 409, stale version → 409, stale If-Match → 412
export const POST = defineRoute({
  permission: "requests:decide",
  summary: "Approve a task request",
  params: taskRequestIdParamsSchema,
  body: taskRequestApproveSchema,
  successStatus: 200,
  handler: ({ db, principal, params, body, request }) =>
    approveTaskRequest(db, principal, { id: params.id, note: body.note, version: body.version, ifMatch: ifMatchVersion(request) }),
});
