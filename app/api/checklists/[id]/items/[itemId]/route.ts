// Moving one checklist item: start, complete, reopen, or a named checklist_item status.
import { defineRoute } from "@/lib/api/handler";
import { etagOf, ifMatchVersion } from "@/lib/api/versioning";
import { progressChecklistItem } from "@/lib/checklists/service";
import { checklistItemParamsSchema, itemProgressSchema } from "@/lib/checklists/validators";

export const dynamic = "force-dynamic";

// PATCH /api/checklists/:id/items/:itemId — progress an item (sequential order, validation gate, cascade on completion)
export const PATCH = defineRoute({
  permission: "tasks:progress",
  summary: "Progress a checklist item",
  params: checklistItemParamsSchema,
  body: itemProgressSchema,
  handler: async ({ db, principal, params, body, request }) => {
    const answer = await progressChecklistItem(db, principal, {
      checklistId: params.id,
      itemId: params.itemId,
      statusId: body.status_id,
      action: body.action,
      version: body.version,
      ifMatch: ifMatchVersion(request),
    });
    return Response.json(answer, { headers: { etag: etagOf(answer.item.version) } });
  },
});
