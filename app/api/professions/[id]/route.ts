// One profession: read, update, deactivate.
import { defineRoute } from "@/lib/api/handler";
import { deactivateProfession, getProfession, updateProfession } from "@/lib/entities/professions";
import { idParamsSchema, professionUpdateSchema } from "@/lib/entities/validators";

export const dynamic = "force-dynamic";

// GET /api/professions/:id — one profession of the caller's organisation
export const GET = defineRoute({
  permission: "professions:read",
  summary: "Get a profession",
  params: idParamsSchema,
  handler: ({ db, principal, params }) => getProfession(db, principal, params),
});

// PATCH /api/professions/:id — rename, describe, (de)activate a profession of the admin's subtree
export const PATCH = defineRoute({
  permission: "professions:write",
  summary: "Update a profession",
  params: idParamsSchema,
  body: professionUpdateSchema,
  handler: ({ db, principal, params, body }) => updateProfession(db, principal, { id: params.id, changes: body }),
});

// DELETE /api/professions/:id — deactivate a profession (no longer offered for new assignments)
export const DELETE = defineRoute({
  permission: "professions:write",
  summary: "Deactivate a profession",
  params: idParamsSchema,
  handler: ({ db, principal, params }) => deactivateProfession(db, principal, params),
});
