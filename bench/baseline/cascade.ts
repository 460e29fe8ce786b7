// A task's status move and what it sets off, as lib/progress (task-access, task-status, cascade)
// runs it inside the request's transaction: the task locked through the caller's scope, the
// contributions to the scores read around the move, the UPDATE with its version check, the outbox
// event, then the milestone and project started or settled and the score difference applied.
import type pg from "pg";
import { type Catalogue, connectionStatuses, HttpError, namedRows, type Principal, type Status } from "./common";
import { contributionsOf, differenceOf, insertEvents, settle } from "./rollup";

const TASK_COLUMNS = `"id", "name", "description", "status_id", "task_template_id", "created_at", "due_date", "project_id", "milestone_id", "entity_id", "kind", "position", "expected_minutes", "actual_minutes", "created_by", "started_at", "completed_at", "completed_by", "updated_at", "version"`;
const LEGAL: Record<string, Record<string, string[]>> = {
  task: { todo: ["in_progress", "blocked", "cancelled"], in_progress: ["in_review", "blocked", "done", "todo", "cancelled"], blocked: ["in_progress", "todo", "cancelled"], in_review: ["done", "in_progress"] },
  milestone: { todo: ["in_progress", "cancelled"], in_progress: ["completed", "cancelled"] },
  project: { planned: ["in_progress", "cancelled"], in_progress: ["completed", "cancelled"] },
};
const legal = (domain: string, from: string, to: string) => LEGAL[domain]?.[from]?.includes(to) ?? false;

export type TaskRow = {
  id: number;
  name: string;
  status_id: number;
  project_id: number | null;
  milestone_id: number | null;
  entity_id: number | null;
  kind: string;
  expected_minutes: number;
  actual_minutes: string | null;
  due_date: Date | null;
  started_at: Date | null;
  completed_at: Date | null;
  completed_by: number | null;
  version: number;
};
export type Scope = { task: TaskRow; status: Status; ownRole: string | null; ownerId: number | null };
export type Cascade = Record<"tasks_started" | "steps_completed" | "checklists_completed" | "tasks_completed" | "milestones_started" | "milestones_completed" | "projects_started" | "projects_completed", number[]>;
export type Ctx = { tx: pg.PoolClient; principal: Principal; now: Date; statuses: Catalogue; cascade: Cascade };

/** A progress transaction before its first task lock: the status catalogue is read after it, once per transaction (the app caches it per handle). */
export type Opening = Omit<Ctx, "statuses">;
export function opening(tx: pg.PoolClient, principal: Principal): Opening {
  const cascade = { tasks_started: [], steps_completed: [], checklists_completed: [], tasks_completed: [], milestones_started: [], milestones_completed: [], projects_started: [], projects_completed: [] };
  return { tx, principal, now: new Date(), cascade };
}

/** lockTaskInScope for an employee: visible through an assignment, locked, with its assignees. */
export async function lockTask(ctx: Opening & { statuses?: Catalogue }, taskId: number): Promise<{ ctx: Ctx; scope: Scope }> {
  const [task] = await namedRows<TaskRow>(
    ctx.tx,
    "task_lock_assigned",
    `select ${TASK_COLUMNS}, false from "tasks" where ("tasks"."id" = $1 and exists (select 1 from "task_assignee" where "task_assignee"."task_id" = "tasks"."id" and "task_assignee"."assignee_id" = $2)) for update of "tasks"`,
    [taskId, ctx.principal.userId],
  );
  if (!task) throw new HttpError(404, "task not found");
  const assignees = await namedRows<{ assignee_id: number; role: string }>(
    ctx.tx,
    "task_assignee_roles",
    `select "assignee_id", "role" from "task_assignee" where "task_assignee"."task_id" = $1 order by "task_assignee"."assignee_id"`,
    [task.id],
  );
  const statuses = ctx.statuses ?? (await connectionStatuses(ctx.tx));
  const status = statuses.byId.get(task.status_id);
  if (!status) throw new Error(`task status ${task.status_id} missing`);
  const scope = { task, status, ownRole: assignees.find((a) => a.assignee_id === ctx.principal.userId)?.role ?? null, ownerId: assignees.find((a) => a.role === "owner")?.assignee_id ?? null };
  return { ctx: { ...ctx, statuses }, scope };
}

