// One person's scores: counters, the five scores and progress, and the formulas behind them.
import { defineRoute } from "@/lib/api/handler";
import { getUserScores } from "@/lib/scores/read";
import { scoreParamsSchema } from "@/lib/scores/validators";

export const dynamic = "force-dynamic";

// GET /api/users/:id/scores — your own scores, or (with scores:read) anyone's in your scope
export const GET = defineRoute({
  permission: "me:read",
  summary: "Get a user's scores",
  params: scoreParamsSchema,
  handler: ({ db, principal, params }) => getUserScores(db, principal, { userId: params.id }),
});
