// Professions: list those of the caller's organisation, and create new ones (admins).
import { defineRoute } from "@/lib/api/handler";
import { createProfession, listProfessions } from "@/lib/entities/professions";
import { professionCreateSchema, professionListQuerySchema } from "@/lib/entities/validators";

export const dynamic = "force-dynamic";

// GET /api/professions — list professions of the caller's organisation (filters: q, is_active; cursor pages)
export const GET = defineRoute({
  permission: "professions:read",
  summary: "List professions",
  query: professionListQuerySchema,
  handler: ({ db, principal, query }) => listProfessions(db, principal, query),
});

// POST /api/professions — create a profession owned by the admin's entity
export const POST = defineRoute({
  permission: "professions:write",
  summary: "Create a profession",
  body: professionCreateSchema,
  handler: ({ db, principal, body }) => createProfession(db, principal, body),
});
