// GET /api/tasks and GET /api/tasks/:id for an employee, as lib/tasks/queries.ts runs them: the
// page (or the task) under the assignment scope, then the assignees of the page in one query, the
// steps, checklists and items, and the parents and children side by side; each as a named prepared
// statement, under the name and with the text the app prepares it with.
import type pg from "pg";
import { HttpError, iso, namedRows, type Principal, poolStatuses, type Status } from "./common";

const TASK_COLUMNS = `"id", "name", "description", "status_id", "task_template_id", "created_at", "due_date", "project_id", "milestone_id", "entity_id", "kind", "position", "expected_minutes", "actual_minutes", "created_by", "started_at", "completed_at", "completed_by", "updated_at", "version"`;
/** visibleTasks for an employee: an assignment on the task in any role. */
const ASSIGNED = (param: string) => `exists (select 1 from "task_assignee" where "task_assignee"."task_id" = "tasks"."id" and "task_assignee"."assignee_id" = ${param})`;

type TaskRow = {
  id: number;
  name: string;
  description: string | null;
  status_id: number | null;
  task_template_id: number | null;
  created_at: Date;
  due_date: Date | null;
  project_id: number | null;
  milestone_id: number | null;
  entity_id: number | null;
  kind: string;
  position: number;
  expected_minutes: number;
  actual_minutes: string | null;
  created_by: number | null;
  started_at: Date | null;
  completed_at: Date | null;
  completed_by: number | null;
  version: number;
};

const ROLE_ORDER: Record<string, number> = { owner: 0, helper: 1, reviewer: 2 };

async function assigneesOf(db: pg.Pool, ids: number[]): Promise<Map<number, { user_id: number; name: string; role: string }[]>> {
  const byTask = new Map<number, { user_id: number; name: string; role: string }[]>();
  if (ids.length === 0) return byTask;
  const found = await namedRows<{ task_id: number; assignee_id: number; name: string; role: string }>(
    db,
    "task_assignees",
    `select "task_id", "assignee_id", (select "name" from "users" where "id" = "assignee_id"), "role" from "task_assignee" where "task_assignee"."task_id" = any($1) order by "task_assignee"."task_id" asc, "task_assignee"."assignee_id" asc`,
    [ids],
  );
  for (const r of found) byTask.set(r.task_id, [...(byTask.get(r.task_id) ?? []), { user_id: r.assignee_id, name: r.name, role: r.role }]);
  for (const list of byTask.values()) list.sort((a, b) => (ROLE_ORDER[a.role] ?? 0) - (ROLE_ORDER[b.role] ?? 0) || a.user_id - b.user_id);
  return byTask;
}

async function taskDtos(db: pg.Pool, tasks: TaskRow[]) {
  const [assignees, statuses] = await Promise.all([assigneesOf(db, tasks.map((t) => t.id)), poolStatuses(db)]);
  const now = new Date();
  return tasks.map((t) => {
    const status = t.status_id === null ? undefined : statuses.byId.get(t.status_id);
    return {
      id: t.id,
      name: t.name,
      description: t.description,
      status_id: t.status_id,
      status: status?.code ?? null,
      kind: t.kind,
      task_template_id: t.task_template_id,
      project_id: t.project_id,
      milestone_id: t.milestone_id,
      entity_id: t.entity_id,
      position: t.position,
      expected_minutes: t.expected_minutes,
      actual_minutes: t.actual_minutes === null ? null : Number(t.actual_minutes),
      due_date: iso(t.due_date),
      overdue: t.due_date !== null && t.due_date < now && status?.is_final !== true,
      created_at: t.created_at.toISOString(),
      created_by: t.created_by,
      started_at: iso(t.started_at),
      completed_at: iso(t.completed_at),
      completed_by: t.completed_by,
      version: t.version,
      assignees: assignees.get(t.id) ?? [],
    };
  });
}

function onlyEmployees(principal: Principal): void {
  // The benchmark reads tasks as their assignees; the manager and admin scopes are not rebuilt here.
  if (principal.role !== "employee") throw new HttpError(501, "the baseline answers task reads for employees only");
}

export async function myTasks(db: pg.Pool, principal: Principal, query: URLSearchParams): Promise<[number, unknown]> {
  onlyEmployees(principal);
  const limit = Math.min(Math.max(Number(query.get("limit") ?? 50), 1), 100);
  const found = await namedRows<TaskRow>(db, "tasks_assigned_page", `select ${TASK_COLUMNS} from "tasks" where ${ASSIGNED("$1")} order by "tasks"."id" asc limit $2`, [principal.userId, limit + 1]);
  const page = found.slice(0, limit);
  const last = page.at(-1);
  return [200, { items: await taskDtos(db, page), next_cursor: found.length > limit && last ? String(last.id) : null }];
}

