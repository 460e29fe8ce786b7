// Input schemas of the template builder API (project, milestone, task and step templates and the
// ordered links between them), shared by the route handlers, the services and the OpenAPI document.
// Every object is strict: a field the caller may not set (is_draft, lineage_id, revision,
// created_by) is refused with 422 rather than silently dropped.
import { z } from "zod";
import { TASK_KINDS } from "../../db/schema/templates";
import { pageQuery } from "../api/pagination";
import { idParamsSchema, idSchema, idTextSchema as idText, MAX_ID } from "../entities/id-schemas";
import { processDefinition, STEP_KINDS } from "./process-definition";

/** Ten years of days: a bound that keeps date arithmetic sane, far beyond any onboarding. */
const MAX_DAYS = 3_650;

export const templateIdSchema = idSchema;
export const templateIdParamsSchema = idParamsSchema;

const nameSchema = z.string().trim().min(1, { error: "Enter a name." }).max(100, { error: "Use at most 100 characters." });

/** Optional free text: trimmed, and an empty string clears the value (what an emptied form field sends). */
const descriptionSchema = z
  .string()
  .trim()
  .max(500, { error: "Use at most 500 characters." })
  .transform((v) => (v === "" ? null : v))
  .nullable()
  .optional();

/** Optimistic lock: the version the client last read. A stale one is answered 409. */
const versionSchema = z.number().int().positive().max(MAX_ID);

const durationDaysSchema = z
  .number()
  .int()
  .min(5, { error: "An onboarding program lasts at least 5 days." })
  .max(MAX_DAYS, { error: `Use at most ${MAX_DAYS} days.` });

const expectedHoursSchema = z
  .number()
  .min(0, { error: "Expected hours cannot be negative." })
  .max(99_999.99, { error: "Use at most 99999.99 hours." })
  // The column keeps two decimals; rounding here makes the answer show what was stored.
  .transform((v) => Math.round(v * 100) / 100);

const expectedMinutesSchema = z.number().int().min(1, { error: "Expect at least one minute." }).max(100_000);

// ── bodies ───────────────────────────────────────────────────────────────────────────────────

const common = {
  name: nameSchema,
  description: descriptionSchema,
  /** Owning entity; defaults to the admin's own. Must lie in the admin's subtree. */
  entity_id: templateIdSchema.optional(),
};

export const projectTemplateCreateSchema = z
  .object({ ...common, profession_id: templateIdSchema.nullable().optional(), duration_days: durationDaysSchema })
  .strict();

export const projectTemplateUpdateSchema = z
  .object({
    name: nameSchema.optional(),
    description: descriptionSchema,
    profession_id: templateIdSchema.nullable().optional(),
    duration_days: durationDaysSchema.optional(),
    version: versionSchema.optional(),
  })
  .strict();

export const milestoneTemplateCreateSchema = z.object({ ...common, expected_hours: expectedHoursSchema.optional() }).strict();

export const milestoneTemplateUpdateSchema = z
  .object({ name: nameSchema.optional(), description: descriptionSchema, expected_hours: expectedHoursSchema.optional(), version: versionSchema.optional() })
  .strict();

const taskKindSchema = z.enum(TASK_KINDS, { error: `Use one of ${TASK_KINDS.join(", ")}.` });

export const taskTemplateCreateSchema = z
  .object({ ...common, kind: taskKindSchema.optional(), expected_minutes: expectedMinutesSchema.optional() })
  .strict();

export const taskTemplateUpdateSchema = z
  .object({
    name: nameSchema.optional(),
    description: descriptionSchema,
    kind: taskKindSchema.optional(),
    expected_minutes: expectedMinutesSchema.optional(),
    version: versionSchema.optional(),
  })
  .strict();

export const stepTemplateCreateSchema = z.object({ ...common, process_definition: processDefinition }).strict();

