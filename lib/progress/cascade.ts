// Completion cascades upward in the transaction of the change that set it off:
//   items → checklist → its checklist step → task → milestone → project,
// each level stamped (completed_at, completed_by), version-bumped and evented. Starting work moves
// the task, its milestone and its project to in_progress. Rows are locked in one order (task,
// checklist, milestone, project), so two tasks finishing at once cannot both miss the last one.
import "server-only";
import { and, eq, sql } from "drizzle-orm";
import { prepared, preparedSql, setTo } from "../../db/prepared";
import { checklists, milestones, projects, type Status, type StatusDomain, taskSteps } from "../../db/schema";
import { watchScores } from "../scores/rollup";
import { isLegalTransition } from "../statuses/machine";
import { statusByCode, statusById } from "../statuses/service";
import { emitProgressEvent, type ProgressContext } from "./context";
import { reloadTask, type TaskInScope } from "./task-access";
import { applyTaskTransition, missingForDone, type TaskMove, topicOfTask } from "./task-status";

const status = (ctx: ProgressContext, domain: StatusDomain, code: string) => statusByCode(ctx.tx, domain, code);

/** A task move plus what it sets off above the task. */
export async function moveTask(ctx: ProgressContext, scope: TaskInScope, to: Status, move: TaskMove): Promise<TaskInScope> {
  const scores = await watchScores(ctx.tx, scope.task, to.isFinal);
  const moved = await applyTaskTransition(ctx, scope, to, move);
  if (to.code === "in_progress") await startMilestoneAndProject(ctx, moved);
  if (to.isFinal) await settleMilestone(ctx, moved);
  // After the task, milestone and project locks: user_scores rows are always taken last.
  await scores.settle();
  return moved;
}

/** Working on a step or item of a task still in todo starts the task (and its milestone and project). */
export async function startTaskIfTodo(ctx: ProgressContext, scope: TaskInScope, actingUserId: number): Promise<TaskInScope> {
  if (scope.status.code !== "todo") return scope;
  return moveTask(ctx, scope, await status(ctx, "task", "in_progress"), { actingUserId });
}

/**
 * When the last step or checklist of a task completes, the task completes itself, through the same
 * legal path a person would take (todo → in_progress → done). Exams wait for evaluation; blocked
 * and in-review tasks wait for a person.
 */
export async function autoCompleteTask(ctx: ProgressContext, scope: TaskInScope, actingUserId: number): Promise<TaskInScope> {
  if (scope.task.kind === "exam" || !["todo", "in_progress"].includes(scope.status.code)) return scope;
  if (await missingForDone(ctx.tx, scope.task)) return scope;
  const started = await startTaskIfTodo(ctx, scope, actingUserId);
  return moveTask(ctx, started, await status(ctx, "task", "done"), { actingUserId });
}

/** Completes the checklist once every item is done, then its checklist step, then maybe the task. */
export async function completeChecklistIfDone(ctx: ProgressContext, scope: TaskInScope, checklistId: number, actingUserId: number): Promise<TaskInScope> {
  const [open] = await preparedSql<{ open: number }>(
    ctx.tx,
    "checklist_open_items",
    () => sql`select count(*)::int as open from checklist_items i left join statuses s on s.id = i.status_id
        where i.checklist_id = ${sql.placeholder("id")} and coalesce(s.code, '') <> 'done'`,
  ).execute({ id: checklistId });
  if ((open?.open ?? 1) > 0) return scope;
  const completed = await status(ctx, "checklist", "completed");
  const [checklist] = await ctx.tx
    .update(checklists)
    .set({ isCompleted: true, statusId: completed.id, completedAt: ctx.now, completedBy: actingUserId, version: sql`${checklists.version} + 1` })
    .where(and(eq(checklists.id, checklistId), eq(checklists.isCompleted, false)))
    .returning();
  if (!checklist) return scope;
  ctx.cascade.checklists_completed.push(checklist.id);
  await emitProgressEvent(ctx, "checklist.completed", checklist.id, topicOfTask(scope), { checklist_id: checklist.id, task_id: scope.task.id });
  if (checklist.taskStepId !== null) await completeStepRow(ctx, scope, checklist.taskStepId, actingUserId);
  return autoCompleteTask(ctx, await reloadTask(ctx.tx, scope), actingUserId);
}

