// The steps of a draft task template, replaced as a whole list (published templates are frozen → 409).
import { defineRoute } from "@/lib/api/handler";
import { replaceTaskSteps } from "@/lib/templates/links";
import { ifMatchVersion, taskStepsSchema, templateIdParamsSchema } from "@/lib/templates/validators";

export const dynamic = "force-dynamic";

// PUT /api/task-templates/:id/steps — replace the ordered steps of a draft task template [{step_template_id}]
export const PUT = defineRoute({
  permission: "templates:write",
  summary: "Replace the steps of a draft task template",
  params: templateIdParamsSchema,
  body: taskStepsSchema,
  handler: ({ db, principal, params, body, request }) => replaceTaskSteps(db, principal, { id: params.id, items: body, ifMatch: ifMatchVersion(request) }),
});
