// Tasks: instances of task templates, their assignees, hierarchy and the step tracking log.
import { sql } from "drizzle-orm";
import { check, index, integer, numeric, pgTable, primaryKey, serial, unique, varchar } from "drizzle-orm/pg-core";
import { createdAt, inList, rowVersion, tstz } from "./columns";
import { entities, users } from "./entities";
import { milestones, projects } from "./projects";
import { statuses } from "./statuses";
import { STEP_KIND_VALUES, TASK_KINDS, type TaskKind, stepTemplates, taskTemplates } from "./templates";

export const tasks = pgTable(
  "tasks",
  {
    id: serial("id").primaryKey(),
    name: varchar("name", { length: 100 }).notNull(),
    description: varchar("description", { length: 500 }),
    statusId: integer("status_id").references(() => statuses.id),
    taskTemplateId: integer("task_template_id").references(() => taskTemplates.id),
    createdAt: tstz("created_at").notNull().defaultNow(),
    dueDate: tstz("due_date"),
    projectId: integer("project_id").references(() => projects.id, { onDelete: "cascade" }),
    milestoneId: integer("milestone_id").references(() => milestones.id, { onDelete: "cascade" }),
    /** Owning entity, copied from the project or request, so scope filters need no join. */
    entityId: integer("entity_id").references(() => entities.id),
    kind: varchar("kind", { length: 16 }).$type<TaskKind>().notNull().default("task"),
    position: integer("position").notNull().default(0),
    expectedMinutes: integer("expected_minutes").notNull().default(30),
    /** Minutes actually spent, set at completion (completed_at − started_at unless reported). */
    actualMinutes: numeric("actual_minutes", { precision: 10, scale: 2, mode: "number" }),
    createdBy: integer("created_by").references(() => users.id),
    startedAt: tstz("started_at"),
    completedAt: tstz("completed_at"),
    completedBy: integer("completed_by").references(() => users.id),
    updatedAt: tstz("updated_at")
      .notNull()
      .defaultNow()
      .$onUpdate(() => new Date()),
    version: rowVersion(),
  },
  (t) => [
    index("tasks_status_id_idx").on(t.statusId),
    index("tasks_task_template_id_idx").on(t.taskTemplateId),
    index("tasks_project_id_idx").on(t.projectId),
    index("tasks_milestone_id_idx").on(t.milestoneId, t.position),
    index("tasks_entity_id_idx").on(t.entityId, t.dueDate),
    index("tasks_created_by_idx").on(t.createdBy),
    index("tasks_completed_by_idx").on(t.completedBy),
    check("tasks_kind_check", sql.raw(`kind in (${inList(TASK_KINDS)})`)),
    check("tasks_expected_minutes_check", sql`${t.expectedMinutes} > 0`),
    check("tasks_actual_minutes_check", sql`${t.actualMinutes} is null or ${t.actualMinutes} >= 0`),
  ],
);

export const ASSIGNEE_ROLES = ["owner", "helper", "reviewer"] as const;
export type AssigneeRole = (typeof ASSIGNEE_ROLES)[number];

export const taskAssignee = pgTable(
  "task_assignee",
  {
    taskId: integer("task_id")
      .notNull()
      .references(() => tasks.id, { onDelete: "cascade" }),
    assigneeId: integer("assignee_id")
      .notNull()
      .references(() => users.id),
    role: varchar("role", { length: 16 }).$type<AssigneeRole>().notNull().default("owner"),
    createdAt: createdAt(),
  },
  (t) => [
    primaryKey({ name: "task_assignee_pkey", columns: [t.taskId, t.assigneeId] }),
    // "My tasks" reads by assignee; the role is included so help counts need no heap lookup.
    index("task_assignee_assignee_id_idx").on(t.assigneeId, t.role),
    check("task_assignee_role_check", sql.raw(`role in (${inList(ASSIGNEE_ROLES)})`)),
  ],
);

export const tasksParentTask = pgTable(
  "tasks_parent_task",
  {
    taskId: integer("task_id")
      .notNull()
      .references(() => tasks.id, { onDelete: "cascade" }),
    parentTaskId: integer("parent_task_id")
      .notNull()
      .references(() => tasks.id, { onDelete: "cascade" }),
  },
  (t) => [
    primaryKey({ name: "tasks_parent_task_pkey", columns: [t.taskId, t.parentTaskId] }),
    index("tasks_parent_task_parent_task_id_idx").on(t.parentTaskId),
    check("tasks_parent_task_not_self", sql`${t.taskId} <> ${t.parentTaskId}`),
  ],
);

/** The step tracking log (seed 3.3): one row per step of a task, in template order, with its timestamps. */
export const taskSteps = pgTable(
  "task_steps",
  {
    id: serial("id").primaryKey(),
    taskId: integer("task_id")
      .notNull()
      .references(() => tasks.id, { onDelete: "cascade" }),
    stepTemplateId: integer("step_template_id").references(() => stepTemplates.id),
    position: integer("position").notNull(),
    name: varchar("name", { length: 100 }).notNull(),
    kind: varchar("kind", { length: 16 }).$type<(typeof STEP_KIND_VALUES)[number]>().notNull(),
    statusId: integer("status_id").references(() => statuses.id),
    startedAt: tstz("started_at"),
    completedAt: tstz("completed_at"),
    completedBy: integer("completed_by").references(() => users.id),
    createdAt: createdAt(),
    updatedAt: tstz("updated_at")
      .notNull()
      .defaultNow()
      .$onUpdate(() => new Date()),
    version: rowVersion(),
  },
  (t) => [
    unique("task_steps_task_position_key").on(t.taskId, t.position),
    index("task_steps_step_template_id_idx").on(t.stepTemplateId),
    index("task_steps_status_id_idx").on(t.statusId),
    index("task_steps_completed_by_idx").on(t.completedBy),
    check("task_steps_kind_check", sql.raw(`kind in (${inList(STEP_KIND_VALUES)})`)),
  ],
);

export type Task = typeof tasks.$inferSelect;
export type NewTask = typeof tasks.$inferInsert;
export type TaskAssignee = typeof taskAssignee.$inferSelect;
export type NewTaskAssignee = typeof taskAssignee.$inferInsert;
export type TaskParentTask = typeof tasksParentTask.$inferSelect;
export type NewTaskParentTask = typeof tasksParentTask.$inferInsert;
export type TaskStep = typeof taskSteps.$inferSelect;
export type NewTaskStep = typeof taskSteps.$inferInsert;