export const stepTemplateUpdateSchema = z
  .object({ name: nameSchema.optional(), description: descriptionSchema, process_definition: processDefinition.optional(), version: versionSchema.optional() })
  .strict();

/** Publishing and drafting take no input but an optional version (If-Match works as well). */
export const templateActionSchema = z.object({ version: versionSchema.optional() }).strict().optional();

// ── ordered links (PUT replaces the whole list; position = index + 1) ────────────────────────

const LINK_MAX = 200;

export const projectMilestonesSchema = z
  .array(
    z
      .object({
        milestone_template_id: templateIdSchema,
        start_offset_days: z.number().int().min(0).max(MAX_DAYS),
        duration_days: z.number().int().min(1).max(MAX_DAYS),
      })
      .strict(),
  )
  .max(LINK_MAX);

export const milestoneTasksSchema = z.array(z.object({ task_template_id: templateIdSchema }).strict()).max(LINK_MAX);

export const taskStepsSchema = z.array(z.object({ step_template_id: templateIdSchema }).strict()).max(LINK_MAX);

export const idListSchema = z.array(templateIdSchema).max(LINK_MAX);

// ── list queries ─────────────────────────────────────────────────────────────────────────────

const booleanText = z.enum(["true", "false"], { error: "Use true or false." }).transform((v) => v === "true");

const listFields = {
  ...pageQuery,
  q: z.string().trim().max(100).optional(),
  is_draft: booleanText.optional(),
  /** An entity id (templates of that entity and below it), or `shared` for templates no entity owns. */
  entity_id: z.union([z.literal("shared"), idText]).optional(),
  /** Every revision of one template: the id of its first revision. */
  lineage_id: idText.optional(),
};

export const projectTemplateListQuerySchema = z.object({ ...listFields, profession_id: idText.optional() }).strict();
export const milestoneTemplateListQuerySchema = z.object(listFields).strict();
export const taskTemplateListQuerySchema = z
  .object({ ...listFields, kind: taskKindSchema.optional(), profession_id: idText.optional() })
  .strict();
export const stepTemplateListQuerySchema = z
  .object({ ...listFields, kind: z.enum(STEP_KINDS, { error: `Use one of ${STEP_KINDS.join(", ")}.` }).optional() })
  .strict();

// Services take the input types and parse again: they are called from pages and other services
// too, and the rules must hold whoever calls them.
export type ProjectTemplateCreateInput = z.input<typeof projectTemplateCreateSchema>;
export type ProjectTemplateUpdateInput = z.input<typeof projectTemplateUpdateSchema>;
export type MilestoneTemplateCreateInput = z.input<typeof milestoneTemplateCreateSchema>;
export type MilestoneTemplateUpdateInput = z.input<typeof milestoneTemplateUpdateSchema>;
export type TaskTemplateCreateInput = z.input<typeof taskTemplateCreateSchema>;
export type TaskTemplateUpdateInput = z.input<typeof taskTemplateUpdateSchema>;
export type StepTemplateCreateInput = z.input<typeof stepTemplateCreateSchema>;
export type StepTemplateUpdateInput = z.input<typeof stepTemplateUpdateSchema>;
export type ProjectMilestonesInput = z.input<typeof projectMilestonesSchema>;
export type MilestoneTasksInput = z.input<typeof milestoneTasksSchema>;
export type TaskStepsInput = z.input<typeof taskStepsSchema>;
export type TemplateListQueryBase = z.infer<z.ZodObject<typeof listFields>>;
export type ProjectTemplateListQuery = z.infer<typeof projectTemplateListQuerySchema>;
export type MilestoneTemplateListQuery = z.infer<typeof milestoneTemplateListQuerySchema>;
export type TaskTemplateListQuery = z.infer<typeof taskTemplateListQuerySchema>;
export type StepTemplateListQuery = z.infer<typeof stepTemplateListQuerySchema>;

export { etagOf, ifMatchVersion } from "../api/versioning";
