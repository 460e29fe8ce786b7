// The professions of a draft task template, replaced as a whole list (published templates are frozen → 409).
import { defineRoute } from "@/lib/api/handler";
import { replaceTaskProfessions } from "@/lib/templates/task-links";
import { ifMatchVersion, idListSchema, templateIdParamsSchema } from "@/lib/templates/validators";

export const dynamic = "force-dynamic";

// PUT /api/task-templates/:id/professions — replace the target professions of a draft task template [ids]
export const PUT = defineRoute({
  permission: "templates:write",
  summary: "Replace the professions of a draft task template",
  params: templateIdParamsSchema,
  body: idListSchema,
  handler: ({ db, principal, params, body, request }) => replaceTaskProfessions(db, principal, { id: params.id, items: body, ifMatch: ifMatchVersion(request) }),
});
