// Where a guide is attached: templates, step templates and checklist items (guideables).
import { defineRoute } from "@/lib/api/handler";
import { linkGuide, listGuideLinks, unlinkGuide } from "@/lib/guides/links";
import { guideLinkSchema, idParamsSchema } from "@/lib/guides/validators";

export const dynamic = "force-dynamic";

// GET /api/guides/:id/links — the guide's links to targets the caller can see
export const GET = defineRoute({
  permission: "guides:read",
  summary: "List a guide's links",
  params: idParamsSchema,
  handler: ({ db, principal, params }) => listGuideLinks(db, principal, params),
});

// POST /api/guides/:id/links — attach the guide to a target of the admin's subtree (201; 200 when already attached)
export const POST = defineRoute({
  permission: "guides:write",
  summary: "Link a guide to a template, step template or checklist item",
  params: idParamsSchema,
  body: guideLinkSchema,
  handler: async ({ db, principal, params, body }) => {
    const { created, link } = await linkGuide(db, principal, { id: params.id, input: body });
    return Response.json(link, { status: created ? 201 : 200 });
  },
});

// DELETE /api/guides/:id/links — detach the guide from the target named in the body
export const DELETE = defineRoute({
  permission: "guides:write",
  summary: "Unlink a guide",
  params: idParamsSchema,
  body: guideLinkSchema,
  handler: ({ db, principal, params, body }) => unlinkGuide(db, principal, { id: params.id, input: body }),
});