export async function reloadTask(ctx: Ctx, scope: Scope): Promise<Scope> {
  const [task] = await namedRows<TaskRow>(ctx.tx, "task_by_id", `select ${TASK_COLUMNS} from "tasks" where "tasks"."id" = $1`, [scope.task.id]);
  if (!task) throw new HttpError(404, "task not found");
  return { ...scope, task, status: ctx.statuses.byId.get(task.status_id) ?? scope.status };
}

export async function emit(ctx: Ctx, type: string, rowId: number, scope: Scope, payload: Record<string, unknown>, userId = scope.ownerId): Promise<void> {
  await insertEvents(ctx.tx, [{ type, entityId: scope.task.entity_id, userId, projectId: scope.task.project_id, actorId: ctx.principal.userId, payload: { id: rowId, ...payload } }]);
}

/** task-status.ts missingForDone: open steps (exams: the hand-made ones), open checklists, a passed result for exams. */
export async function missingForDone(ctx: Ctx, task: TaskRow): Promise<boolean> {
  const exam = task.kind === "exam";
  const steps = await namedRows(
    ctx.tx,
    exam ? "task_open_steps_exam" : "task_open_steps",
    `select ts.id, ts.name, coalesce(s.code, 'todo') as status from task_steps ts left join statuses s on s.id = ts.status_id
        where ts.task_id = $1 and coalesce(s.code, '') <> 'done'
        ${exam ? "and ts.kind not in ('quiz', 'submission')" : ""}
        order by ts.position`,
    [task.id],
  );
  const lists = await namedRows(
    ctx.tx,
    "task_open_checklists",
    `select c.id, c.name, (select count(*)::int from checklist_items i left join statuses s on s.id = i.status_id
          where i.checklist_id = c.id and coalesce(s.code, '') <> 'done') as open_items
        from checklists c where c.task_id = $1 and not c.is_completed order by c.id`,
    [task.id],
  );
  let passed = true;
  if (exam) [{ passed }] = (await namedRows<{ passed: boolean }>(ctx.tx, "task_passed_result", `select exists (select 1 from task_results where task_id = $1 and passed) as passed`, [task.id])) as [{ passed: boolean }];
  return steps.length > 0 || lists.length > 0 || !passed;
}

