// Task assignment: the specification's flow step "assign_tasks".
import { defineRoute } from "@/lib/api/handler";
import { assignTasks } from "@/lib/tasks/assign";
import { taskAssignSchema } from "@/lib/tasks/validators";

export const dynamic = "force-dynamic";

// POST /api/tasks/assign — create tasks from a published template (with its child templates) for one or more users
export const POST = defineRoute({
  permission: "tasks:assign",
  summary: "Assign tasks from a template",
  body: taskAssignSchema,
  successStatus: 201,
  handler: ({ db, principal, body }) =>
    assignTasks(db, principal, { templateId: body.template_id, userIds: body.user_ids, dueDate: body.due_date, projectId: body.project_id }),
});
