// One milestone template: read it with its links, change or delete it while it is a draft (published revisions are frozen).
import { defineRoute } from "@/lib/api/handler";
import { deleteTemplate } from "@/lib/templates/delete";
import { getMilestoneTemplate, updateMilestoneTemplate } from "@/lib/templates/milestone-templates";
import { etagOf, ifMatchVersion, milestoneTemplateUpdateSchema, templateIdParamsSchema } from "@/lib/templates/validators";

export const dynamic = "force-dynamic";

// GET /api/milestone-templates/:id — one milestone template with its links; the ETag carries its version
export const GET = defineRoute({
  permission: "templates:read",
  summary: "Get a milestone template",
  params: templateIdParamsSchema,
  handler: async ({ db, principal, params }) => {
    const template = await getMilestoneTemplate(db, principal, params);
    return Response.json(template, { headers: { etag: etagOf(template.version) } });
  },
});

// PATCH /api/milestone-templates/:id — change a draft milestone template (version in the body or If-Match; published → 409)
export const PATCH = defineRoute({
  permission: "templates:write",
  summary: "Update a draft milestone template",
  params: templateIdParamsSchema,
  body: milestoneTemplateUpdateSchema,
  handler: ({ db, principal, params, body, request }) =>
    updateMilestoneTemplate(db, principal, { id: params.id, changes: body, ifMatch: ifMatchVersion(request) }),
});

// DELETE /api/milestone-templates/:id — delete a draft milestone template nothing uses (in use or published → 409)
export const DELETE = defineRoute({
  permission: "templates:write",
  summary: "Delete a draft milestone template",
  params: templateIdParamsSchema,
  handler: ({ db, principal, params, request }) => deleteTemplate(db, principal, "milestone", { id: params.id, ifMatch: ifMatchVersion(request) }),
});
