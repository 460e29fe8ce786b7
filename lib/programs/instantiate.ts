// Turns a published program into one onboardee's project: milestones on working-day dates, tasks
// (parents first), their step log, checklists and assignees. Bulk inserts, one per table, because
// starting an onboarding must stay fast however large the program. Authorization, audit and
// events belong to the service that calls this inside its transaction.
// No `import "server-only"`: the seed CLI (db/seed/demo.ts) runs outside Next.js and imports this.
import { and, eq, or } from "drizzle-orm";
import { alias } from "drizzle-orm/pg-core";
import { insertRows } from "../../db/bulk-insert";
import type { DbOrTx } from "../../db/client";
import {
  checklistItems,
  checklists,
  entities,
  guideables,
  milestones,
  type NewChecklist,
  type NewChecklistItem,
  type NewGuideable,
  type NewTaskAssignee,
  type NewTaskParentTask,
  type NewTaskStep,
  projects,
  type StatusDomain,
  statuses,
  taskAssignee,
  tasks,
  tasksParentTask,
  taskSteps,
  users,
} from "../../db/schema";
import { recordTasksCreated } from "../scores/rollup";
import { ProgramInstantiationError } from "./errors";
import { type ChecklistDefinition, loadProgramTemplate, type TemplateStep } from "./program-template";
import { addWorkingDays, endOfDayInZone, endOfWorkingSpan, nextWorkingDay } from "./working-days";

export { ProgramInstantiationError, type ProgramInstantiationErrorCode } from "./errors";

export type InstantiateProgramParams = {
  projectTemplateId: number;
  onboardeeId: number;
  createdBy: number | null;
  /** First day of the program, 'YYYY-MM-DD'; a weekend start moves to the Monday after. */
  startDate: string;
};

export type InstantiatedProgram = {
  projectId: number;
  /** In milestone position order. */
  milestoneIds: number[];
  /** In creation order: every parent before its children. */
  taskIds: number[];
};

type Onboardee = { id: number; entityId: number; timeZone: string; reviewerId: number | null };

