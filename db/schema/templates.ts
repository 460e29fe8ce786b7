// Templates: onboarding programs (project templates) → milestone templates → task templates → step templates.
// Each template row is one revision: a published revision is frozen; a new draft copies it with
// lineage_id pointing at the first revision, so running projects keep the revision they started from.
import { sql } from "drizzle-orm";
import {
  type AnyPgColumn,
  bigint,
  boolean,
  check,
  index,
  integer,
  jsonb,
  numeric,
  pgTable,
  primaryKey,
  serial,
  unique,
  varchar,
} from "drizzle-orm/pg-core";
import type { ProcessDefinition } from "../../lib/templates/process-definition";
import { inList, rowVersion, timestamps, tstz } from "./columns";
import { entities, professions, users } from "./entities";

const revisionColumns = () => ({
  revision: integer("revision").notNull().default(1),
  publishedAt: tstz("published_at"),
  createdBy: integer("created_by").references(() => users.id),
  ...timestamps(),
  version: rowVersion(),
});

export const projectTemplates = pgTable(
  "project_templates",
  {
    id: serial("id").primaryKey(),
    name: varchar("name", { length: 100 }).notNull(),
    description: varchar("description", { length: 500 }),
    entityId: integer("entity_id").references(() => entities.id),
    /** The program started by default for employees of this profession. */
    professionId: integer("profession_id").references(() => professions.id),
    durationDays: integer("duration_days").notNull(),
    isDraft: boolean("is_draft").notNull().default(true),
    lineageId: integer("lineage_id").references((): AnyPgColumn => projectTemplates.id),
    ...revisionColumns(),
  },
  (t) => [
    index("project_templates_entity_id_idx").on(t.entityId),
    index("project_templates_profession_id_idx").on(t.professionId),
    index("project_templates_lineage_id_idx").on(t.lineageId),
    index("project_templates_created_by_idx").on(t.createdBy),
    unique("project_templates_lineage_revision_key").on(t.lineageId, t.revision),
    // Onboarding programs are long-term structured learning: five days or more (seed 2.1).
    check("project_templates_duration_check", sql`${t.durationDays} >= 5`),
  ],
);

export const milestoneTemplates = pgTable(
  "milestone_templates",
  {
    id: serial("id").primaryKey(),
    name: varchar("name", { length: 100 }).notNull(),
    description: varchar("description", { length: 500 }),
    entityId: integer("entity_id").references(() => entities.id),
    isDraft: boolean("is_draft").notNull(),
    /** Expected effort in hours (seed: TIME; see docs/schema.md). */
    expectedHours: numeric("expected_hours", { precision: 7, scale: 2, mode: "number" }).notNull().default(0),
    lineageId: integer("lineage_id").references((): AnyPgColumn => milestoneTemplates.id),
    ...revisionColumns(),
  },
  (t) => [
    index("milestone_templates_entity_id_idx").on(t.entityId),
    index("milestone_templates_lineage_id_idx").on(t.lineageId),
    index("milestone_templates_created_by_idx").on(t.createdBy),
    unique("milestone_templates_lineage_revision_key").on(t.lineageId, t.revision),
    check("milestone_templates_expected_hours_check", sql`${t.expectedHours} >= 0`),
  ],
);

export const TASK_KINDS = ["task", "exam"] as const;
export type TaskKind = (typeof TASK_KINDS)[number];

export const taskTemplates = pgTable(
  "task_templates",
  {
    id: serial("id").primaryKey(),
    name: varchar("name", { length: 100 }).notNull(),
    description: varchar("description", { length: 500 }),
    entityId: integer("entity_id").references(() => entities.id),
    isDraft: boolean("is_draft").notNull().default(false),
    kind: varchar("kind", { length: 16 }).$type<TaskKind>().notNull().default("task"),
    expectedMinutes: integer("expected_minutes").notNull().default(30),
    lineageId: integer("lineage_id").references((): AnyPgColumn => taskTemplates.id),
    ...revisionColumns(),
  },
  (t) => [
    index("task_templates_entity_id_idx").on(t.entityId),
    index("task_templates_lineage_id_idx").on(t.lineageId),
    index("task_templates_created_by_idx").on(t.createdBy),
    unique("task_templates_lineage_revision_key").on(t.lineageId, t.revision),
    check("task_templates_kind_check", sql.raw(`kind in (${inList(TASK_KINDS)})`)),
    check("task_templates_expected_minutes_check", sql`${t.expectedMinutes} > 0`),
  ],
);

export const STEP_KIND_VALUES = ["instruction", "checklist", "quiz", "submission"] as const;

export const stepTemplates = pgTable(
  "step_templates",
  {
    id: serial("id").primaryKey(),
    name: varchar("name", { length: 100 }).notNull(),
    description: varchar("description", { length: 500 }),
    processDefinition: jsonb("process_definition").$type<ProcessDefinition>(),
    /** Mirrors process_definition.type so steps can be filtered without reading the JSON. */
    kind: varchar("kind", { length: 16 }).$type<ProcessDefinition["type"]>().notNull().default("instruction"),
    entityId: integer("entity_id").references(() => entities.id),
    isDraft: boolean("is_draft").notNull().default(true),
    lineageId: integer("lineage_id").references((): AnyPgColumn => stepTemplates.id),
    ...revisionColumns(),
  },
  (t) => [
    index("step_templates_entity_id_idx").on(t.entityId),
    index("step_templates_lineage_id_idx").on(t.lineageId),
    index("step_templates_created_by_idx").on(t.createdBy),
    unique("step_templates_lineage_revision_key").on(t.lineageId, t.revision),
    check("step_templates_kind_check", sql.raw(`kind in (${inList(STEP_KIND_VALUES)})`)),
    check(
      "step_templates_kind_matches_definition",
      sql`${t.processDefinition} is null or ${t.processDefinition}->>'type' = ${t.kind}`,
    ),
  ],
);

