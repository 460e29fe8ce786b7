// Input schemas of the specialization endpoints, shared by the route handlers and the OpenAPI document.
import { z } from "zod";
import { idSchema, idText } from "../progress/validators";

/**
 * The seed's progress_data JSONB. It can ask for a re-evaluation and carry notes, nothing more:
 * levels unlock from the database only, so every other field (a claimed progress score, a project
 * count) is accepted, ignored and named in the answer.
 */
export const progressDataSchema = z
  .looseObject({
    reevaluate: z.boolean().optional(),
    notes: z.string().trim().min(1).max(1000).optional(),
  })
  .default({});

/** POST /api/specializations/update — the seed's unlock_specializations payload (section 4). */
export const specializationUpdateSchema = z
  .object({
    user_id: idSchema,
    progress_data: progressDataSchema,
  })
  .strict();
export type SpecializationUpdateInput = z.infer<typeof specializationUpdateSchema>;

export const userSpecializationsParamsSchema = z.object({ id: idText }).strict();