/** Must run inside the caller's transaction: a half-created project must never be visible. */
export async function instantiateProgram(tx: DbOrTx, params: InstantiateProgramParams): Promise<InstantiatedProgram> {
  const program = await loadProgramTemplate(tx, params.projectTemplateId);
  const onboardee = await loadOnboardee(tx, params.onboardeeId);
  const status = await loadInitialStatuses(tx);

  const start = nextWorkingDay(params.startDate);
  const schedule = program.milestones.map((m) => {
    const startDate = addWorkingDays(start, m.startOffsetDays);
    return { ...m, startDate, endDate: endOfWorkingSpan(startDate, m.durationDays) };
  });
  // A milestone scheduled past the program's nominal length moves the due date, never the reverse.
  const dueDate = schedule.reduce((due, m) => (m.endDate > due ? m.endDate : due), endOfWorkingSpan(start, program.durationDays));

  const [project] = await tx
    .insert(projects)
    .values({
      name: program.name,
      description: program.description,
      statusId: status.project,
      entityId: onboardee.entityId,
      createdBy: params.createdBy,
      projectTemplateId: program.id,
      onboardeeId: onboardee.id,
      startDate: start,
      dueDate,
    })
    .returning({ id: projects.id });
  if (!project) throw new Error("inserting the project returned no row");

  const milestoneRows = await insertRows(
    tx,
    milestones,
    schedule.map((m) => ({
            name: m.name,
            description: m.description ?? "",
            projectId: project.id,
            milestoneTemplateId: m.milestoneTemplateId,
            startDate: m.startDate,
            endDate: m.endDate,
            expectedHours: m.expectedHours,
      statusId: status.milestone,
      position: m.position,
    })),
    { id: milestones.id, position: milestones.position },
  );
  const milestoneIdByPosition = new Map(milestoneRows.map((m) => [m.position, m.id]));
  const endDateByPosition = new Map(schedule.map((m) => [m.position, m.endDate]));
  const milestoneIdOf = (position: number) => required(milestoneIdByPosition.get(position), `milestone at position ${position}`);

  const taskRows = await insertRows(
    tx,
    tasks,
    program.tasks.map((t) => ({
            name: t.name,
            description: t.description,
            statusId: status.task,
            taskTemplateId: t.taskTemplateId,
            dueDate: endOfDayInZone(required(endDateByPosition.get(t.milestonePosition), "milestone end date"), onboardee.timeZone),
            projectId: project.id,
            milestoneId: milestoneIdOf(t.milestonePosition),
            entityId: onboardee.entityId,
            kind: t.kind,
            position: t.position,
      expectedMinutes: t.expectedMinutes,
      createdBy: params.createdBy,
    })),
    { id: tasks.id, milestoneId: tasks.milestoneId, position: tasks.position },
  );
  // Rows are matched back by (milestone, position), which is unique, rather than by RETURNING order.
  const taskIdBySlot = new Map(taskRows.map((r) => [`${r.milestoneId ?? 0}:${r.position}`, r.id]));
  const taskIdByKey = new Map(
    program.tasks.map((t) => [t.key, required(taskIdBySlot.get(`${milestoneIdOf(t.milestonePosition)}:${t.position}`), "task id")]),
  );
  const taskIdOf = (key: number) => required(taskIdByKey.get(key), `task ${key}`);

  const parentRows: NewTaskParentTask[] = program.tasks.flatMap((t) =>
    t.parentKeys.map((parentKey) => ({ taskId: taskIdOf(t.key), parentTaskId: taskIdOf(parentKey) })),
  );
  await insertRows(tx, tasksParentTask, parentRows);

  const assigneeRows: NewTaskAssignee[] = program.tasks.flatMap((t) => [
    { taskId: taskIdOf(t.key), assigneeId: onboardee.id, role: "owner" as const },
    ...(onboardee.reviewerId === null ? [] : [{ taskId: taskIdOf(t.key), assigneeId: onboardee.reviewerId, role: "reviewer" as const }]),
  ]);
  await insertRows(tx, taskAssignee, assigneeRows);

  await createSteps(tx, {
    tasks: program.tasks.map((t) => ({ taskId: taskIdOf(t.key), steps: program.stepsByTaskTemplate.get(t.taskTemplateId) ?? [] })),
    onboardeeId: onboardee.id,
    status,
  });
  await recordTasksCreated(tx, taskRows.map((t) => t.id));

  return {
    projectId: project.id,
    milestoneIds: milestoneRows.sort((a, b) => a.position - b.position).map((m) => m.id),
    taskIds: program.tasks.map((t) => taskIdOf(t.key)),
  };
}

export type InitialStatuses = Record<Exclude<StatusDomain, "task_request">, number>;

/**
 * The step log, then one checklist per checklist step with its items (assigned to `onboardeeId`)
 * and their guide links. Also used by task assignment (lib/tasks/assign.ts) for tasks outside programs.
 */
