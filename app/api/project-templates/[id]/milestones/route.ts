// The milestones of a draft project template, replaced as a whole list (published templates are frozen → 409).
import { defineRoute } from "@/lib/api/handler";
import { replaceProjectMilestones } from "@/lib/templates/links";
import { ifMatchVersion, projectMilestonesSchema, templateIdParamsSchema } from "@/lib/templates/validators";

export const dynamic = "force-dynamic";

// PUT /api/project-templates/:id/milestones — replace the ordered milestones of a draft program [{milestone_template_id, start_offset_days, duration_days}]
export const PUT = defineRoute({
  permission: "templates:write",
  summary: "Replace the milestones of a draft project template",
  params: templateIdParamsSchema,
  body: projectMilestonesSchema,
  handler: ({ db, principal, params, body, request }) => replaceProjectMilestones(db, principal, { id: params.id, items: body, ifMatch: ifMatchVersion(request) }),
});
