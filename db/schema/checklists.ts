// Checklists built from checklist steps, and their items.
import { sql } from "drizzle-orm";
import { boolean, check, index, integer, pgTable, serial, unique, varchar } from "drizzle-orm/pg-core";
import { inList, rowVersion, timestamps, tstz } from "./columns";
import { users } from "./entities";
import { statuses } from "./statuses";
import { taskSteps, tasks } from "./tasks";

export const CHECKLIST_MODES = ["sequential", "parallel"] as const;
export type ChecklistMode = (typeof CHECKLIST_MODES)[number];

export const checklists = pgTable(
  "checklists",
  {
    id: serial("id").primaryKey(),
    statusId: integer("status_id").references(() => statuses.id),
    isCompleted: boolean("is_completed").notNull(),
    taskId: integer("task_id").references(() => tasks.id, { onDelete: "cascade" }),
    taskStepId: integer("task_step_id").references(() => taskSteps.id, { onDelete: "cascade" }),
    name: varchar("name", { length: 100 }).notNull(),
    mode: varchar("mode", { length: 16 }).$type<ChecklistMode>().notNull().default("parallel"),
    completedAt: tstz("completed_at"),
    completedBy: integer("completed_by").references(() => users.id),
    ...timestamps(),
    version: rowVersion(),
  },
  (t) => [
    index("checklists_status_id_idx").on(t.statusId),
    index("checklists_task_id_idx").on(t.taskId),
    index("checklists_task_step_id_idx").on(t.taskStepId),
    index("checklists_completed_by_idx").on(t.completedBy),
    check("checklists_mode_check", sql.raw(`mode in (${inList(CHECKLIST_MODES)})`)),
  ],
);

export const checklistItems = pgTable(
  "checklist_items",
  {
    id: serial("id").primaryKey(),
    checklistId: integer("checklist_id")
      .notNull()
      .references(() => checklists.id, { onDelete: "cascade" }),
    assigneeId: integer("assignee_id").references(() => users.id),
    statusId: integer("status_id").references(() => statuses.id),
    title: varchar("title", { length: 200 }).notNull(),
    position: integer("position").notNull(),
    requiresValidation: boolean("requires_validation").notNull().default(false),
    completedBy: integer("completed_by").references(() => users.id),
    completedAt: tstz("completed_at"),
    validatedBy: integer("validated_by").references(() => users.id),
    validatedAt: tstz("validated_at"),
    ...timestamps(),
    version: rowVersion(),
  },
  (t) => [
    unique("checklist_items_checklist_position_key").on(t.checklistId, t.position),
    index("checklist_items_assignee_id_idx").on(t.assigneeId),
    index("checklist_items_status_id_idx").on(t.statusId),
    index("checklist_items_completed_by_idx").on(t.completedBy),
    index("checklist_items_validated_by_idx").on(t.validatedBy),
  ],
);

export type Checklist = typeof checklists.$inferSelect;
export type NewChecklist = typeof checklists.$inferInsert;
export type ChecklistItem = typeof checklistItems.$inferSelect;
export type NewChecklistItem = typeof checklistItems.$inferInsert;
