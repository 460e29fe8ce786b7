// The org tree: list entities visible to the caller, and create entities inside the admin's subtree.
import { defineRoute } from "@/lib/api/handler";
import { createEntity, listEntities } from "@/lib/entities/entities";
import { entityCreateSchema, entityListQuerySchema } from "@/lib/entities/validators";

export const dynamic = "force-dynamic";

// GET /api/entities — list entities in the caller's subtree (filters: parent_id, q, is_active; cursor pages)
export const GET = defineRoute({
  permission: "entities:read",
  summary: "List entities",
  query: entityListQuerySchema,
  handler: ({ db, principal, query }) => listEntities(db, principal, query),
});

// POST /api/entities — create an entity below a parent in the admin's subtree
export const POST = defineRoute({
  permission: "entities:write",
  summary: "Create an entity",
  body: entityCreateSchema,
  handler: ({ db, principal, body }) => createEntity(db, principal, body),
});