export const projectTemplateMilestoneTemplate = pgTable(
  "project_template_milestone_template",
  {
    projectTemplateId: integer("project_template_id")
      .notNull()
      .references(() => projectTemplates.id, { onDelete: "cascade" }),
    milestoneTemplateId: integer("milestone_template_id")
      .notNull()
      .references(() => milestoneTemplates.id),
    position: integer("position").notNull(),
    /** Working days after the program start on which the milestone starts. */
    startOffsetDays: integer("start_offset_days").notNull().default(0),
    durationDays: integer("duration_days").notNull().default(1),
  },
  (t) => [
    primaryKey({ name: "project_template_milestone_template_pkey", columns: [t.projectTemplateId, t.milestoneTemplateId] }),
    index("project_template_milestone_template_milestone_template_id_idx").on(t.milestoneTemplateId),
    unique("project_template_milestone_template_position_key").on(t.projectTemplateId, t.position),
    check("project_template_milestone_template_offset_check", sql`${t.startOffsetDays} >= 0`),
    check("project_template_milestone_template_duration_check", sql`${t.durationDays} >= 1`),
  ],
);

export const milestoneTemplateTaskTemplate = pgTable(
  "milestone_template_task_template",
  {
    milestoneTemplateId: integer("milestone_template_id")
      .notNull()
      .references(() => milestoneTemplates.id, { onDelete: "cascade" }),
    taskTemplateId: integer("task_template_id")
      .notNull()
      .references(() => taskTemplates.id),
    position: integer("position").notNull(),
  },
  (t) => [
    primaryKey({ name: "milestone_template_task_template_pkey", columns: [t.milestoneTemplateId, t.taskTemplateId] }),
    index("milestone_template_task_template_task_template_id_idx").on(t.taskTemplateId),
    unique("milestone_template_task_template_position_key").on(t.milestoneTemplateId, t.position),
  ],
);

export const taskTemplateProfession = pgTable(
  "task_template_profession",
  {
    taskTemplateId: integer("task_template_id")
      .notNull()
      .references(() => taskTemplates.id, { onDelete: "cascade" }),
    professionId: bigint("profession_id", { mode: "number" })
      .notNull()
      .references(() => professions.id),
  },
  (t) => [
    primaryKey({ name: "task_template_profession_pkey", columns: [t.taskTemplateId, t.professionId] }),
    index("task_template_profession_profession_id_idx").on(t.professionId),
  ],
);

export const taskTempParentTaskTemp = pgTable(
  "task_temp_parent_task_temp",
  {
    taskTemplateId: integer("task_template_id")
      .notNull()
      .references(() => taskTemplates.id, { onDelete: "cascade" }),
    parentTaskTemplateId: integer("parent_task_template_id")
      .notNull()
      .references(() => taskTemplates.id, { onDelete: "cascade" }),
  },
  (t) => [
    primaryKey({ name: "task_temp_parent_task_temp_pkey", columns: [t.taskTemplateId, t.parentTaskTemplateId] }),
    index("task_temp_parent_task_temp_parent_task_template_id_idx").on(t.parentTaskTemplateId),
    // Longer cycles are refused by the templates service; a template can never be its own parent.
    check("task_temp_parent_task_temp_not_self", sql`${t.taskTemplateId} <> ${t.parentTaskTemplateId}`),
  ],
);

export const taskTemplateStepTemplate = pgTable(
  "task_template_step_template",
  {
    taskTemplateId: integer("task_template_id")
      .notNull()
      .references(() => taskTemplates.id, { onDelete: "cascade" }),
    stepTemplateId: integer("step_template_id")
      .notNull()
      .references(() => stepTemplates.id),
    order: integer("order"),
  },
  (t) => [
    primaryKey({ name: "task_template_step_template_pkey", columns: [t.taskTemplateId, t.stepTemplateId] }),
    index("task_template_step_template_step_template_id_idx").on(t.stepTemplateId),
    unique("task_template_step_template_order_key").on(t.taskTemplateId, t.order),
  ],
);

export type ProjectTemplate = typeof projectTemplates.$inferSelect;
export type NewProjectTemplate = typeof projectTemplates.$inferInsert;
export type MilestoneTemplate = typeof milestoneTemplates.$inferSelect;
export type NewMilestoneTemplate = typeof milestoneTemplates.$inferInsert;
export type TaskTemplate = typeof taskTemplates.$inferSelect;
export type NewTaskTemplate = typeof taskTemplates.$inferInsert;
export type StepTemplate = typeof stepTemplates.$inferSelect;
export type NewStepTemplate = typeof stepTemplates.$inferInsert;
export type ProjectTemplateMilestoneTemplate = typeof projectTemplateMilestoneTemplate.$inferSelect;
export type MilestoneTemplateTaskTemplate = typeof milestoneTemplateTaskTemplate.$inferSelect;
export type TaskTemplateProfession = typeof taskTemplateProfession.$inferSelect;
export type TaskTempParentTaskTemp = typeof taskTempParentTaskTemp.$inferSelect;
export type TaskTemplateStepTemplate = typeof taskTemplateStepTemplate.$inferSelect;
