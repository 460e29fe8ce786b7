// Input schemas of the checklist API. An item moves by naming its next status or an action; the
// version it was read at travels in the body (stale → 409) or in If-Match (stale → 412).
import { z } from "zod";
import { idSchema, idText } from "../progress/validators";

const versionSchema = z.number().int().positive().max(2_147_483_647);

export const checklistParamsSchema = z.object({ id: idText }).strict();
export const checklistItemParamsSchema = z.object({ id: idText, itemId: idText }).strict();

export const ITEM_ACTIONS = ["start", "complete", "reopen"] as const;
export type ItemAction = (typeof ITEM_ACTIONS)[number];

/** PATCH /api/checklists/:id/items/:itemId — exactly one of status_id or action. */
export const itemProgressSchema = z
  .object({
    status_id: idSchema.optional(),
    action: z.enum(ITEM_ACTIONS).optional(),
    version: versionSchema.optional(),
  })
  .strict()
  .refine((body) => (body.status_id === undefined) !== (body.action === undefined), {
    error: "Send either status_id or action (start, complete, reopen), not both.",
    path: ["action"],
  });
export type ItemProgressInput = z.infer<typeof itemProgressSchema>;

/** POST /api/checklists/:id/items/:itemId/validate — an empty body, or the item version read. */
export const itemValidateSchema = z
  .object({ version: versionSchema.optional() })
  .strict()
  .optional()
  .transform((body) => body ?? {});
export type ItemValidateInput = z.infer<typeof itemValidateSchema>;
