// A reader confirms they read a guide.
import { defineRoute } from "@/lib/api/handler";
import { acknowledgeGuide } from "@/lib/guides/acknowledgements";
import { acknowledgeSchema, idParamsSchema } from "@/lib/guides/validators";

export const dynamic = "force-dynamic";

// POST /api/guides/:id/acknowledge — record (201) or refresh (200) the caller's acknowledgement of a published guide
export const POST = defineRoute({
  permission: "guides:read",
  summary: "Acknowledge a guide",
  params: idParamsSchema,
  body: acknowledgeSchema,
  handler: async ({ db, principal, params, body }) => {
    const { created, acknowledgement } = await acknowledgeGuide(db, principal, { id: params.id, input: body });
    return Response.json(acknowledgement, { status: created ? 201 : 200 });
  },
});
