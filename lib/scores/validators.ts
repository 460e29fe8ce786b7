// Input schemas of the score endpoints, shared by the route handlers and the OpenAPI document.
import { z } from "zod";
import { idText } from "../progress/validators";

export const scoreParamsSchema = z.object({ id: idText }).strict();

export const TEAM_SORT_KEYS = [
  "name",
  "completion",
  "help",
  "timing",
  "quality",
  "technical",
  "progress",
  "assigned_tasks",
  "completed_tasks",
  "overdue_tasks",
] as const;
export type TeamSortKey = (typeof TEAM_SORT_KEYS)[number];

export const TEAM_PAGE_MAX = 500;

/** GET /api/scores/team — a manager's direct reports or an entity subtree (one of the two; the caller's reports by default). */
export const teamScoresQuerySchema = z
  .object({
    manager_id: idText.optional(),
    entity_id: idText.optional(),
    sort: z.enum(TEAM_SORT_KEYS).default("name"),
    order: z.enum(["asc", "desc"]).optional(),
    limit: z.coerce.number().int().min(1).max(TEAM_PAGE_MAX).default(100),
    offset: z.coerce.number().int().min(0).max(1_000_000).default(0),
  })
  .strict()
  .refine((q) => q.manager_id === undefined || q.entity_id === undefined, {
    error: "Name a manager_id or an entity_id, not both.",
    path: ["entity_id"],
  });
export type TeamScoresQuery = z.infer<typeof teamScoresQuerySchema>;