/** cascade.ts moveTask: scores watched around the transition, milestone and project started or settled. */
export async function moveTask(ctx: Ctx, scope: Scope, to: Status, actingUserId: number, version?: number): Promise<Scope> {
  const { task, status: from } = scope;
  const watched = { taskIds: [task.id], projectIds: task.project_id === null ? [] : [task.project_id] };
  const before = to.is_final ? await contributionsOf(ctx.tx, watched) : null;
  if (version !== undefined && version !== task.version) throw new HttpError(409, "The task changed since you read it.");
  if (from.is_final || !legal("task", from.code, to.code)) throw new HttpError(422, `A task cannot move from ${from.code} to ${to.code}.`);
  if (to.code === "done" && (await missingForDone(ctx, task))) throw new HttpError(422, `‘${task.name}’ cannot be done yet.`);
  const startedAt = task.started_at ?? (to.code === "in_progress" ? ctx.now : null);
  const completing = to.code === "done";
  const set = completing
    ? { name: "task_move_done", text: `"status_id" = $1, "actual_minutes" = $2, "started_at" = $3, "completed_at" = $4, "completed_by" = $5, "updated_at" = $6, "version" = $7`, values: [to.id, startedAt ? Math.round((ctx.now.getTime() - startedAt.getTime()) / 600) / 100 : task.expected_minutes, startedAt, ctx.now, actingUserId, ctx.now, task.version + 1] }
    : { name: "task_move", text: `"status_id" = $1, "started_at" = $2, "updated_at" = $3, "version" = $4`, values: [to.id, startedAt, ctx.now, task.version + 1] };
  const n = set.values.length;
  const [updated] = await namedRows<TaskRow>(
    ctx.tx,
    set.name,
    `update "tasks" set ${set.text} where ("tasks"."id" = $${n + 1} and "tasks"."version" = $${n + 2} and "tasks"."status_id" <> $${n + 3}) returning ${TASK_COLUMNS}`,
    [...set.values, task.id, task.version, to.id],
  );
  if (!updated) throw new HttpError(409, "The task changed while you were moving it. Reload and retry.");
  if (to.code === "in_progress" && !task.started_at) ctx.cascade.tasks_started.push(task.id);
  if (completing) ctx.cascade.tasks_completed.push(task.id);
  await emit(ctx, "task.status_changed", task.id, scope, { task_id: task.id, from: from.code, to: to.code, on_behalf_of: actingUserId, version: updated.version });
  const moved = { ...scope, task: updated, status: to };
  if (to.code === "in_progress") await startMilestoneAndProject(ctx, moved);
  if (to.is_final) await settleMilestone(ctx, moved);
  if (before) await settle(ctx.tx, differenceOf(await contributionsOf(ctx.tx, watched), before));
  return moved;
}

export async function startTaskIfTodo(ctx: Ctx, scope: Scope, actingUserId: number): Promise<Scope> {
  if (scope.status.code !== "todo") return scope;
  return moveTask(ctx, scope, ctx.statuses.byCode("task", "in_progress"), actingUserId);
}

const MILESTONE_SQL = `select "id", "name", "description", "project_id", "milestone_template_id", "start_date", "end_date", "expected_hours", "status_id", "position", "started_at", "completed_at", "created_at", "updated_at", "version" from "milestones" where "milestones"."id" = $1 for update`;
const PROJECT_SQL = `select "id", "name", "description", "status_id", "entity_id", "created_at", "created_by", "project_template_id", "onboardee_id", "start_date", "due_date", "started_at", "completed_at", "updated_at", "version" from "projects" where "projects"."id" = $1 for update`;
type Row = { id: number; status_id: number | null; started_at: Date | null; project_id?: number | null; onboardee_id?: number | null };

async function move(ctx: Ctx, table: "milestones" | "projects", id: number, code: "in_progress" | "completed", startedAt: Date | null): Promise<void> {
  const to = ctx.statuses.byCode(table === "milestones" ? "milestone" : "project", code);
  const values: unknown[] = [to.id, startedAt ?? ctx.now, ...(code === "completed" ? [ctx.now] : []), ctx.now, id];
  const completed = code === "completed" ? `"completed_at" = $3, ` : "";
  const at = code === "completed" ? 4 : 3;
  const name = `${table === "milestones" ? "milestone" : "project"}_move${code === "completed" ? "_completed" : ""}`;
  await ctx.tx.query({ name, text: `update "${table}" set "status_id" = $1, "started_at" = $2, ${completed}"updated_at" = $${at}, "version" = "${table}"."version" + 1 where "${table}"."id" = $${at + 1}`, values });
  ctx.cascade[`${table === "milestones" ? "milestones" : "projects"}_${code === "completed" ? "completed" : "started"}`].push(id);
}

