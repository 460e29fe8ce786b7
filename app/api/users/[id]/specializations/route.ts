// One person's specialization levels: the unlocked ones with their evidence and what unlocks the next.
import { defineRoute } from "@/lib/api/handler";
import { getUserSpecializations } from "@/lib/specializations/service";
import { userSpecializationsParamsSchema } from "@/lib/specializations/validators";

export const dynamic = "force-dynamic";

// GET /api/users/:id/specializations — your own levels, or (with scores:read) anyone's in your scope
export const GET = defineRoute({
  permission: "me:read",
  summary: "Get a user's specialization levels",
  params: userSpecializationsParamsSchema,
  handler: ({ db, principal, params }) => getUserSpecializations(db, principal, { userId: params.id }),
});
