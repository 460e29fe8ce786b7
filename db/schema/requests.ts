// Task requests: anyone asks for a task (e.g. help); with approval_required a manager decides.
import { boolean, index, integer, pgTable, primaryKey, serial, timestamp, varchar } from "drizzle-orm/pg-core";
import { createdAt, rowVersion, tstz } from "./columns";
import { entities, users } from "./entities";
import { projects } from "./projects";
import { statuses } from "./statuses";
import { tasks } from "./tasks";
import { taskTemplates } from "./templates";

export const taskRequest = pgTable(
  "task_request",
  {
    id: serial("id").primaryKey(),
    statusId: integer("status_id").references(() => statuses.id),
    approvalRequired: boolean("approval_required").notNull(),
    createdAt: timestamp("created_at", { withTimezone: true, mode: "date" }).notNull().defaultNow(),
    createdBy: integer("created_by").references(() => users.id),
    title: varchar("title", { length: 100 }).notNull(),
    description: varchar("description", { length: 500 }),
    taskTemplateId: integer("task_template_id").references(() => taskTemplates.id),
    entityId: integer("entity_id").references(() => entities.id),
    projectId: integer("project_id").references(() => projects.id, { onDelete: "set null" }),
    /** The task this request asks help for, if any. */
    relatedTaskId: integer("related_task_id").references(() => tasks.id, { onDelete: "set null" }),
    dueDate: tstz("due_date"),
    decidedBy: integer("decided_by").references(() => users.id),
    decidedAt: tstz("decided_at"),
    decisionNote: varchar("decision_note", { length: 500 }),
    /** The task created on approval (or at once without approval). */
    createdTaskId: integer("created_task_id").references(() => tasks.id, { onDelete: "set null" }),
    updatedAt: tstz("updated_at")
      .notNull()
      .defaultNow()
      .$onUpdate(() => new Date()),
    version: rowVersion(),
  },
  (t) => [
    index("task_request_status_id_idx").on(t.statusId),
    index("task_request_created_by_idx").on(t.createdBy),
    index("task_request_task_template_id_idx").on(t.taskTemplateId),
    index("task_request_entity_id_idx").on(t.entityId),
    index("task_request_project_id_idx").on(t.projectId),
    index("task_request_related_task_id_idx").on(t.relatedTaskId),
    index("task_request_decided_by_idx").on(t.decidedBy),
    index("task_request_created_task_id_idx").on(t.createdTaskId),
  ],
);

export const taskRequestAssignee = pgTable(
  "task_request_assignee",
  {
    taskRequestId: integer("task_request_id")
      .notNull()
      .references(() => taskRequest.id, { onDelete: "cascade" }),
    assigneeId: integer("assignee_id")
      .notNull()
      .references(() => users.id),
    createdAt: createdAt(),
  },
  (t) => [
    primaryKey({ name: "task_request_assignee_pkey", columns: [t.taskRequestId, t.assigneeId] }),
    index("task_request_assignee_assignee_id_idx").on(t.assigneeId),
  ],
);

export type TaskRequest = typeof taskRequest.$inferSelect;
export type NewTaskRequest = typeof taskRequest.$inferInsert;
export type TaskRequestAssignee = typeof taskRequestAssignee.$inferSelect;
export type NewTaskRequestAssignee = typeof taskRequestAssignee.$inferInsert;