export async function createSteps(
  tx: DbOrTx,
  input: { tasks: { taskId: number; steps: TemplateStep[] }[]; onboardeeId: number; status: InitialStatuses },
): Promise<void> {
  const stepRows: NewTaskStep[] = input.tasks.flatMap(({ taskId, steps }) =>
    steps.map((s, i) => ({ taskId, stepTemplateId: s.stepTemplateId, position: i + 1, name: s.name, kind: s.kind, statusId: input.status.task_step })),
  );
  if (!stepRows.length) return;
  const inserted = await insertRows(tx, taskSteps, stepRows, { id: taskSteps.id, taskId: taskSteps.taskId, position: taskSteps.position });
  const stepIdBySlot = new Map(inserted.map((r) => [`${r.taskId}:${r.position}`, r.id]));

  const wanted: { taskStepId: number; definition: ChecklistDefinition }[] = [];
  const checklistRows: NewChecklist[] = [];
  for (const { taskId, steps } of input.tasks) {
    steps.forEach((s, i) => {
      if (!s.checklist) return;
      const taskStepId = required(stepIdBySlot.get(`${taskId}:${i + 1}`), "task step id");
      wanted.push({ taskStepId, definition: s.checklist });
      checklistRows.push({ taskId, taskStepId, name: s.name, mode: s.checklist.mode, isCompleted: false, statusId: input.status.checklist });
    });
  }
  if (!checklistRows.length) return;
  const created = await insertRows(tx, checklists, checklistRows, { id: checklists.id, taskStepId: checklists.taskStepId });
  const checklistIdByStep = new Map(created.map((c) => [c.taskStepId, c.id]));

  const itemRows: NewChecklistItem[] = [];
  const guideOf = new Map<string, number>();
  for (const { taskStepId, definition } of wanted) {
    const checklistId = required(checklistIdByStep.get(taskStepId), "checklist id");
    definition.items.forEach((item, i) => {
      itemRows.push({
        checklistId,
        assigneeId: input.onboardeeId,
        statusId: input.status.checklist_item,
        title: item.title,
        position: i + 1,
        requiresValidation: item.requires_validation,
      });
      if (item.guide_id !== undefined) guideOf.set(`${checklistId}:${i + 1}`, item.guide_id);
    });
  }
  const items = await insertRows(tx, checklistItems, itemRows, { id: checklistItems.id, checklistId: checklistItems.checklistId, position: checklistItems.position });

  const links: NewGuideable[] = items.flatMap((item) => {
    const guideId = guideOf.get(`${item.checklistId}:${item.position}`);
    return guideId === undefined ? [] : [{ guideId, guideableId: item.id, guideableType: "checklist_item" as const }];
  });
  await insertRows(tx, guideables, links);
}

async function loadOnboardee(tx: DbOrTx, userId: number): Promise<Onboardee> {
  const manager = alias(users, "manager");
  const [row] = await tx
    .select({
      id: users.id,
      isActive: users.isActive,
      entityId: users.entityId,
      userTimeZone: users.timeZone,
      entityTimeZone: entities.timeZone,
      managerId: manager.id,
      managerActive: manager.isActive,
    })
    .from(users)
    .innerJoin(entities, eq(entities.id, users.entityId))
    .leftJoin(manager, eq(manager.id, users.managerId))
    .where(eq(users.id, userId));
  if (!row) throw new ProgramInstantiationError("onboardee_not_found", `user ${userId} does not exist`);
  if (!row.isActive) throw new ProgramInstantiationError("onboardee_inactive", `user ${userId} is deactivated`);
  // A departed manager cannot review; the task is still created, the reviewer is added later.
  const reviewerId = row.managerId !== null && row.managerActive === true && row.managerId !== row.id ? row.managerId : null;
  return { id: row.id, entityId: row.entityId, timeZone: row.userTimeZone ?? row.entityTimeZone, reviewerId };
}

const INITIAL_CODES: Record<keyof InitialStatuses, string> = {
  project: "planned",
  milestone: "todo",
  task: "todo",
  task_step: "todo",
  checklist: "todo",
  checklist_item: "todo",
};

export async function loadInitialStatuses(tx: DbOrTx): Promise<InitialStatuses> {
  const wanted = Object.entries(INITIAL_CODES) as [keyof InitialStatuses, string][];
  const rows = await tx
    .select({ id: statuses.id, domain: statuses.domain, code: statuses.code })
    .from(statuses)
    .where(or(...wanted.map(([domain, code]) => and(eq(statuses.domain, domain), eq(statuses.code, code)))));
  const idOf = (domain: keyof InitialStatuses) => {
    const row = rows.find((r) => r.domain === domain && r.code === INITIAL_CODES[domain]);
    // Reference data is applied at every start-up; its absence is a broken installation, not bad input.
    if (!row) throw new Error(`status ${domain}/${INITIAL_CODES[domain]} is missing; run the reference data setup`);
    return row.id;
  };
  return {
    project: idOf("project"),
    milestone: idOf("milestone"),
    task: idOf("task"),
    task_step: idOf("task_step"),
    checklist: idOf("checklist"),
    checklist_item: idOf("checklist_item"),
  };
}

function required<T>(value: T | undefined, what: string): T {
  if (value === undefined) throw new Error(`instantiateProgram lost track of ${what}`);
  return value;
}
