// One step template: read it with its links, change or delete it while it is a draft (published revisions are frozen).
import { defineRoute } from "@/lib/api/handler";
import { deleteTemplate } from "@/lib/templates/delete";
import { getStepTemplate, updateStepTemplate } from "@/lib/templates/step-templates";
import { etagOf, ifMatchVersion, stepTemplateUpdateSchema, templateIdParamsSchema } from "@/lib/templates/validators";

export const dynamic = "force-dynamic";

// GET /api/step-templates/:id — one step template with its links; the ETag carries its version
export const GET = defineRoute({
  permission: "templates:read",
  summary: "Get a step template",
  params: templateIdParamsSchema,
  handler: async ({ db, principal, params }) => {
    const template = await getStepTemplate(db, principal, params);
    return Response.json(template, { headers: { etag: etagOf(template.version) } });
  },
});

// PATCH /api/step-templates/:id — change a draft step template (version in the body or If-Match; published → 409)
export const PATCH = defineRoute({
  permission: "templates:write",
  summary: "Update a draft step template",
  params: templateIdParamsSchema,
  body: stepTemplateUpdateSchema,
  handler: ({ db, principal, params, body, request }) =>
    updateStepTemplate(db, principal, { id: params.id, changes: body, ifMatch: ifMatchVersion(request) }),
});

// DELETE /api/step-templates/:id — delete a draft step template nothing uses (in use or published → 409)
export const DELETE = defineRoute({
  permission: "templates:write",
  summary: "Delete a draft step template",
  params: templateIdParamsSchema,
  handler: ({ db, principal, params, request }) => deleteTemplate(db, principal, "step", { id: params.id, ifMatch: ifMatchVersion(request) }),
});
