// Input shapes of the task request API, shared by the route handlers, the services' parameter
// types and the OpenAPI document. Bodies are strict: a field such as status_id, created_by or
// decided_by is refused with 422 rather than dropped, so nobody can approve through a create.
import { z } from "zod";
import { pageQuery } from "../api/pagination";
import { idParamsSchema, idSchema as id } from "../entities/id-schemas";

/** The most people one request may ask for: a request is for help, not a mass assignment. */
export const MAX_REQUEST_ASSIGNEES = 20;
export const DECISION_NOTE_MAX = 500;
export const TASK_REQUEST_STATUS_CODES = ["pending_approval", "approved", "rejected", "cancelled"] as const;
export type TaskRequestStatusCode = (typeof TASK_REQUEST_STATUS_CODES)[number];

const optionalText = (max: number) =>
  z
    .string()
    .trim()
    .max(max, { error: `Use at most ${max} characters.` })
    .transform((v) => (v === "" ? undefined : v))
    .optional();

/** The version the client last read: a stale one is answered 409 (If-Match: 412). */
const versionSchema = id.optional();

export const taskRequestCreateSchema = z
  .object({
    title: z.string().trim().min(1, { error: "Enter a title." }).max(100, { error: "Use at most 100 characters." }),
    description: optionalText(500),
    task_template_id: id.optional(),
    related_task_id: id.optional(),
    project_id: id.optional(),
    due_date: z.iso
      .datetime({ offset: true, error: "Use an ISO 8601 date-time with a time zone, e.g. 2030-01-31T17:00:00Z." })
      .refine((v) => Date.parse(v) > Date.now(), { error: "due_date must be in the future." })
      .optional(),
    assignee_ids: z
      .array(id)
      .min(1, { error: "Name at least one person the task is for." })
      .max(MAX_REQUEST_ASSIGNEES, { error: `Name at most ${MAX_REQUEST_ASSIGNEES} people.` })
      // Naming someone twice means the same thing as naming them once.
      .transform((ids) => [...new Set(ids)]),
    approval_required: z.boolean().optional(),
  })
  .strict();

/** Approving needs no input: the note and the version are optional, and so is the body. */
export const taskRequestApproveSchema = z
  .object({ note: optionalText(DECISION_NOTE_MAX), version: versionSchema })
  .strict()
  .optional()
  .transform((body) => body ?? {});

export const taskRequestRejectSchema = z
  .object({
    note: z
      .string({ error: "Give a reason for the rejection." })
      .trim()
      .min(1, { error: "Give a reason for the rejection." })
      .max(DECISION_NOTE_MAX, { error: `Use at most ${DECISION_NOTE_MAX} characters.` }),
    version: versionSchema,
  })
  .strict();

/** Cancelling takes no input but the version; an empty or missing body is the common case. */
export const taskRequestCancelSchema = z
  .object({ version: versionSchema })
  .strict()
  .optional()
  .transform((body) => body ?? {});

const flag = z.enum(["true", "false"], { error: "Use true or false." }).transform((v) => v === "true");

export const taskRequestListQuerySchema = z
  .object({
    ...pageQuery,
    status: z.enum(TASK_REQUEST_STATUS_CODES, { error: `Use one of ${TASK_REQUEST_STATUS_CODES.join(", ")}.` }).optional(),
    /** Only requests the caller created. */
    mine: flag.optional(),
    /** Only requests that name the caller as an assignee. */
    assigned_to_me: flag.optional(),
    /** Only pending requests the caller may approve or reject. */
    decidable: flag.optional(),
  })
  .strict();

export const taskRequestIdParamsSchema = idParamsSchema;

export type TaskRequestCreateInput = z.infer<typeof taskRequestCreateSchema>;
export type TaskRequestApproveInput = z.infer<typeof taskRequestApproveSchema>;
export type TaskRequestRejectInput = z.infer<typeof taskRequestRejectSchema>;
export type TaskRequestCancelInput = z.infer<typeof taskRequestCancelSchema>;
export type TaskRequestListQuery = z.infer<typeof taskRequestListQuerySchema>;
