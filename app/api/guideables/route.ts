// The guides attached to one target (template, step template or checklist item).
import { defineRoute } from "@/lib/api/handler";
import { guidesForTarget } from "@/lib/guides/links";
import { guideableQuerySchema } from "@/lib/guides/validators";

export const dynamic = "force-dynamic";

// GET /api/guideables?type=step_template&id=… — the guides of a target the caller can see, in the reader's language
export const GET = defineRoute({
  permission: "guides:read",
  summary: "List the guides of a target",
  query: guideableQuerySchema,
  handler: ({ db, principal, query }) => guidesForTarget(db, principal, query),
});
