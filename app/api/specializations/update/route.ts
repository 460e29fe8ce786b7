// The seed's unlock_specializations flow step (section 4): re-evaluate a person's levels from the database.
import { defineRoute } from "@/lib/api/handler";
import { updateSpecializations } from "@/lib/specializations/service";
import { specializationUpdateSchema } from "@/lib/specializations/validators";

export const dynamic = "force-dynamic";

// POST /api/specializations/update — re-evaluate user_id's levels; progress_data may ask for it and carry notes, its numbers are ignored
export const POST = defineRoute({
  permission: "specializations:update",
  summary: "Unlock specializations: re-evaluate a user's levels",
  body: specializationUpdateSchema,
  successStatus: 200,
  handler: ({ db, principal, body }) => updateSpecializations(db, principal, body),
});
