// Publishing a project template: checks it is complete and freezes it, with every draft below it.
import { defineRoute } from "@/lib/api/handler";
import { publishTemplate } from "@/lib/templates/publish";
import { ifMatchVersion, templateActionSchema, templateIdParamsSchema } from "@/lib/templates/validators";

export const dynamic = "force-dynamic";

// POST /api/project-templates/:id/publish — publish a draft project template and its draft children (incomplete → 422 listing what is missing)
export const POST = defineRoute({
  permission: "templates:write",
  summary: "Publish a project template",
  params: templateIdParamsSchema,
  body: templateActionSchema,
  successStatus: 200,
  handler: ({ db, principal, params, body, request }) =>
    publishTemplate(db, principal, "project", { id: params.id, version: body?.version, ifMatch: ifMatchVersion(request) }),
});
