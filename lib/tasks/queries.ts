// Reading tasks: the filtered, cursor-paginated list and one task with its steps, checklists,
// assignees and hierarchy. Scope is part of every WHERE, so a task outside it is a 404.
import "server-only";
import { type SQL, and, asc, eq, gte, lte, sql } from "drizzle-orm";
import { alias } from "drizzle-orm/pg-core";
import type { DbOrTx } from "../../db/client";
import { prepared } from "../../db/prepared";
import { checklistItems, checklists, taskAssignee, tasks, tasksParentTask, taskSteps } from "../../db/schema";
import { notFound } from "../api/errors";
import { authorize } from "../api/handler";
import { afterCursor, type Page, pageLimit, toPage } from "../api/pagination";
import type { Principal } from "../auth/principal";
import { statusById } from "../statuses/service";
import { iso, type TaskDto, toTaskDtos } from "./dto";
import { assignedTo, visibleTasks } from "./scope";
import { statusFilterId } from "./status-filter";
import type { TaskListQuery } from "./validators";

export async function listTasks(db: DbOrTx, principal: Principal, query: TaskListQuery): Promise<Page<TaskDto>> {
  authorize(principal, "tasks:read");
  const limit = pageLimit(query.limit);
  // An employee's own unfiltered list, the most asked-for page of the API: a prepared statement per form.
  const rows =
    principal.role === "employee" && isUnfiltered(query)
      ? await (query.cursor === undefined ? myTasks(db) : myTasksAfter(db)).execute({ user: principal.userId, cursor: query.cursor, limit: limit + 1 })
      : await filteredTasks(db, principal, query, limit);
  const page = toPage(rows, limit, (row) => row);
  return { items: await toTaskDtos(db, page.items), next_cursor: page.next_cursor };
}

async function filteredTasks(db: DbOrTx, principal: Principal, query: TaskListQuery, limit: number) {
  const conditions: (SQL | undefined)[] = [visibleTasks(principal), afterCursor(tasks.id, query.cursor)];
  if (query.status !== undefined) conditions.push(eq(tasks.statusId, await statusFilterId(db, "task", query.status)));
  if (query.assignee_id !== undefined) {
    conditions.push(
      sql`exists (select 1 from ${taskAssignee} where ${taskAssignee.taskId} = ${tasks.id} and ${taskAssignee.assigneeId} = ${query.assignee_id})`,
    );
  }
  if (query.project_id !== undefined) conditions.push(eq(tasks.projectId, query.project_id));
  if (query.milestone_id !== undefined) conditions.push(eq(tasks.milestoneId, query.milestone_id));
  if (query.kind !== undefined) conditions.push(eq(tasks.kind, query.kind));
  // A bare date names the whole UTC day, so due_after=…-01&due_before=…-31 covers the month inclusively.
  if (query.due_after !== undefined) conditions.push(gte(tasks.dueDate, boundOf(query.due_after, "start")));
  if (query.due_before !== undefined) conditions.push(lte(tasks.dueDate, boundOf(query.due_before, "end")));
  return db
    .select()
    .from(tasks)
    .where(and(...conditions))
    .orderBy(asc(tasks.id))
    .limit(limit + 1);
}

const isUnfiltered = (query: TaskListQuery) =>
  [query.status, query.assignee_id, query.project_id, query.milestone_id, query.kind, query.due_after, query.due_before].every((v) => v === undefined);

const assignedTasksPage = (on: DbOrTx, after: SQL | undefined) =>
  on
    .select()
    .from(tasks)
    .where(and(assignedTo(sql.placeholder("user")), after))
    .orderBy(asc(tasks.id))
    .limit(sql.placeholder("limit"));
const myTasks = (db: DbOrTx) => prepared(db, "tasks_assigned_page", (on) => assignedTasksPage(on, undefined));
const myTasksAfter = (db: DbOrTx) => prepared(db, "tasks_assigned_page_after", (on) => assignedTasksPage(on, sql`${tasks.id} > ${sql.placeholder("cursor")}`));

function boundOf(value: string, side: "start" | "end"): Date {
  if (value.length > 10) return new Date(value);
  return new Date(`${value}T${side === "start" ? "00:00:00.000" : "23:59:59.999"}Z`);
}

type StatusRef = { status_id: number | null; status: string | null };

export type TaskStepDto = StatusRef & {
  id: number;
  position: number;
  name: string;
  kind: string;
  step_template_id: number | null;
  started_at: string | null;
  completed_at: string | null;
  completed_by: number | null;
  version: number;
};

export type ChecklistItemDto = StatusRef & {
  id: number;
  position: number;
  title: string;
  assignee_id: number | null;
  requires_validation: boolean;
  completed_by: number | null;
  completed_at: string | null;
  validated_by: number | null;
  validated_at: string | null;
  version: number;
};

export type ChecklistDto = StatusRef & {
  id: number;
  task_step_id: number | null;
  name: string;
  mode: string;
  is_completed: boolean;
  completed_at: string | null;
  version: number;
  items: ChecklistItemDto[];
};

export type RelatedTaskDto = StatusRef & { id: number; name: string };

export type TaskDetailDto = TaskDto & {
  steps: TaskStepDto[];
  checklists: ChecklistDto[];
  parents: RelatedTaskDto[];
  children: RelatedTaskDto[];
};

