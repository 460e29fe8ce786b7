// POST /api/tasks/assign: a published task template and its child templates become tasks for one
// or more users — parents before children, linked in tasks_parent_task, owner + reviewer assigned,
// due dates from expected durations, each with its step log and checklists — in one audited
// transaction with one event per user.
import "server-only";
import { and, eq, inArray } from "drizzle-orm";
import { alias } from "drizzle-orm/pg-core";
import type { Db, DbOrTx, Tx } from "../../db/client";
import { entities, type NewTaskAssignee, type NewTaskParentTask, projects, taskAssignee, tasks, tasksParentTask, users } from "../../db/schema";
import { ApiError, conflict, notFound } from "../api/errors";
import { authorize } from "../api/handler";
import { withAudit } from "../audit/context";
import { auditContextOf, type Principal } from "../auth/principal";
import { visibleUsers } from "../auth/scope";
import { createSteps, loadInitialStatuses } from "../programs/instantiate";
import { loadTaskTemplateSteps } from "../programs/program-template";
import { visibleProjects } from "../projects/scope";
import { emitEvents } from "../realtime/outbox";
import { recordTasksCreated } from "../scores/rollup";
import { statusById } from "../statuses/service";
import { defaultDueDates, dueDateFrom } from "./due-dates";
import { type TaskDto, toTaskDtos } from "./dto";
import { type FamilyTemplate, loadTemplateFamily } from "./template-family";

export type AssignTasksParams = { templateId: number; userIds?: number[]; dueDate?: string; projectId?: number };

type Assignee = { id: number; entityId: number; timeZone: string; reviewerId: number | null };

export async function assignTasks(db: Db, principal: Principal, params: AssignTasksParams): Promise<{ tasks: TaskDto[] }> {
  authorize(principal, "tasks:assign");
  const userIds = [...new Set(params.userIds ?? [principal.userId])];
  if (params.projectId !== undefined && userIds.length !== 1) {
    throw invalid("project_id", "A project belongs to one onboardee; assign to that one user when you name project_id.");
  }
  return withAudit(db, auditContextOf(principal), async (tx) => {
    const family = await loadTemplateFamily(tx, principal, params.templateId);
    const assignees = await loadAssignees(tx, principal, userIds);
    const project = params.projectId === undefined ? null : await loadProject(tx, principal, params.projectId, userIds[0]);
    const status = await loadInitialStatuses(tx);
    const steps = await loadTaskTemplateSteps(tx, family.map((t) => t.id));
    const now = new Date();

    const created: number[] = [];
    for (const user of assignees) {
      const due = dueDatesFor(family, user, params.dueDate, now);
      const ids = await createFamily(tx, { family, user, due, statusId: status.task, createdBy: principal.userId, project });
      // The same step log and checklists a program's tasks get, with the user owning the items.
      await createSteps(tx, { tasks: family.map((t, i) => ({ taskId: ids[i] ?? 0, steps: steps.get(t.id) ?? [] })), onboardeeId: user.id, status });
      created.push(...ids);
      await emitEvents(tx, [
        {
          type: "task.assigned",
          entityId: project?.entityId ?? user.entityId,
          userId: user.id,
          projectId: project?.id ?? null,
          actorId: principal.userId,
          payload: { template_id: params.templateId, task_ids: ids, root_task_id: ids[0] },
        },
      ]);
    }
    await recordTasksCreated(tx, created);
    const rows = await tx.select().from(tasks).where(inArray(tasks.id, created));
    const order = new Map(created.map((id, i) => [id, i]));
    rows.sort((a, b) => (order.get(a.id) ?? 0) - (order.get(b.id) ?? 0));
    return { tasks: await toTaskDtos(tx, rows, now) };
  });
}

function dueDatesFor(family: FamilyTemplate[], user: Assignee, dueDate: string | undefined, now: Date): Map<number, Date> {
  if (dueDate === undefined) return defaultDueDates(family, user.timeZone, now);
  const due = dueDateFrom(dueDate, user.timeZone);
  if (due <= now) throw invalid("due_date", "The due date has already passed; choose a later one.");
  return new Map(family.map((t) => [t.id, due]));
}

type ProjectRef = { id: number; entityId: number | null };