/** Marks one step of the locked task done (the caller checked that it may be). */
export async function completeStepRow(ctx: ProgressContext, scope: TaskInScope, stepId: number, actingUserId: number, expectedVersion?: number): Promise<boolean> {
  const done = await status(ctx, "task_step", "done");
  const versioned = expectedVersion !== undefined;
  // Every step completion: two prepared statements, with and without the caller's version.
  const [step] = await prepared(ctx.tx, versioned ? "step_complete_versioned" : "step_complete", (on) =>
    on
      .update(taskSteps)
      .set({
        statusId: setTo("status"),
        startedAt: sql`coalesce(${taskSteps.startedAt}, ${sql.placeholder("nowText")}::timestamptz)`,
        completedAt: setTo("now"),
        completedBy: setTo("by"),
        updatedAt: setTo("now"),
        version: sql`${taskSteps.version} + 1`,
      })
      .where(
        and(
          eq(taskSteps.id, sql.placeholder("id")),
          eq(taskSteps.taskId, sql.placeholder("taskId")),
          sql`${taskSteps.statusId} is distinct from ${sql.placeholder("status")}`,
          versioned ? eq(taskSteps.version, sql.placeholder("version")) : undefined,
        ),
      )
      .returning(),
  ).execute({ id: stepId, taskId: scope.task.id, status: done.id, now: ctx.now, nowText: ctx.now.toISOString(), by: actingUserId, ...(versioned ? { version: expectedVersion } : {}) });
  if (!step) return false;
  ctx.cascade.steps_completed.push(step.id);
  await emitProgressEvent(ctx, "task_step.completed", step.id, topicOfTask(scope), { task_step_id: step.id, task_id: scope.task.id, kind: step.kind });
  return true;
}

async function startMilestoneAndProject(ctx: ProgressContext, scope: TaskInScope): Promise<void> {
  const { task } = scope;
  const topic = topicOfTask(scope);
  if (task.milestoneId !== null) {
    const [milestone] = await prepared(ctx.tx, "milestone_lock", (on) =>
    on.select().from(milestones).where(eq(milestones.id, sql.placeholder("id"))).for("update"),
  ).execute({ id: task.milestoneId });
    const from = milestone?.statusId == null ? undefined : await statusById(ctx.tx, milestone.statusId);
    if (milestone && from && isLegalTransition("milestone", from.code, "in_progress")) {
      await moveMilestone(ctx, milestone.id, "in_progress", milestone.startedAt);
      await emitProgressEvent(ctx, "milestone.started", milestone.id, topic, { milestone_id: milestone.id });
    }
  }
  if (task.projectId !== null) await startProject(ctx, task.projectId, topic);
}

async function startProject(ctx: ProgressContext, projectId: number, topic: ReturnType<typeof topicOfTask>): Promise<void> {
  const [project] = await prepared(ctx.tx, "project_lock", (on) =>
    on.select().from(projects).where(eq(projects.id, sql.placeholder("id"))).for("update"),
  ).execute({ id: projectId });
  const from = project?.statusId == null ? undefined : await statusById(ctx.tx, project.statusId);
  if (!project || !from || !isLegalTransition("project", from.code, "in_progress")) return;
  await moveProject(ctx, project.id, "in_progress", project.startedAt);
  await emitProgressEvent(ctx, "project.started", project.id, { ...topic, userId: project.onboardeeId ?? topic.userId }, { project_id: project.id });
}

