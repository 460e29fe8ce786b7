// Execution of a program: a project per onboardee and its milestones.
import { sql } from "drizzle-orm";
import { bigint, check, date, index, integer, numeric, pgTable, serial, varchar } from "drizzle-orm/pg-core";
import { rowVersion, tstz } from "./columns";
import { entities, users } from "./entities";
import { statuses } from "./statuses";
import { milestoneTemplates, projectTemplates } from "./templates";

export const projects = pgTable(
  "projects",
  {
    id: serial("id").primaryKey(),
    name: varchar("name", { length: 100 }).notNull(),
    description: varchar("description", { length: 500 }),
    statusId: integer("status_id").references(() => statuses.id),
    entityId: integer("entity_id").references(() => entities.id),
    createdAt: tstz("created_at").notNull().defaultNow(),
    createdBy: integer("created_by").references(() => users.id),
    projectTemplateId: integer("project_template_id").references(() => projectTemplates.id),
    onboardeeId: integer("onboardee_id").references(() => users.id),
    startDate: date("start_date", { mode: "string" }),
    dueDate: date("due_date", { mode: "string" }),
    startedAt: tstz("started_at"),
    completedAt: tstz("completed_at"),
    updatedAt: tstz("updated_at")
      .notNull()
      .defaultNow()
      .$onUpdate(() => new Date()),
    version: rowVersion(),
  },
  (t) => [
    index("projects_status_id_idx").on(t.statusId),
    index("projects_entity_id_idx").on(t.entityId),
    index("projects_created_by_idx").on(t.createdBy),
    index("projects_project_template_id_idx").on(t.projectTemplateId),
    index("projects_onboardee_id_idx").on(t.onboardeeId),
    check("projects_dates_check", sql`${t.dueDate} is null or ${t.startDate} is null or ${t.dueDate} >= ${t.startDate}`),
  ],
);

export const milestones = pgTable(
  "milestones",
  {
    id: serial("id").primaryKey(),
    name: varchar("name", { length: 100 }).notNull(),
    description: varchar("description", { length: 500 }).notNull(),
    projectId: integer("project_id").references(() => projects.id, { onDelete: "cascade" }),
    milestoneTemplateId: bigint("milestone_template_id", { mode: "number" }).references(() => milestoneTemplates.id),
    startDate: date("start_date", { mode: "string" }),
    endDate: date("end_date", { mode: "string" }),
    /** Expected effort in hours; the seed's TIME cannot hold more than 24 h (docs/schema.md). */
    expectedHours: numeric("expected_hours", { precision: 7, scale: 2, mode: "number" }).notNull(),
    statusId: integer("status_id").references(() => statuses.id),
    position: integer("position").notNull().default(0),
    startedAt: tstz("started_at"),
    completedAt: tstz("completed_at"),
    createdAt: tstz("created_at").notNull().defaultNow(),
    updatedAt: tstz("updated_at")
      .notNull()
      .defaultNow()
      .$onUpdate(() => new Date()),
    version: rowVersion(),
  },
  (t) => [
    index("milestones_project_id_idx").on(t.projectId, t.position),
    index("milestones_milestone_template_id_idx").on(t.milestoneTemplateId),
    index("milestones_status_id_idx").on(t.statusId),
    check("milestones_dates_check", sql`${t.endDate} is null or ${t.startDate} is null or ${t.endDate} >= ${t.startDate}`),
    check("milestones_expected_hours_check", sql`${t.expectedHours} >= 0`),
  ],
);

export type Project = typeof projects.$inferSelect;
export type NewProject = typeof projects.$inferInsert;
export type Milestone = typeof milestones.$inferSelect;
export type NewMilestone = typeof milestones.$inferInsert;
