// One user: read, update (optimistic version via body `version` or If-Match), deactivate.
import { defineRoute } from "@/lib/api/handler";
import { deactivateUser, getUser, updateUser } from "@/lib/entities/users";
import { etagOf, idParamsSchema, ifMatchVersion, userUpdateSchema } from "@/lib/entities/validators";

export const dynamic = "force-dynamic";

// GET /api/users/:id — one user in the caller's scope (personal fields for admins and the user themself)
export const GET = defineRoute({
  permission: "users:read",
  summary: "Get a user",
  params: idParamsSchema,
  handler: async ({ db, principal, params }) => {
    const user = await getUser(db, principal, params);
    return Response.json(user, { headers: { etag: etagOf(user.version) } });
  },
});

// PATCH /api/users/:id — update a user; a stale body version answers 409, a stale If-Match 412
export const PATCH = defineRoute({
  permission: "users:write",
  summary: "Update a user",
  params: idParamsSchema,
  body: userUpdateSchema,
  handler: ({ db, principal, params, body, request }) =>
    updateUser(db, principal, { id: params.id, changes: body, ifMatch: ifMatchVersion(request) }),
});

// DELETE /api/users/:id — deactivate a user and end their sessions at once
export const DELETE = defineRoute({
  permission: "users:write",
  summary: "Deactivate a user",
  params: idParamsSchema,
  handler: ({ db, principal, params, request }) => deactivateUser(db, principal, { id: params.id, ifMatch: ifMatchVersion(request) }),
});
