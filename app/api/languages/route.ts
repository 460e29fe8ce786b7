import { z } from "zod";
import { defineRoute } from "@/lib/api/handler";
import { listLanguages } from "@/lib/guides/languages";

// GET /api/languages — the languages guides are translated into and users may choose (BCP 47 codes)
export const GET = defineRoute({
  permission: "guides:read",
  summary: "List languages",
  query: z.object({}).strict(),
  handler: async ({ db }) => Response.json({ items: await listLanguages(db) }, { headers: { "cache-control": "private, max-age=300" } }),
});
