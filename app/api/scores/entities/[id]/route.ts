// An entity subtree's scores, in aggregate and per direct child entity.
import { defineRoute } from "@/lib/api/handler";
import { getEntityScores } from "@/lib/scores/read";
import { scoreParamsSchema } from "@/lib/scores/validators";

export const dynamic = "force-dynamic";

// GET /api/scores/entities/:id — the subtree's aggregate, its own members' and each child entity's
export const GET = defineRoute({
  permission: "scores:read",
  summary: "Get an entity's scores",
  params: scoreParamsSchema,
  handler: ({ db, principal, params }) => getEntityScores(db, principal, { entityId: params.id }),
});