/** A milestone completes when all its tasks are final and at least one of them is done. */
async function settleMilestone(ctx: ProgressContext, scope: TaskInScope): Promise<void> {
  const { task } = scope;
  if (task.milestoneId === null) return;
  const [milestone] = await prepared(ctx.tx, "milestone_lock", (on) =>
    on.select().from(milestones).where(eq(milestones.id, sql.placeholder("id"))).for("update"),
  ).execute({ id: task.milestoneId });
  const from = milestone?.statusId == null ? undefined : await statusById(ctx.tx, milestone.statusId);
  if (!milestone || !from || from.isFinal) return;
  const [tally] = await preparedSql<{ open: number; done: number }>(
    ctx.tx,
    "milestone_task_tally",
    () => sql`select count(*) filter (where not coalesce(s.is_final, false))::int as open, count(*) filter (where s.code = 'done')::int as done
        from tasks t left join statuses s on s.id = t.status_id where t.milestone_id = ${sql.placeholder("id")}`,
  ).execute({ id: milestone.id });
  if (!tally || tally.open > 0 || tally.done === 0) return;
  const topic = topicOfTask(scope);
  // The machine has no todo → completed: a milestone finished without a started task still passes in_progress.
  if (from.code === "todo") {
    await moveMilestone(ctx, milestone.id, "in_progress", milestone.startedAt);
    await emitProgressEvent(ctx, "milestone.started", milestone.id, topic, { milestone_id: milestone.id });
  }
  await moveMilestone(ctx, milestone.id, "completed", milestone.startedAt);
  await emitProgressEvent(ctx, "milestone.completed", milestone.id, topic, { milestone_id: milestone.id, project_id: milestone.projectId });
  if (milestone.projectId !== null) await settleProject(ctx, milestone.projectId, topic);
}

/** A project completes when all its milestones are final and at least one of them completed. */
async function settleProject(ctx: ProgressContext, projectId: number, topic: ReturnType<typeof topicOfTask>): Promise<void> {
  const [project] = await prepared(ctx.tx, "project_lock", (on) =>
    on.select().from(projects).where(eq(projects.id, sql.placeholder("id"))).for("update"),
  ).execute({ id: projectId });
  const from = project?.statusId == null ? undefined : await statusById(ctx.tx, project.statusId);
  if (!project || !from || from.isFinal) return;
  const [tally] = await preparedSql<{ open: number; completed: number }>(
    ctx.tx,
    "project_milestone_tally",
    () => sql`select count(*) filter (where not coalesce(s.is_final, false))::int as open, count(*) filter (where s.code = 'completed')::int as completed
        from milestones m left join statuses s on s.id = m.status_id where m.project_id = ${sql.placeholder("id")}`,
  ).execute({ id: project.id });
  if (!tally || tally.open > 0 || tally.completed === 0) return;
  const projectTopic = { ...topic, userId: project.onboardeeId ?? topic.userId };
  if (from.code === "planned") {
    await moveProject(ctx, project.id, "in_progress", project.startedAt);
    await emitProgressEvent(ctx, "project.started", project.id, projectTopic, { project_id: project.id });
  }
  await moveProject(ctx, project.id, "completed", project.startedAt);
  await emitProgressEvent(ctx, "project.completed", project.id, projectTopic, { project_id: project.id });
}

async function moveMilestone(ctx: ProgressContext, id: number, code: "in_progress" | "completed", startedAt: Date | null): Promise<void> {
  const to = await status(ctx, "milestone", code);
  await moveRow(ctx, milestones, "milestone", code === "completed").execute({ id, status: to.id, startedAt: startedAt ?? ctx.now, now: ctx.now });
  (code === "completed" ? ctx.cascade.milestones_completed : ctx.cascade.milestones_started).push(id);
}

async function moveProject(ctx: ProgressContext, id: number, code: "in_progress" | "completed", startedAt: Date | null): Promise<void> {
  const to = await status(ctx, "project", code);
  await moveRow(ctx, projects, "project", code === "completed").execute({ id, status: to.id, startedAt: startedAt ?? ctx.now, now: ctx.now });
  (code === "completed" ? ctx.cascade.projects_completed : ctx.cascade.projects_started).push(id);
}

/** A milestone's or project's move, started or completed: four prepared statements (db/prepared.ts). */
function moveRow(ctx: ProgressContext, table: typeof milestones | typeof projects, kind: "milestone" | "project", completing: boolean) {
  return prepared(ctx.tx, `${kind}_move${completing ? "_completed" : ""}`, (on) =>
    on
      .update(table)
      .set({
        statusId: setTo("status"),
        startedAt: setTo("startedAt"),
        ...(completing ? { completedAt: setTo("now") } : {}),
        updatedAt: setTo("now"),
        version: sql`${table.version} + 1`,
      })
      .where(eq(table.id, sql.placeholder("id"))),
  );
}
