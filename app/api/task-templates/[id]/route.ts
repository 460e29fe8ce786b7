// One task template: read it with its links, change or delete it while it is a draft (published revisions are frozen).
import { defineRoute } from "@/lib/api/handler";
import { deleteTemplate } from "@/lib/templates/delete";
import { getTaskTemplate, updateTaskTemplate } from "@/lib/templates/task-templates";
import { etagOf, ifMatchVersion, taskTemplateUpdateSchema, templateIdParamsSchema } from "@/lib/templates/validators";

export const dynamic = "force-dynamic";

// GET /api/task-templates/:id — one task template with its links; the ETag carries its version
export const GET = defineRoute({
  permission: "templates:read",
  summary: "Get a task template",
  params: templateIdParamsSchema,
  handler: async ({ db, principal, params }) => {
    const template = await getTaskTemplate(db, principal, params);
    return Response.json(template, { headers: { etag: etagOf(template.version) } });
  },
});

// PATCH /api/task-templates/:id — change a draft task template (version in the body or If-Match; published → 409)
export const PATCH = defineRoute({
  permission: "templates:write",
  summary: "Update a draft task template",
  params: templateIdParamsSchema,
  body: taskTemplateUpdateSchema,
  handler: ({ db, principal, params, body, request }) =>
    updateTaskTemplate(db, principal, { id: params.id, changes: body, ifMatch: ifMatchVersion(request) }),
});

// DELETE /api/task-templates/:id — delete a draft task template nothing uses (in use or published → 409)
export const DELETE = defineRoute({
  permission: "templates:write",
  summary: "Delete a draft task template",
  params: templateIdParamsSchema,
  handler: ({ db, principal, params, request }) => deleteTemplate(db, principal, "task", { id: params.id, ifMatch: ifMatchVersion(request) }),
});
