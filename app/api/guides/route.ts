// Guides: list the guides the caller reads (in their language), and create guides (admins).
import { defineRoute } from "@/lib/api/handler";
import { createGuide, listGuides } from "@/lib/guides/service";
import { etagOf, GUIDE_MAX_BODY_BYTES, guideCreateSchema, guideListQuerySchema } from "@/lib/guides/validators";

export const dynamic = "force-dynamic";

// GET /api/guides — guides of the caller's organisation and global ones, titled in the reader's language (filters: q, format, is_published, lang; cursor pages)
export const GET = defineRoute({
  permission: "guides:read",
  summary: "List guides",
  query: guideListQuerySchema,
  handler: ({ db, principal, query }) => listGuides(db, principal, query),
});

// POST /api/guides — create a guide with its first translations in an entity of the admin's subtree
export const POST = defineRoute({
  permission: "guides:write",
  summary: "Create a guide",
  body: guideCreateSchema,
  maxBodyBytes: GUIDE_MAX_BODY_BYTES,
  handler: async ({ db, principal, body }) => {
    const guide = await createGuide(db, principal, body);
    return Response.json(guide, { status: 201, headers: { etag: etagOf(guide.version) } });
  },
});
