// One checklist with its items in order, their state, sequential locks and validation state.
import { defineRoute } from "@/lib/api/handler";
import { etagOf } from "@/lib/api/versioning";
import { getChecklist } from "@/lib/checklists/service";
import { checklistParamsSchema } from "@/lib/checklists/validators";

export const dynamic = "force-dynamic";

// GET /api/checklists/:id — the checklist of a task in the caller's scope, items in position order
export const GET = defineRoute({
  permission: "tasks:read",
  summary: "Get a checklist with its items",
  params: checklistParamsSchema,
  handler: async ({ db, principal, params }) => {
    const checklist = await getChecklist(db, principal, params);
    return Response.json(checklist, { headers: { etag: etagOf(checklist.version) } });
  },
});