/** Inserts one user's tasks (positions follow the family order) with their hierarchy and assignees. */
async function createFamily(
  tx: Tx,
  input: { family: FamilyTemplate[]; user: Assignee; due: Map<number, Date>; statusId: number; createdBy: number; project: ProjectRef | null },
): Promise<number[]> {
  const { family, user } = input;
  const inserted = await tx
    .insert(tasks)
    .values(
      family.map((t, i) => ({
        name: t.name,
        description: t.description,
        statusId: input.statusId,
        taskTemplateId: t.id,
        dueDate: input.due.get(t.id) ?? null,
        projectId: input.project?.id ?? null,
        entityId: input.project?.entityId ?? user.entityId,
        kind: t.kind,
        position: i + 1,
        expectedMinutes: t.expectedMinutes,
        createdBy: input.createdBy,
      })),
    )
    .returning({ id: tasks.id, position: tasks.position });
  // Matched back by position, which is unique within this insert, rather than by RETURNING order.
  const idByPosition = new Map(inserted.map((r) => [r.position, r.id]));
  const taskIdOf = new Map(family.map((t, i) => [t.id, idByPosition.get(i + 1) ?? 0]));
  const idOf = (templateId: number) => {
    const id = taskIdOf.get(templateId);
    if (!id) throw new Error(`assignTasks lost track of the task of template ${templateId}`);
    return id;
  };

  const links: NewTaskParentTask[] = family.flatMap((t) => t.parentIds.map((p) => ({ taskId: idOf(t.id), parentTaskId: idOf(p) })));
  if (links.length) await tx.insert(tasksParentTask).values(links);
  const people: NewTaskAssignee[] = family.flatMap((t) => [
    { taskId: idOf(t.id), assigneeId: user.id, role: "owner" as const },
    ...(user.reviewerId === null ? [] : [{ taskId: idOf(t.id), assigneeId: user.reviewerId, role: "reviewer" as const }]),
  ]);
  await tx.insert(taskAssignee).values(people);
  return family.map((t) => idOf(t.id));
}

/** The users, in the order asked, each visible to the principal (404 otherwise) and active. */
async function loadAssignees(db: DbOrTx, principal: Principal, userIds: number[]): Promise<Assignee[]> {
  const manager = alias(users, "manager");
  const rows = await db
    .select({
      id: users.id,
      isActive: users.isActive,
      entityId: users.entityId,
      timeZone: users.timeZone,
      entityTimeZone: entities.timeZone,
      managerId: manager.id,
      managerActive: manager.isActive,
    })
    .from(users)
    .innerJoin(entities, eq(entities.id, users.entityId))
    .leftJoin(manager, eq(manager.id, users.managerId))
    .where(and(inArray(users.id, userIds), visibleUsers(principal)));
  return userIds.map((id) => {
    const row = rows.find((r) => r.id === id);
    if (!row) throw notFound(`user ${id}`);
    if (!row.isActive) throw invalid("user_ids", `User ${id} is deactivated; tasks cannot be assigned to them.`);
    // A departed manager cannot review; the task is still created and a reviewer can be added later.
    const reviewerId = row.managerId !== null && row.managerActive === true && row.managerId !== row.id ? row.managerId : null;
    return { id: row.id, entityId: row.entityId, timeZone: row.timeZone ?? row.entityTimeZone, reviewerId };
  });
}

/** The named project: visible to the principal (404), the user's own (422) and still running (409). */
async function loadProject(db: DbOrTx, principal: Principal, projectId: number, userId: number | undefined): Promise<ProjectRef> {
  const [row] = await db
    .select({ id: projects.id, entityId: projects.entityId, onboardeeId: projects.onboardeeId, statusId: projects.statusId })
    .from(projects)
    .where(and(eq(projects.id, projectId), visibleProjects(principal)))
    .limit(1);
  if (!row) throw notFound("project");
  if (row.onboardeeId !== userId) throw invalid("project_id", `Project ${projectId} is another user's onboarding; name that user or leave project_id out.`);
  const status = row.statusId === null ? undefined : await statusById(db, row.statusId);
  if (status?.isFinal) throw conflict(`Project ${projectId} is ${status.code}; no tasks can be added to it.`);
  return { id: row.id, entityId: row.entityId };
}

function invalid(path: string, message: string): ApiError {
  return new ApiError("validation_failed", message, { issues: [{ path, message }] });
}
