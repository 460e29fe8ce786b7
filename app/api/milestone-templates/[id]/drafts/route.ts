// New draft revisions of a published milestone template: the way to change a frozen template.
import { defineRoute } from "@/lib/api/handler";
import { createDraftRevision } from "@/lib/templates/revisions";
import { ifMatchVersion, templateActionSchema, templateIdParamsSchema } from "@/lib/templates/validators";

export const dynamic = "force-dynamic";

// POST /api/milestone-templates/:id/drafts — copy a published milestone template into a new draft revision of the same lineage
export const POST = defineRoute({
  permission: "templates:write",
  summary: "Create a draft revision of a milestone template",
  params: templateIdParamsSchema,
  body: templateActionSchema,
  handler: ({ db, principal, params, body, request }) =>
    createDraftRevision(db, principal, "milestone", { id: params.id, version: body?.version, ifMatch: ifMatchVersion(request) }),
});
