import { z } from "zod";
import { defineRoute } from "@/lib/api/handler";
import { listStatuses, toStatusDto } from "@/lib/statuses/service";
import { STATUS_DOMAINS } from "@/db/schema";

// GET /api/statuses — every status with its id, domain and code, for clients sending status_id
export const GET = defineRoute({
  permission: "tasks:read",
  summary: "List status codes",
  query: z.object({ domain: z.enum(STATUS_DOMAINS).optional() }).strict(),
  handler: async ({ db, query }) => {
    const all = (await listStatuses(db)).filter((s) => !query.domain || s.domain === query.domain);
    return Response.json({ items: all.map(toStatusDto) }, { headers: { "cache-control": "private, max-age=300" } });
  },
});
