// Projects: running onboarding programs visible to the caller.
import { defineRoute } from "@/lib/api/handler";
import { listProjects } from "@/lib/projects/service";
import { projectListQuerySchema } from "@/lib/projects/validators";

export const dynamic = "force-dynamic";

// GET /api/projects — projects visible to the caller with their progress (filters: onboardee_id, status, template_id; cursor pages)
export const GET = defineRoute({
  permission: "tasks:read",
  summary: "List projects",
  query: projectListQuerySchema,
  handler: ({ db, principal, query }) => listProjects(db, principal, query),
});
