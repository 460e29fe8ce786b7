// Tasks: the list of tasks visible to the caller.
import { defineRoute } from "@/lib/api/handler";
import { listTasks } from "@/lib/tasks/queries";
import { taskListQuerySchema } from "@/lib/tasks/validators";

export const dynamic = "force-dynamic";

// GET /api/tasks — tasks visible to the caller (filters: status, assignee_id, project_id, milestone_id, due_before, due_after, kind; cursor pages)
export const GET = defineRoute({
  permission: "tasks:read",
  summary: "List tasks",
  query: taskListQuerySchema,
  handler: ({ db, principal, query }) => listTasks(db, principal, query),
});
