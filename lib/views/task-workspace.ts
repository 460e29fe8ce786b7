// Everything the task page shows, read through the services that own each part: the task with its
// steps and checklists (lib/tasks), each checklist's locks and validation state (lib/checklists),
// the guides of the task, its steps and its checklist items in the reader's language
// (lib/guides), and where the task sits (lib/projects). A part out of the principal's reach is
// left out, never shown: the task itself answers 404.
import "server-only";
import type { DbOrTx } from "../../db/client";
import { ApiError } from "../api/errors";
import type { Principal } from "../auth/principal";
import type { ChecklistDto } from "../checklists/dto";
import { getChecklist } from "../checklists/service";
import type { GuideDto } from "../guides/dto";
import { guidesForTarget } from "../guides/links";
import { getGuide } from "../guides/service";
import { getMilestone, getProject } from "../projects/service";
import { listStatuses } from "../statuses/service";
import { getTask, type TaskDetailDto } from "../tasks/queries";
import { type StepContent, taskStepContents } from "./task-steps";

export type StatusOption = { id: number; code: string };

export type TaskWorkspace = {
  task: TaskDetailDto;
  checklists: ChecklistDto[];
  steps: Record<number, StepContent>;
  guides: GuideDto[];
  project: { id: number; name: string } | null;
  milestone: { id: number; name: string } | null;
  /** The task statuses, in display order, for status moves. */
  taskStatuses: StatusOption[];
};

/** A read that may be out of the principal's reach: absent rather than an error. */
async function visibleOrNull<T>(read: Promise<T>): Promise<T | null> {
  try {
    return await read;
  } catch (error) {
    if (error instanceof ApiError && error.status === 404) return null;
    throw error;
  }
}

/**
 * The workspace of a task, by id or around a task the caller has just read with getTask (as the
 * task page's layout does), so the task is not read twice.
 */
export async function taskWorkspace(db: DbOrTx, principal: Principal, params: { taskId: number } | { task: TaskDetailDto }): Promise<TaskWorkspace> {
  const task = "task" in params ? params.task : await getTask(db, principal, { id: params.taskId });
  const steps = await taskStepContents(db, principal, { taskId: task.id });
  const checklists: ChecklistDto[] = [];
  for (const list of task.checklists) checklists.push(await getChecklist(db, principal, { id: list.id }));

  // Guides in reading order: those of the steps, then the checklist items', then the task's own.
  const guideIds: number[] = [];
  for (const step of task.steps) {
    const content = steps[step.id];
    if (content?.kind === "instruction") guideIds.push(...content.guide_ids);
  }
  for (const list of checklists) for (const item of list.items) guideIds.push(...(item.validation?.guide_ids ?? []));
  if (task.task_template_id !== null) {
    const linked = await visibleOrNull(guidesForTarget(db, principal, { type: "task_template", id: task.task_template_id }));
    guideIds.push(...(linked?.items.map((g) => g.id) ?? []));
  }
  const guides: GuideDto[] = [];
  for (const id of new Set(guideIds)) {
    const guide = await visibleOrNull(getGuide(db, principal, { id }));
    if (guide) guides.push(guide);
  }

  const project = task.project_id === null ? null : await visibleOrNull(getProject(db, principal, { id: task.project_id }));
  const milestone = task.milestone_id === null ? null : await visibleOrNull(getMilestone(db, principal, { id: task.milestone_id }));
  const taskStatuses = (await listStatuses(db))
    .filter((s) => s.domain === "task")
    .sort((a, b) => a.position - b.position)
    .map((s) => ({ id: s.id, code: s.code }));
  return {
    task,
    checklists,
    steps,
    guides,
    project: project && { id: project.id, name: project.name },
    milestone: milestone && { id: milestone.id, name: milestone.name },
    taskStatuses,
  };
}
