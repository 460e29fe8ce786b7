// One legal move of one task through the status machine, with its stamps and its event. What the
// move sets off (milestone, project) is cascade.ts; who may ask for it is the caller's concern.
import "server-only";
import { and, eq, ne, sql } from "drizzle-orm";
import type { DbOrTx } from "../../db/client";
import { prepared, preparedSql, setTo } from "../../db/prepared";
import { type Status, type Task, tasks } from "../../db/schema";
import { ApiError, conflict } from "../api/errors";
import { assertVersion, type ExpectedVersion } from "../api/versioning";
import { isLegalTransition, legalNextCodes } from "../statuses/machine";
import { statusByCode } from "../statuses/service";
import { emitProgressEvent, type EventTopic, type ProgressContext } from "./context";
import type { TaskInScope } from "./task-access";

export const topicOfTask = (scope: TaskInScope): EventTopic => ({
  entityId: scope.task.entityId,
  userId: scope.ownerId,
  projectId: scope.task.projectId,
});

/** Steps whose completion comes from evaluation (quiz grading, submission review), not from a click. */
export const EVALUATED_STEP_KINDS = ["quiz", "submission"] as const;

export type MissingForDone = {
  steps: { id: number; name: string; status: string }[];
  checklists: { id: number; name: string; open_items: number }[];
  /** Exams only: whether a passed task_results row exists (null for ordinary tasks). */
  passed_result: boolean | null;
};

/**
 * What still stands between the task and done. Ordinary tasks need every step done and every
 * checklist completed. Exams complete from evaluation: they need a passed task_results row (the hook
 * /api/evaluation/process fills), and only the steps a person completes by hand (instruction,
 * checklist) besides; their quiz and submission steps are evidenced by that result.
 */
export async function missingForDone(tx: DbOrTx, task: Task): Promise<MissingForDone | null> {
  const isExam = task.kind === "exam";
  // Asked before every move to done: prepared statements (db/prepared.ts).
  const id = sql.placeholder("id");
  const steps = await preparedSql<{ id: number; name: string; status: string }>(
    tx,
    isExam ? "task_open_steps_exam" : "task_open_steps",
    () => sql`select ts.id, ts.name, coalesce(s.code, 'todo') as status from task_steps ts left join statuses s on s.id = ts.status_id
        where ts.task_id = ${id} and coalesce(s.code, '') <> 'done'
        ${isExam ? sql`and ts.kind not in ('quiz', 'submission')` : sql``}
        order by ts.position`,
  ).execute({ id: task.id });
  const openChecklists = await preparedSql<{ id: number; name: string; open_items: number }>(
    tx,
    "task_open_checklists",
    () => sql`select c.id, c.name, (select count(*)::int from checklist_items i left join statuses s on s.id = i.status_id
          where i.checklist_id = c.id and coalesce(s.code, '') <> 'done') as open_items
        from checklists c where c.task_id = ${id} and not c.is_completed order by c.id`,
  ).execute({ id: task.id });
  let passed: boolean | null = null;
  if (isExam) {
    const [row] = await preparedSql<{ passed: boolean }>(tx, "task_passed_result", () => sql`select exists (select 1 from task_results where task_id = ${id} and passed) as passed`).execute({
      id: task.id,
    });
    passed = row?.passed ?? false;
  }
  if (steps.length === 0 && openChecklists.length === 0 && passed !== false) return null;
  return { steps, checklists: openChecklists, passed_result: passed };
}

function describeMissing(task: Task, missing: MissingForDone): string {
  const parts: string[] = [];
  if (missing.steps.length) parts.push(`open steps ${missing.steps.map((s) => `‘${s.name}’`).join(", ")}`);
  if (missing.checklists.length) {
    parts.push(`incomplete checklists ${missing.checklists.map((c) => `‘${c.name}’ (${c.open_items} open)`).join(", ")}`);
  }
  if (missing.passed_result === false) parts.push("no passed exam result yet (exams complete through evaluation)");
  return `‘${task.name}’ cannot be done yet: ${parts.join("; ")}.`;
}

async function legalNext(tx: DbOrTx, from: string) {
  return Promise.all(legalNextCodes("task", from).map(async (code) => ({ id: (await statusByCode(tx, "task", code)).id, code })));
}

export type TaskMove = {
  /** The person on whose behalf the task moves: completed_by when it reaches done. */
  actingUserId: number;
  expected?: ExpectedVersion;
};

/**
 * Moves the locked task to `to`: final states never move, only the machine's transitions are
 * legal, done needs missingForDone() to be empty. The UPDATE carries the version it read, so a
 * concurrent writer that slipped past the row lock still makes it fail instead of overwrite.
 */
export async function applyTaskTransition(ctx: ProgressContext, scope: TaskInScope, to: Status, move: TaskMove): Promise<TaskInScope> {
  const { task, status: from } = scope;
  assertVersion(task.version, move.expected ?? {}, "task");
  if (from.isFinal) {
    throw new ApiError("validation_failed", `‘${task.name}’ is ${from.code}, a final state: it cannot change again.`, {
      extra: { from: from.code, to: to.code, legal_next: [] },
    });
  }
  if (!isLegalTransition("task", from.code, to.code)) {
    const legal = await legalNext(ctx.tx, from.code);
    throw new ApiError("validation_failed", `A task cannot move from ${from.code} to ${to.code}. Legal next: ${legal.map((s) => s.code).join(", ")}.`, {
      issues: [{ path: "status_id", message: `From ${from.code} the task can move to ${legal.map((s) => s.code).join(", ")}.` }],
      extra: { from: from.code, to: to.code, legal_next: legal },
    });
  }
  if (to.code === "done") {
    const missing = await missingForDone(ctx.tx, task);
    if (missing) throw new ApiError("validation_failed", describeMissing(task, missing), { extra: { missing } });
  }

  const startedAt = task.startedAt ?? (to.code === "in_progress" ? ctx.now : null);
  const completing = to.code === "done";
  // Every progress write moves a task: two prepared statements, without and with completion.
  const [updated] = await prepared(ctx.tx, completing ? "task_move_done" : "task_move", (on) =>
    on
      .update(tasks)
      .set({
        statusId: setTo("status"),
        startedAt: setTo("startedAt"),
        ...(completing ? { completedAt: setTo("now"), completedBy: setTo("completedBy"), actualMinutes: setTo("actualMinutes") } : {}),
        updatedAt: setTo("now"),
        version: setTo("nextVersion"),
      })
      .where(and(eq(tasks.id, sql.placeholder("id")), eq(tasks.version, sql.placeholder("version")), ne(tasks.statusId, sql.placeholder("status"))))
      .returning(),
  ).execute({
    id: task.id,
    version: task.version,
    nextVersion: task.version + 1,
    status: to.id,
    startedAt,
    now: ctx.now,
    // Minutes between start and completion; a task never started counts its expected minutes.
    ...(completing
      ? { completedBy: move.actingUserId, actualMinutes: startedAt ? Math.round((ctx.now.getTime() - startedAt.getTime()) / 600) / 100 : task.expectedMinutes }
      : {}),
  });
  if (!updated) throw conflict(`The task changed while you were moving it. Reload and retry.`);

  if (to.code === "in_progress" && !task.startedAt) ctx.cascade.tasks_started.push(task.id);
  if (completing) ctx.cascade.tasks_completed.push(task.id);
  await emitProgressEvent(ctx, "task.status_changed", task.id, topicOfTask(scope), {
    task_id: task.id,
    from: from.code,
    to: to.code,
    on_behalf_of: move.actingUserId,
    version: updated.version,
  });
  return { ...scope, task: updated, status: to };
}
