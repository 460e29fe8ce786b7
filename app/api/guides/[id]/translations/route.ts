// A guide's translations, one per language.
import { defineRoute } from "@/lib/api/handler";
import { listTranslations } from "@/lib/guides/translations";
import { idParamsSchema } from "@/lib/guides/validators";

export const dynamic = "force-dynamic";

// GET /api/guides/:id/translations — every translation of a guide the caller reads
export const GET = defineRoute({
  permission: "guides:read",
  summary: "List a guide's translations",
  params: idParamsSchema,
  handler: ({ db, principal, params }) => listTranslations(db, principal, params),
});
