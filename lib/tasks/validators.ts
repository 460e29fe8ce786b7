// Input schemas of the tasks API (assign, list, read, update), shared by the route handlers, the
// services' parameter types and the OpenAPI document. Bodies are strict: a field the caller may not
// set is refused with 422, never silently dropped.
import { z } from "zod";
import { TASK_KINDS } from "../../db/schema/templates";
import { PAGE_SIZE_MAX } from "../api/pagination";
import { idParamsSchema, idSchema, idTextSchema as idText } from "../entities/id-schemas";

export { idParamsSchema, idText };

const versionSchema = idSchema;

/** A calendar day (YYYY-MM-DD, the whole day where the assignee works) or an instant with its offset. */
export const dueDateSchema = z.union([z.iso.date(), z.iso.datetime({ offset: true })], {
  error: "Use a date (2025-03-31) or a date-time with its offset (2025-03-31T17:00:00+02:00).",
});

export const pageFields = {
  /** The `next_cursor` of the previous page: the last id it held (keyset pagination on id). */
  cursor: idText.optional(),
  limit: z
    .string()
    .regex(/^\d{1,3}$/, { error: `Use a number from 1 to ${PAGE_SIZE_MAX}.` })
    .transform(Number)
    .pipe(z.number().int().min(1).max(PAGE_SIZE_MAX))
    .optional(),
};

/** A status by id ("5") or by code ("in_progress"); the service checks it belongs to the domain. */
export const statusFilter = z
  .string()
  .trim()
  .regex(/^(\d{1,10}|[a-z_]{1,32})$/, { error: "Use a status id or code, e.g. in_progress." });

const STATUS_MOVES_ELSEWHERE = "Status changes go through POST /api/progress/update, which enforces the status machine.";

// ── assign ───────────────────────────────────────────────────────────────────────────────────

export const MAX_ASSIGNEES = 100;

export const taskAssignSchema = z
  .object({
    template_id: idSchema,
    /** Defaults to the caller. */
    user_ids: z
      .array(idSchema)
      .min(1, { error: "Name at least one user, or leave user_ids out to assign to yourself." })
      .max(MAX_ASSIGNEES, { error: `Assign to at most ${MAX_ASSIGNEES} users at once.` })
      .optional(),
    /** Defaults to the template's expected duration in working days. */
    due_date: dueDateSchema.optional(),
    /** A project of the (single) user the tasks then belong to. */
    project_id: idSchema.optional(),
  })
  .strict();

export type TaskAssignInput = z.infer<typeof taskAssignSchema>;

// ── list ─────────────────────────────────────────────────────────────────────────────────────

export const taskListQuerySchema = z
  .object({
    ...pageFields,
    status: statusFilter.optional(),
    assignee_id: idText.optional(),
    project_id: idText.optional(),
    milestone_id: idText.optional(),
    due_before: dueDateSchema.optional(),
    due_after: dueDateSchema.optional(),
    kind: z.enum(TASK_KINDS, { error: `Use one of ${TASK_KINDS.join(", ")}.` }).optional(),
  })
  .strict();

export type TaskListQuery = z.infer<typeof taskListQuerySchema>;

// ── update ───────────────────────────────────────────────────────────────────────────────────

export const taskUpdateSchema = z
  .object({
    name: z.string().trim().min(1, { error: "Enter a name." }).max(100, { error: "Use at most 100 characters." }).optional(),
    description: z
      .string()
      .trim()
      .max(500, { error: "Use at most 500 characters." })
      .transform((v) => (v === "" ? null : v))
      .nullable()
      .optional(),
    /** null clears the due date. */
    due_date: dueDateSchema.nullable().optional(),
    version: versionSchema.optional(),
    // Named so the refusal explains where status changes go instead of a bare "unrecognized key".
    status_id: z.never({ error: STATUS_MOVES_ELSEWHERE }).optional(),
  })
  .strict();

export type TaskUpdateInput = z.infer<typeof taskUpdateSchema>;

export { STATUS_MOVES_ELSEWHERE };
