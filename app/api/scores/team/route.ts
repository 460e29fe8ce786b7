// A team's scores: a manager's direct reports or an entity subtree, per member and in aggregate.
import { defineRoute } from "@/lib/api/handler";
import { getTeamScores } from "@/lib/scores/team";
import { teamScoresQuerySchema } from "@/lib/scores/validators";

export const dynamic = "force-dynamic";

// GET /api/scores/team?manager_id=&entity_id=&sort=&order=&limit=&offset= — member rows (sortable) and the team aggregate
export const GET = defineRoute({
  permission: "scores:read",
  summary: "Get a team's scores",
  query: teamScoresQuerySchema,
  handler: ({ db, principal, query }) => getTeamScores(db, principal, query),
});
