// One entity: read, update or move (optimistic version via body `version` or If-Match), deactivate.
import { defineRoute } from "@/lib/api/handler";
import { deactivateEntity, getEntity, updateEntity } from "@/lib/entities/entities";
import { entityUpdateSchema, etagOf, idParamsSchema, ifMatchVersion } from "@/lib/entities/validators";

export const dynamic = "force-dynamic";

// GET /api/entities/:id — one entity in the caller's subtree
export const GET = defineRoute({
  permission: "entities:read",
  summary: "Get an entity",
  params: idParamsSchema,
  handler: async ({ db, principal, params }) => {
    const entity = await getEntity(db, principal, params);
    return Response.json(entity, { headers: { etag: etagOf(entity.version) } });
  },
});

// PATCH /api/entities/:id — rename, reconfigure or move an entity (moving below its own descendant is 422)
export const PATCH = defineRoute({
  permission: "entities:write",
  summary: "Update an entity",
  params: idParamsSchema,
  body: entityUpdateSchema,
  handler: ({ db, principal, params, body, request }) =>
    updateEntity(db, principal, { id: params.id, changes: body, ifMatch: ifMatchVersion(request) }),
});

// DELETE /api/entities/:id — deactivate an entity; 409 while it has active users or child entities
export const DELETE = defineRoute({
  permission: "entities:write",
  summary: "Deactivate an entity",
  params: idParamsSchema,
  handler: ({ db, principal, params, request }) => deactivateEntity(db, principal, { id: params.id, ifMatch: ifMatchVersion(request) }),
});
