// One project template: read it with its links, change or delete it while it is a draft (published revisions are frozen).
import { defineRoute } from "@/lib/api/handler";
import { deleteTemplate } from "@/lib/templates/delete";
import { getProjectTemplate, updateProjectTemplate } from "@/lib/templates/project-templates";
import { etagOf, ifMatchVersion, projectTemplateUpdateSchema, templateIdParamsSchema } from "@/lib/templates/validators";

export const dynamic = "force-dynamic";

// GET /api/project-templates/:id — one project template with its links; the ETag carries its version
export const GET = defineRoute({
  permission: "templates:read",
  summary: "Get a project template",
  params: templateIdParamsSchema,
  handler: async ({ db, principal, params }) => {
    const template = await getProjectTemplate(db, principal, params);
    return Response.json(template, { headers: { etag: etagOf(template.version) } });
  },
});

// PATCH /api/project-templates/:id — change a draft project template (version in the body or If-Match; published → 409)
export const PATCH = defineRoute({
  permission: "templates:write",
  summary: "Update a draft project template",
  params: templateIdParamsSchema,
  body: projectTemplateUpdateSchema,
  handler: ({ db, principal, params, body, request }) =>
    updateProjectTemplate(db, principal, { id: params.id, changes: body, ifMatch: ifMatchVersion(request) }),
});

// DELETE /api/project-templates/:id — delete a draft project template nothing uses (in use or published → 409)
export const DELETE = defineRoute({
  permission: "templates:write",
  summary: "Delete a draft project template",
  params: templateIdParamsSchema,
  handler: ({ db, principal, params, request }) => deleteTemplate(db, principal, "project", { id: params.id, ifMatch: ifMatchVersion(request) }),
});
