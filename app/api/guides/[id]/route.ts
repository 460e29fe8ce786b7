// One guide: read it in the reader's language, update it, delete it (admins of its subtree).
import { defineRoute } from "@/lib/api/handler";
import { deleteGuide, getGuide, updateGuide } from "@/lib/guides/service";
import { etagOf, guideReadQuerySchema, guideUpdateSchema, idParamsSchema, ifMatchVersion } from "@/lib/guides/validators";

export const dynamic = "force-dynamic";

// GET /api/guides/:id — the guide in ?lang, else the reader's language, entity default, English or any; says which was served and which exist
export const GET = defineRoute({
  permission: "guides:read",
  summary: "Read a guide",
  params: idParamsSchema,
  query: guideReadQuerySchema,
  handler: async ({ db, principal, params, query }) => {
    const guide = await getGuide(db, principal, { id: params.id, lang: query.lang });
    const headers: Record<string, string> = { etag: etagOf(guide.version) };
    if (guide.language) headers["content-language"] = guide.language;
    return Response.json(guide, { headers });
  },
});

// PATCH /api/guides/:id — rename, change format, move within the subtree, (un)publish; body version or If-Match
export const PATCH = defineRoute({
  permission: "guides:write",
  summary: "Update a guide",
  params: idParamsSchema,
  body: guideUpdateSchema,
  handler: async ({ db, principal, params, body, request }) => {
    const guide = await updateGuide(db, principal, { id: params.id, changes: body, ifMatch: ifMatchVersion(request) });
    return Response.json(guide, { headers: { etag: etagOf(guide.version) } });
  },
});

// DELETE /api/guides/:id — delete a guide not linked to checklist items (If-Match optional)
export const DELETE = defineRoute({
  permission: "guides:write",
  summary: "Delete a guide",
  params: idParamsSchema,
  handler: ({ db, principal, params, request }) => deleteGuide(db, principal, { id: params.id, ifMatch: ifMatchVersion(request) }),
});
