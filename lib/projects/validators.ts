// Query schemas of the projects and milestones API.
import { z } from "zod";
import { pageFields, statusFilter, idText } from "../tasks/validators";

export { idParamsSchema } from "../tasks/validators";

export const projectListQuerySchema = z
  .object({
    ...pageFields,
    onboardee_id: idText.optional(),
    /** A project status by id or code (planned, in_progress, completed, cancelled). */
    status: statusFilter.optional(),
    /** Projects started from any revision of this program template. */
    template_id: idText.optional(),
  })
  .strict();

export type ProjectListQuery = z.infer<typeof projectListQuerySchema>;
