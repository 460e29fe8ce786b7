// One task request, with its ETag (the version a decision sends back in If-Match).
import { defineRoute } from "@/lib/api/handler";
import { etagOf } from "@/lib/api/versioning";
import { getTaskRequest } from "@/lib/requests/service";
import { taskRequestIdParamsSchema } from "@/lib/requests/validators";

export const dynamic = "force-dynamic";

// GET /api/task-requests/:id — a task request the caller may see
export const GET = defineRoute({
  permission: "tasks:read",
  summary: "Get a task request",
  params: taskRequestIdParamsSchema,
  handler: async ({ db, principal, params }) => {
    const request = await getTaskRequest(db, principal, params);
    return Response.json(request, { headers: { etag: etagOf(request.version) } });
  },
});
