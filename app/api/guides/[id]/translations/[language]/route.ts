// One translation of a guide, addressed by its BCP 47 language code.
import { defineRoute } from "@/lib/api/handler";
import { deleteTranslation, getTranslation, upsertTranslation } from "@/lib/guides/translations";
import { etagOf, GUIDE_MAX_BODY_BYTES, ifMatchVersion, translationParamsSchema, translationUpsertSchema } from "@/lib/guides/validators";

export const dynamic = "force-dynamic";

// GET /api/guides/:id/translations/:language — exactly this language, no fallback (ETag = translation version)
export const GET = defineRoute({
  permission: "guides:read",
  summary: "Read one translation of a guide",
  params: translationParamsSchema,
  handler: async ({ db, principal, params }) => {
    const translation = await getTranslation(db, principal, params);
    return Response.json(translation, { headers: { etag: etagOf(translation.version) } });
  },
});

// PUT /api/guides/:id/translations/:language — create (201) or replace (200) the translation; If-Match / body version, If-None-Match: * to create only
export const PUT = defineRoute({
  permission: "guides:write",
  summary: "Create or replace one translation of a guide",
  params: translationParamsSchema,
  body: translationUpsertSchema,
  maxBodyBytes: GUIDE_MAX_BODY_BYTES,
  handler: async ({ db, principal, params, body, request }) => {
    const createOnly = request.headers.get("if-none-match")?.trim() === "*";
    const { created, translation } = await upsertTranslation(db, principal, { ...params, input: body, ifMatch: ifMatchVersion(request), createOnly });
    return Response.json(translation, { status: created ? 201 : 200, headers: { etag: etagOf(translation.version) } });
  },
});

// DELETE /api/guides/:id/translations/:language — delete a translation unless it is the guide's last (If-Match optional)
export const DELETE = defineRoute({
  permission: "guides:write",
  summary: "Delete one translation of a guide",
  params: translationParamsSchema,
  handler: ({ db, principal, params, request }) => deleteTranslation(db, principal, { ...params, ifMatch: ifMatchVersion(request) }),
});