export async function getTask(db: DbOrTx, principal: Principal, params: { id: number }): Promise<TaskDetailDto> {
  authorize(principal, "tasks:read");
  return readTaskDetail(db, principal, params.id);
}

/** One visible task with everything beneath it (also the answer of writes, read in their transaction). */
export async function readTaskDetail(db: DbOrTx, principal: Principal, id: number): Promise<TaskDetailDto> {
  const [task] =
    principal.role === "employee"
      ? await prepared(db, "task_assigned", (on) => taskWhere(on, assignedTo(sql.placeholder("user")))).execute({ id, user: principal.userId })
      : await taskWhere(db, visibleTasks(principal)).execute({ id });
  if (!task) throw notFound("task");
  const [dto] = await toTaskDtos(db, [task]);
  if (!dto) throw notFound("task");

  const statusOf = async (statusId: number | null): Promise<StatusRef> => ({
    status_id: statusId,
    status: statusId === null ? null : ((await statusById(db, statusId))?.code ?? null),
  });

  const stepRows = await prepared(db, "task_steps", (on) =>
    on.select().from(taskSteps).where(eq(taskSteps.taskId, sql.placeholder("id"))).orderBy(asc(taskSteps.position)),
  ).execute({ id });
  const steps = await Promise.all(
    stepRows.map(async (s) => ({
      id: s.id,
      position: s.position,
      name: s.name,
      kind: s.kind,
      step_template_id: s.stepTemplateId,
      ...(await statusOf(s.statusId)),
      started_at: iso(s.startedAt),
      completed_at: iso(s.completedAt),
      completed_by: s.completedBy,
      version: s.version,
    })),
  );

  // Checklists in the order of their steps; items in position order.
  const listRows = await prepared(db, "task_checklists", (on) =>
    on
      .select({ checklist: checklists, stepPosition: taskSteps.position })
      .from(checklists)
      .leftJoin(taskSteps, eq(taskSteps.id, checklists.taskStepId))
      .where(eq(checklists.taskId, sql.placeholder("id")))
      .orderBy(asc(taskSteps.position), asc(checklists.id)),
  ).execute({ id });
  const itemRows = listRows.length
    ? await prepared(db, "task_checklist_items", (on) =>
        on
          .select()
          .from(checklistItems)
          .where(sql`${checklistItems.checklistId} = any(${sql.placeholder("ids")})`)
          .orderBy(asc(checklistItems.checklistId), asc(checklistItems.position)),
      ).execute({ ids: listRows.map((r) => r.checklist.id) })
    : [];
  const lists = await Promise.all(
    listRows.map(async ({ checklist: c }) => ({
      id: c.id,
      task_step_id: c.taskStepId,
      name: c.name,
      mode: c.mode,
      ...(await statusOf(c.statusId)),
      is_completed: c.isCompleted,
      completed_at: iso(c.completedAt),
      version: c.version,
      items: await Promise.all(
        itemRows
          .filter((i) => i.checklistId === c.id)
          .map(async (i) => ({
            id: i.id,
            position: i.position,
            title: i.title,
            assignee_id: i.assigneeId,
            ...(await statusOf(i.statusId)),
            requires_validation: i.requiresValidation,
            completed_by: i.completedBy,
            completed_at: iso(i.completedAt),
            validated_by: i.validatedBy,
            validated_at: iso(i.validatedAt),
            version: i.version,
          })),
      ),
    })),
  );

  const [parents, children] = await Promise.all([relatedTasks(db, principal, id, "parents"), relatedTasks(db, principal, id, "children")]);
  return { ...dto, steps, checklists: lists, parents, children };
}

/** Parents or children of a task, limited to those the principal may see as well. */
async function relatedTasks(db: DbOrTx, principal: Principal, id: number, which: "parents" | "children"): Promise<RelatedTaskDto[]> {
  const rows =
    principal.role === "employee"
      ? await prepared(db, `task_${which}_assigned`, (on) => relatedWhere(on, which, assignedTo(sql.placeholder("user")))).execute({ id, user: principal.userId })
      : await relatedWhere(db, which, visibleTasks(principal)).execute({ id });
  return Promise.all(
    rows.map(async (r) => ({
      id: r.id,
      name: r.name,
      status_id: r.statusId,
      status: r.statusId === null ? null : ((await statusById(db, r.statusId))?.code ?? null),
    })),
  );
}

/** One task under a scope condition; the id is the placeholder "id". */
const taskWhere = (on: DbOrTx, scope: SQL) =>
  on
    .select()
    .from(tasks)
    .where(and(eq(tasks.id, sql.placeholder("id")), scope))
    .limit(1);

/** A task's parents or children under a scope condition; the task's id is the placeholder "id". */
function relatedWhere(on: DbOrTx, which: "parents" | "children", scope: SQL) {
  const link = alias(tasksParentTask, "link");
  const [from, to] = which === "parents" ? [link.taskId, link.parentTaskId] : [link.parentTaskId, link.taskId];
  return on
    .select({ id: tasks.id, name: tasks.name, statusId: tasks.statusId })
    .from(link)
    .innerJoin(tasks, eq(tasks.id, to))
    .where(and(eq(from, sql.placeholder("id")), scope))
    .orderBy(asc(tasks.id));
}
