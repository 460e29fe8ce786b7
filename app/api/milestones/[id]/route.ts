// One milestone of a visible project, with its tasks.
import { defineRoute } from "@/lib/api/handler";
import { etagOf } from "@/lib/api/versioning";
import { getMilestone } from "@/lib/projects/service";
import { idParamsSchema } from "@/lib/projects/validators";

export const dynamic = "force-dynamic";

// GET /api/milestones/:id — one milestone with its progress and its tasks in order
export const GET = defineRoute({
  permission: "tasks:read",
  summary: "Get a milestone",
  params: idParamsSchema,
  handler: async ({ db, principal, params }) => {
    const milestone = await getMilestone(db, principal, params);
    return Response.json(milestone, { headers: { etag: etagOf(milestone.version) } });
  },
});
