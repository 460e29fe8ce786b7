// Task requests: list those the caller may see, and ask for a task (help from a peer, a template task).
import { defineRoute } from "@/lib/api/handler";
import { createTaskRequest, listTaskRequests } from "@/lib/requests/service";
import { taskRequestCreateSchema, taskRequestListQuerySchema } from "@/lib/requests/validators";

export const dynamic = "force-dynamic";

// GET /api/task-requests — requests in the caller's scope (filters: status, mine, assigned_to_me, decidable; cursor pages)
export const GET = defineRoute({
  permission: "tasks:read",
  summary: "List task requests",
  query: taskRequestListQuerySchema,
  handler: ({ db, principal, query }) => listTaskRequests(db, principal, query),
});

// POST /api/task-requests — request a task; without approval the task is created at once
export const POST = defineRoute({
  permission: "requests:create",
  summary: "Request a task",
  body: taskRequestCreateSchema,
  handler: ({ db, principal, body }) => createTaskRequest(db, principal, body),
});
