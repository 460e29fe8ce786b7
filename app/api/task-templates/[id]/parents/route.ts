// The parents of a draft task template, replaced as a whole list (published templates are frozen → 409).
import { defineRoute } from "@/lib/api/handler";
import { replaceTaskParents } from "@/lib/templates/task-links";
import { ifMatchVersion, idListSchema, templateIdParamsSchema } from "@/lib/templates/validators";

export const dynamic = "force-dynamic";

// PUT /api/task-templates/:id/parents — replace the parent templates of a draft task template [ids]; a cycle is refused with 422
export const PUT = defineRoute({
  permission: "templates:write",
  summary: "Replace the parents of a draft task template",
  params: templateIdParamsSchema,
  body: idListSchema,
  handler: ({ db, principal, params, body, request }) => replaceTaskParents(db, principal, { id: params.id, items: body, ifMatch: ifMatchVersion(request) }),
});
