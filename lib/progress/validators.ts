// Input schemas of the progress API: the seed's flow payload and the task resource routes. Strict
// objects, so a field the caller may not set (completed_by, started_at) is refused, not ignored.
import { z } from "zod";

const MAX_ID = 2_147_483_647;
export const idSchema = z.number().int().positive().max(MAX_ID);
const versionSchema = z.number().int().positive().max(MAX_ID);

/** An id arriving as a path segment. */
export const idText = z
  .string()
  .regex(/^\d{1,10}$/, { error: "Expected a positive integer id." })
  .transform(Number)
  .pipe(idSchema);

/** POST /api/progress/update — the seed's track_progress payload (section 4), plus an optional version. */
export const progressUpdateSchema = z
  .object({
    user_id: idSchema,
    task_id: idSchema,
    status_id: idSchema,
    version: versionSchema.optional(),
  })
  .strict();
export type ProgressUpdateInput = z.infer<typeof progressUpdateSchema>;

/** POST /api/tasks/:id/transition — the same move addressed by URL; user_id defaults to the caller. */
export const taskTransitionSchema = z
  .object({
    status_id: idSchema,
    user_id: idSchema.optional(),
    version: versionSchema.optional(),
  })
  .strict();
export type TaskTransitionInput = z.infer<typeof taskTransitionSchema>;

export const taskParamsSchema = z.object({ id: idText }).strict();
export const taskStepParamsSchema = z.object({ id: idText, stepId: idText }).strict();

/** POST /api/tasks/:id/steps/:stepId/complete — an empty body, or the step version read. */
export const stepCompleteSchema = z
  .object({ version: versionSchema.optional() })
  .strict()
  .optional()
  .transform((body) => body ?? {});
export type StepCompleteInput = z.infer<typeof stepCompleteSchema>;