const statusRef = (statuses: Map<number, Status>, id: number | null) => ({ status_id: id, status: id === null ? null : (statuses.get(id)?.code ?? null) });

export async function taskDetail(db: pg.Pool, principal: Principal, id: number): Promise<[number, unknown]> {
  onlyEmployees(principal);
  const [task] = await namedRows<TaskRow>(db, "task_assigned", `select ${TASK_COLUMNS} from "tasks" where ("tasks"."id" = $1 and ${ASSIGNED("$2")}) limit $3`, [id, principal.userId, 1]);
  if (!task) throw new HttpError(404, "task not found");
  const [dto] = await taskDtos(db, [task]);
  const statuses = (await poolStatuses(db)).byId;
  const steps = await namedRows<{ id: number; position: number; name: string; kind: string; step_template_id: number | null; status_id: number | null; started_at: Date | null; completed_at: Date | null; completed_by: number | null; version: number }>(
    db,
    "task_steps",
    `select "id", "task_id", "step_template_id", "position", "name", "kind", "status_id", "started_at", "completed_at", "completed_by", "created_at", "updated_at", "version" from "task_steps" where "task_steps"."task_id" = $1 order by "task_steps"."position" asc`,
    [id],
  );
  const lists = await namedRows<{ id: number; task_step_id: number | null; name: string; mode: string; status_id: number | null; is_completed: boolean; completed_at: Date | null; version: number }>(
    db,
    "task_checklists",
    `select "checklists"."id", "checklists"."status_id", "checklists"."is_completed", "checklists"."task_id", "checklists"."task_step_id", "checklists"."name", "checklists"."mode", "checklists"."completed_at", "checklists"."completed_by", "checklists"."created_at", "checklists"."updated_at", "checklists"."version", "task_steps"."position" from "checklists" left join "task_steps" on "task_steps"."id" = "checklists"."task_step_id" where "checklists"."task_id" = $1 order by "task_steps"."position" asc, "checklists"."id" asc`,
    [id],
  );
  const items = lists.length
    ? await namedRows<{ id: number; checklist_id: number; position: number; title: string; assignee_id: number | null; status_id: number | null; requires_validation: boolean; completed_by: number | null; completed_at: Date | null; validated_by: number | null; validated_at: Date | null; version: number }>(
        db,
        "task_checklist_items",
        `select "id", "checklist_id", "assignee_id", "status_id", "title", "position", "requires_validation", "completed_by", "completed_at", "validated_by", "validated_at", "created_at", "updated_at", "version" from "checklist_items" where "checklist_items"."checklist_id" = any($1) order by "checklist_items"."checklist_id" asc, "checklist_items"."position" asc`,
        [lists.map((l) => l.id)],
      )
    : [];
  const related = (from: string, to: string, name: string) =>
    namedRows<{ id: number; name: string; status_id: number | null }>(
      db,
      name,
      `select "tasks"."id", "tasks"."name", "tasks"."status_id" from "tasks_parent_task" "link" inner join "tasks" on "tasks"."id" = "link"."${to}" where ("link"."${from}" = $1 and ${ASSIGNED("$2")}) order by "tasks"."id" asc`,
      [id, principal.userId],
    );
  const [parents, children] = await Promise.all([related("task_id", "parent_task_id", "task_parents_assigned"), related("parent_task_id", "task_id", "task_children_assigned")]);
  return [
    200,
    {
      ...dto,
      steps: steps.map((s) => ({ id: s.id, position: s.position, name: s.name, kind: s.kind, step_template_id: s.step_template_id, ...statusRef(statuses, s.status_id), started_at: iso(s.started_at), completed_at: iso(s.completed_at), completed_by: s.completed_by, version: s.version })),
      checklists: lists.map((c) => ({
        id: c.id,
        task_step_id: c.task_step_id,
        name: c.name,
        mode: c.mode,
        ...statusRef(statuses, c.status_id),
        is_completed: c.is_completed,
        completed_at: iso(c.completed_at),
        version: c.version,
        items: items
          .filter((i) => i.checklist_id === c.id)
          .map((i) => ({ id: i.id, position: i.position, title: i.title, assignee_id: i.assignee_id, ...statusRef(statuses, i.status_id), requires_validation: i.requires_validation, completed_by: i.completed_by, completed_at: iso(i.completed_at), validated_by: i.validated_by, validated_at: iso(i.validated_at), version: i.version })),
      })),
      parents: parents.map((r) => ({ id: r.id, name: r.name, ...statusRef(statuses, r.status_id) })),
      children: children.map((r) => ({ id: r.id, name: r.name, ...statusRef(statuses, r.status_id) })),
    },
  ];
}
