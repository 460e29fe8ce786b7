import { z } from "zod";
import { defineRoute } from "@/lib/api/handler";
import { listFormats } from "@/lib/guides/languages";

// GET /api/formats — the guide formats (text, video, interactive)
export const GET = defineRoute({
  permission: "guides:read",
  summary: "List guide formats",
  query: z.object({}).strict(),
  handler: async ({ db }) => Response.json({ items: await listFormats(db) }, { headers: { "cache-control": "private, max-age=300" } }),
});
