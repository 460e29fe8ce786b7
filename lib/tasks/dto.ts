// How tasks leave the API: snake_case DTOs with the status code and the assignees beside the ids,
// built for a whole page at once (one query per related table, never one per task).
import "server-only";
import { asc, sql } from "drizzle-orm";
import type { DbOrTx } from "../../db/client";
import { prepared } from "../../db/prepared";
import { type AssigneeRole, type Task, taskAssignee } from "../../db/schema";
import { userNameOf } from "../entities/user-name";
import { statusById } from "../statuses/service";

export type TaskAssigneeDto = { user_id: number; name: string; role: AssigneeRole };

export type TaskDto = {
  id: number;
  name: string;
  description: string | null;
  status_id: number | null;
  status: string | null;
  kind: Task["kind"];
  task_template_id: number | null;
  project_id: number | null;
  milestone_id: number | null;
  entity_id: number | null;
  position: number;
  expected_minutes: number;
  actual_minutes: number | null;
  due_date: string | null;
  /** Past its due date and not in a final state. */
  overdue: boolean;
  created_at: string;
  created_by: number | null;
  started_at: string | null;
  completed_at: string | null;
  completed_by: number | null;
  version: number;
  assignees: TaskAssigneeDto[];
};

const ROLE_ORDER: Record<AssigneeRole, number> = { owner: 0, helper: 1, reviewer: 2 };

/** Assignees of each task, owner first; names by primary key (lib/entities/user-name.ts). */
export async function assigneesOf(db: DbOrTx, taskIds: number[]): Promise<Map<number, TaskAssigneeDto[]>> {
  const byTask = new Map<number, TaskAssigneeDto[]>();
  if (!taskIds.length) return byTask;
  // Run for every task list and task read: prepared (db/prepared.ts).
  const rows = await prepared(db, "task_assignees", (on) =>
    on
      .select({ taskId: taskAssignee.taskId, userId: taskAssignee.assigneeId, name: userNameOf(taskAssignee.assigneeId), role: taskAssignee.role })
      .from(taskAssignee)
      .where(sql`${taskAssignee.taskId} = any(${sql.placeholder("ids")})`)
      .orderBy(asc(taskAssignee.taskId), asc(taskAssignee.assigneeId)),
  ).execute({ ids: taskIds });
  for (const row of rows) {
    const list = byTask.get(row.taskId) ?? [];
    list.push({ user_id: row.userId, name: row.name, role: row.role });
    byTask.set(row.taskId, list);
  }
  for (const list of byTask.values()) list.sort((a, b) => ROLE_ORDER[a.role] - ROLE_ORDER[b.role] || a.user_id - b.user_id);
  return byTask;
}

/** The DTOs of the tasks, in the order given. */
export async function toTaskDtos(db: DbOrTx, rows: Task[], now = new Date()): Promise<TaskDto[]> {
  const assignees = await assigneesOf(db, rows.map((r) => r.id));
  return Promise.all(
    rows.map(async (task) => {
      const status = task.statusId === null ? undefined : await statusById(db, task.statusId);
      return {
        id: task.id,
        name: task.name,
        description: task.description,
        status_id: task.statusId,
        status: status?.code ?? null,
        kind: task.kind,
        task_template_id: task.taskTemplateId,
        project_id: task.projectId,
        milestone_id: task.milestoneId,
        entity_id: task.entityId,
        position: task.position,
        expected_minutes: task.expectedMinutes,
        actual_minutes: task.actualMinutes,
        due_date: iso(task.dueDate),
        overdue: task.dueDate !== null && task.dueDate < now && status?.isFinal !== true,
        created_at: task.createdAt.toISOString(),
        created_by: task.createdBy,
        started_at: iso(task.startedAt),
        completed_at: iso(task.completedAt),
        completed_by: task.completedBy,
        version: task.version,
        assignees: assignees.get(task.id) ?? [],
      };
    }),
  );
}

export const iso = (d: Date | null) => (d === null ? null : d.toISOString());
