// What the progress API answers about a task and its steps: snake_case, ISO instants, the version
// a client sends back (If-Match or `version`) with its next change.
import "server-only";
import type { Status, TaskStep } from "../../db/schema";
import { toStatusDto } from "../statuses/service";
import type { CascadeResult } from "./context";
import type { TaskInScope } from "./task-access";

const iso = (d: Date | null) => d?.toISOString() ?? null;

export type TaskProgressDto = {
  id: number;
  name: string;
  kind: string;
  status_id: number | null;
  status: ReturnType<typeof toStatusDto>;
  project_id: number | null;
  milestone_id: number | null;
  due_date: string | null;
  expected_minutes: number;
  actual_minutes: number | null;
  started_at: string | null;
  completed_at: string | null;
  completed_by: number | null;
  version: number;
};

export function toTaskProgressDto({ task, status }: TaskInScope): TaskProgressDto {
  return {
    id: task.id,
    name: task.name,
    kind: task.kind,
    status_id: task.statusId,
    status: toStatusDto(status),
    project_id: task.projectId,
    milestone_id: task.milestoneId,
    due_date: iso(task.dueDate),
    expected_minutes: task.expectedMinutes,
    actual_minutes: task.actualMinutes,
    started_at: iso(task.startedAt),
    completed_at: iso(task.completedAt),
    completed_by: task.completedBy,
    version: task.version,
  };
}

export type TaskStepDto = {
  id: number;
  task_id: number;
  position: number;
  name: string;
  kind: string;
  status_id: number | null;
  status: ReturnType<typeof toStatusDto> | null;
  started_at: string | null;
  completed_at: string | null;
  completed_by: number | null;
  version: number;
};

export function toTaskStepDto(step: TaskStep, status: Status | undefined): TaskStepDto {
  return {
    id: step.id,
    task_id: step.taskId,
    position: step.position,
    name: step.name,
    kind: step.kind,
    status_id: step.statusId,
    status: status ? toStatusDto(status) : null,
    started_at: iso(step.startedAt),
    completed_at: iso(step.completedAt),
    completed_by: step.completedBy,
    version: step.version,
  };
}

export type TaskProgressAnswer = { task: TaskProgressDto; cascade: CascadeResult };
