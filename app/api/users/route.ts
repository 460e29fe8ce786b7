// People: list the users visible to the caller, and create users (admins, inside their subtree).
import { defineRoute } from "@/lib/api/handler";
import { createUser, listUsers } from "@/lib/entities/users";
import { userCreateSchema, userListQuerySchema } from "@/lib/entities/validators";

export const dynamic = "force-dynamic";

// GET /api/users — list users visible to the caller (filters: role, entity_id, profession_id, q, is_active; cursor pages)
export const GET = defineRoute({
  permission: "users:read",
  summary: "List users",
  query: userListQuerySchema,
  handler: ({ db, principal, query }) => listUsers(db, principal, query),
});

// POST /api/users — create a user in an entity of the admin's subtree
export const POST = defineRoute({
  permission: "users:write",
  summary: "Create a user",
  body: userCreateSchema,
  handler: ({ db, principal, body }) => createUser(db, principal, body),
});