async function startMilestoneAndProject(ctx: Ctx, scope: Scope): Promise<void> {
  const { task } = scope;
  if (task.milestone_id !== null) {
    const [milestone] = await namedRows<Row>(ctx.tx, "milestone_lock", MILESTONE_SQL, [task.milestone_id]);
    const from = milestone?.status_id == null ? undefined : ctx.statuses.byId.get(milestone.status_id);
    if (milestone && from && legal("milestone", from.code, "in_progress")) {
      await move(ctx, "milestones", milestone.id, "in_progress", milestone.started_at);
      await emit(ctx, "milestone.started", milestone.id, scope, { milestone_id: milestone.id });
    }
  }
  if (task.project_id === null) return;
  const [project] = await namedRows<Row>(ctx.tx, "project_lock", PROJECT_SQL, [task.project_id]);
  const from = project?.status_id == null ? undefined : ctx.statuses.byId.get(project.status_id);
  if (!project || !from || !legal("project", from.code, "in_progress")) return;
  await move(ctx, "projects", project.id, "in_progress", project.started_at);
  await emit(ctx, "project.started", project.id, scope, { project_id: project.id }, project.onboardee_id ?? scope.ownerId);
}

async function settleMilestone(ctx: Ctx, scope: Scope): Promise<void> {
  if (scope.task.milestone_id === null) return;
  const [milestone] = await namedRows<Row>(ctx.tx, "milestone_lock", MILESTONE_SQL, [scope.task.milestone_id]);
  const from = milestone?.status_id == null ? undefined : ctx.statuses.byId.get(milestone.status_id);
  if (!milestone || !from || from.is_final) return;
  const [tally] = await namedRows<{ open: number; done: number }>(
    ctx.tx,
    "milestone_task_tally",
    `select count(*) filter (where not coalesce(s.is_final, false))::int as open, count(*) filter (where s.code = 'done')::int as done
        from tasks t left join statuses s on s.id = t.status_id where t.milestone_id = $1`,
    [milestone.id],
  );
  if (!tally || tally.open > 0 || tally.done === 0) return;
  if (from.code === "todo") {
    await move(ctx, "milestones", milestone.id, "in_progress", milestone.started_at);
    await emit(ctx, "milestone.started", milestone.id, scope, { milestone_id: milestone.id });
  }
  await move(ctx, "milestones", milestone.id, "completed", milestone.started_at);
  await emit(ctx, "milestone.completed", milestone.id, scope, { milestone_id: milestone.id, project_id: milestone.project_id });
  if (milestone.project_id == null) return;
  const [project] = await namedRows<Row>(ctx.tx, "project_lock", PROJECT_SQL, [milestone.project_id]);
  const pfrom = project?.status_id == null ? undefined : ctx.statuses.byId.get(project.status_id);
  if (!project || !pfrom || pfrom.is_final) return;
  const [ptally] = await namedRows<{ open: number; completed: number }>(
    ctx.tx,
    "project_milestone_tally",
    `select count(*) filter (where not coalesce(s.is_final, false))::int as open, count(*) filter (where s.code = 'completed')::int as completed
        from milestones m left join statuses s on s.id = m.status_id where m.project_id = $1`,
    [project.id],
  );
  if (!ptally || ptally.open > 0 || ptally.completed === 0) return;
  if (pfrom.code === "planned") {
    await move(ctx, "projects", project.id, "in_progress", project.started_at);
    await emit(ctx, "project.started", project.id, scope, { project_id: project.id }, project.onboardee_id ?? scope.ownerId);
  }
  await move(ctx, "projects", project.id, "completed", project.started_at);
  await emit(ctx, "project.completed", project.id, scope, { project_id: project.id }, project.onboardee_id ?? scope.ownerId);
}

export const taskProgressDto = ({ task, status }: Scope) => ({
  id: task.id,
  name: task.name,
  kind: task.kind,
  status_id: task.status_id,
  status: { id: status.id, domain: status.domain, code: status.code, name: status.name, is_final: status.is_final, position: status.position },
  project_id: task.project_id,
  milestone_id: task.milestone_id,
  due_date: task.due_date?.toISOString() ?? null,
  expected_minutes: task.expected_minutes,
  actual_minutes: task.actual_minutes === null ? null : Number(task.actual_minutes),
  started_at: task.started_at?.toISOString() ?? null,
  completed_at: task.completed_at?.toISOString() ?? null,
  completed_by: task.completed_by,
  version: task.version,
});
