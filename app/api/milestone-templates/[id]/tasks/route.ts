// The tasks of a draft milestone template, replaced as a whole list (published templates are frozen → 409).
import { defineRoute } from "@/lib/api/handler";
import { replaceMilestoneTasks } from "@/lib/templates/links";
import { ifMatchVersion, milestoneTasksSchema, templateIdParamsSchema } from "@/lib/templates/validators";

export const dynamic = "force-dynamic";

// PUT /api/milestone-templates/:id/tasks — replace the ordered task templates of a draft milestone template [{task_template_id}]
export const PUT = defineRoute({
  permission: "templates:write",
  summary: "Replace the task templates of a draft milestone template",
  params: templateIdParamsSchema,
  body: milestoneTasksSchema,
  handler: ({ db, principal, params, body, request }) => replaceMilestoneTasks(db, principal, { id: params.id, items: body, ifMatch: ifMatchVersion(request) }),
});
