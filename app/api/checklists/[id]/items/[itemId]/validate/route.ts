// A manager's sign-off on a checklist item that requires validation.
import { defineRoute } from "@/lib/api/handler";
import { ifMatchVersion } from "@/lib/api/versioning";
import { validateChecklistItem } from "@/lib/checklists/validation";
import { checklistItemParamsSchema, itemValidateSchema } from "@/lib/checklists/validators";

export const dynamic = "force-dynamic";

// POST /api/checklists/:id/items/:itemId/validate — record the validation; an item awaiting it completes
export const POST = defineRoute({
  permission: "checklists:validate",
  summary: "Validate a checklist item",
  params: checklistItemParamsSchema,
  body: itemValidateSchema,
  successStatus: 200,
  handler: ({ db, principal, params, body, request }) =>
    validateChecklistItem(db, principal, { checklistId: params.id, itemId: params.itemId, version: body.version, ifMatch: ifMatchVersion(request) }),
});
