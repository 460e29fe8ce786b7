// One project with its milestones, their progress and overdue flags.
import { defineRoute } from "@/lib/api/handler";
import { etagOf } from "@/lib/api/versioning";
import { getProject } from "@/lib/projects/service";
import { idParamsSchema } from "@/lib/projects/validators";

export const dynamic = "force-dynamic";

// GET /api/projects/:id — one visible project with its milestones (dates, expected hours, done/total tasks, overdue)
export const GET = defineRoute({
  permission: "tasks:read",
  summary: "Get a project",
  params: idParamsSchema,
  handler: async ({ db, principal, params }) => {
    const project = await getProject(db, principal, params);
    return Response.json(project, { headers: { etag: etagOf(project.version) } });
  },
});
