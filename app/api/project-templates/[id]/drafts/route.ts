// New draft revisions of a published project template: the way to change a frozen template.
import { defineRoute } from "@/lib/api/handler";
import { createDraftRevision } from "@/lib/templates/revisions";
import { ifMatchVersion, templateActionSchema, templateIdParamsSchema } from "@/lib/templates/validators";

export const dynamic = "force-dynamic";

// POST /api/project-templates/:id/drafts — copy a published project template into a new draft revision of the same lineage
export const POST = defineRoute({
  permission: "templates:write",
  summary: "Create a draft revision of a project template",
  params: templateIdParamsSchema,
  body: templateActionSchema,
  handler: ({ db, principal, params, body, request }) =>
    createDraftRevision(db, principal, "project", { id: params.id, version: body?.version, ifMatch: ifMatchVersion(request) }),
});
