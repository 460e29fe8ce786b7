// The actions of the rollup property test (rollup.test.ts): generated at random, then driven
// through the real services against the run's own world; refusals are part of the game.
import { sql } from "drizzle-orm";
import fc from "fast-check";
import { type Db, queryRows } from "../../db/client";
import { ApiError } from "../api/errors";
import { progressChecklistItem } from "../checklists/service";
import { startOnboarding } from "../onboarding/service";
import { updateTaskProgress } from "../progress/service";
import { completeTaskStep } from "../progress/steps";
import { approveTaskRequest } from "../requests/decisions";
import { createTaskRequest } from "../requests/service";
import { statusIdOf } from "../statuses/service";
import { assignTasks } from "../tasks/assign";
import { deleteTask } from "../tasks/edit";
import { type createScoreProgram, type createScoreWorld, storeResult } from "./test-world";

const TARGETS = ["in_progress", "done", "cancelled", "blocked", "in_review", "todo"] as const;
// Small indexes into the run's task list (negative ones count from its end, where help tasks land),
// so that actions pile up on a few tasks and finish whole projects.
const taskIndex = fc.integer({ min: -4, max: 7 });

export const action = fc.oneof(
  { weight: 2, arbitrary: fc.record({ kind: fc.constant("start" as const), who: fc.nat(2), program: fc.nat(1) }) },
  { weight: 1, arbitrary: fc.record({ kind: fc.constant("assign" as const), who: fc.subarray([0, 1, 2], { minLength: 1 }), template: fc.nat(7) }) },
  { weight: 4, arbitrary: fc.record({ kind: fc.constant("move" as const), task: taskIndex, to: fc.constantFrom(...TARGETS), asOwner: fc.boolean() }) },
  { weight: 5, arbitrary: fc.record({ kind: fc.constant("finish" as const), task: taskIndex }) },
  { weight: 3, arbitrary: fc.record({ kind: fc.constant("step" as const), task: taskIndex }) },
  { weight: 3, arbitrary: fc.record({ kind: fc.constant("item" as const), task: taskIndex, item: fc.nat(1) }) },
  { weight: 2, arbitrary: fc.record({ kind: fc.constant("help" as const), task: taskIndex, helper: fc.nat(2) }) },
  { weight: 1, arbitrary: fc.record({ kind: fc.constant("delete" as const), task: taskIndex }) },
  {
    weight: 3,
    arbitrary: fc.record({
      kind: fc.constant("result" as const),
      task: taskIndex,
      total: fc.integer({ min: 0, max: 12 }),
      correct: fc.integer({ min: 0, max: 14 }),
      rating: fc.option(fc.integer({ min: 0, max: 6 }), { nil: undefined }),
      malformed: fc.boolean(),
    }),
  },
);
export type Action = typeof action extends fc.Arbitrary<infer A> ? A : never;

export type Context = {
  db: Db;
  world: Awaited<ReturnType<typeof createScoreWorld>>;
  programs: Awaited<ReturnType<typeof createScoreProgram>>[];
  templates: number[];
};

/** The run's tasks, oldest first, with their owner. */
export async function tasksOf(ctx: Context) {
  return queryRows<{ id: number; owner: number; kind: string; code: string }>(
    ctx.db,
    sql`select t.id, ta.assignee_id as owner, t.kind, s.code from tasks t join task_assignee ta on ta.task_id = t.id and ta.role = 'owner'
        join statuses s on s.id = t.status_id
        where ta.assignee_id in (${sql.join(ctx.world.employees.map((e) => sql`${e.user.id}`), sql`, `)}) order by t.id`,
  );
}

async function ignoreRefusal(promise: Promise<unknown>): Promise<void> {
  await promise.catch((err: unknown) => {
    if (!(err instanceof ApiError)) throw err;
  });
}

const pick = <T>(list: readonly T[], index: number): T | undefined =>
  list.length ? list[((index % list.length) + list.length) % list.length] : undefined;

export async function perform(step: Action, ctx: Context): Promise<void> {
  const { db, world } = ctx;
  const actorOf = (userId: number) => world.employees.find((e) => e.user.id === userId) ?? world.manager;
  switch (step.kind) {
    case "start": {
      const who = world.employees[step.who];
      const program = ctx.programs[step.program];
      if (who && program) await startOnboarding(db, world.manager.principal, { userId: who.user.id, projectTemplateId: program.templateId });
      return;
    }
    case "assign": {
      const templateId = pick(ctx.templates, step.template);
      const userIds = step.who.flatMap((i) => world.employees[i]?.user.id ?? []);
      if (templateId !== undefined) await assignTasks(db, world.manager.principal, { templateId, userIds });
      return;
    }
    case "move": {
      const task = pick(await tasksOf(ctx), step.task);
      if (!task) return;
      const principal = step.asOwner ? actorOf(task.owner).principal : world.manager.principal;
      await updateTaskProgress(db, principal, { userId: task.owner, taskId: task.id, statusId: await statusIdOf(db, "task", step.to) });
      return;
    }
    case "finish": {
      // What a diligent onboardee does: every step and item, a passed exam, then done.
      const task = pick(await tasksOf(ctx), step.task);
      if (!task) return;
      const owner = actorOf(task.owner).principal;
      const steps = await queryRows<{ id: number }>(db, sql`select id from task_steps where task_id = ${task.id} and kind = 'instruction' order by position`);
      for (const s of steps) await ignoreRefusal(completeTaskStep(db, owner, { taskId: task.id, stepId: s.id }));
      const items = await queryRows<{ id: number; checklist_id: number }>(
        db,
        sql`select i.id, i.checklist_id from checklist_items i join checklists c on c.id = i.checklist_id where c.task_id = ${task.id} order by i.position`,
      );
      for (const item of items) await ignoreRefusal(progressChecklistItem(db, owner, { checklistId: item.checklist_id, itemId: item.id, action: "complete" }));
      if (task.kind === "exam") await storeResult(db, { taskId: task.id, userId: task.owner, metrics: { correct_answers: 2, total_questions: 2 }, passed: true });
      for (const code of ["in_progress", "done"]) {
        await ignoreRefusal(updateTaskProgress(db, owner, { userId: task.owner, taskId: task.id, statusId: await statusIdOf(db, "task", code) }));
      }
      return;
    }
    case "step": {
      const task = pick(await tasksOf(ctx), step.task);
      if (!task) return;
      const [open] = await queryRows<{ id: number }>(
        db,
        sql`select ts.id from task_steps ts join statuses s on s.id = ts.status_id where ts.task_id = ${task.id} and ts.kind = 'instruction' and s.code <> 'done' order by ts.position limit 1`,
      );
      if (open) await completeTaskStep(db, actorOf(task.owner).principal, { taskId: task.id, stepId: open.id });
      return;
    }
    case "item": {
      const task = pick(await tasksOf(ctx), step.task);
      if (!task) return;
      const items = await queryRows<{ id: number; checklist_id: number }>(
        db,
        sql`select i.id, i.checklist_id from checklist_items i join checklists c on c.id = i.checklist_id where c.task_id = ${task.id} order by i.position`,
      );
      const item = pick(items, step.item);
      if (item) await progressChecklistItem(db, actorOf(task.owner).principal, { checklistId: item.checklist_id, itemId: item.id, action: "complete" });
      return;
    }
    case "help": {
      const task = pick(await tasksOf(ctx), step.task);
      const helper = world.employees[step.helper];
      if (!task || !helper || helper.user.id === task.owner) return;
      const request = await createTaskRequest(db, actorOf(task.owner).principal, {
        title: "Pair on this",
        related_task_id: task.id,
        assignee_ids: [helper.user.id],
      });
      if (request.status?.code === "pending_approval") await approveTaskRequest(db, world.manager.principal, { id: request.id });
      return;
    }
    case "delete": {
      const task = pick(await tasksOf(ctx), step.task);
      if (task) await deleteTask(db, world.manager.principal, { id: task.id });
      return;
    }
    case "result": {
      const exams = (await tasksOf(ctx)).filter((t) => t.kind === "exam");
      const exam = pick(exams, step.task);
      if (!exam) return;
      const metrics: Record<string, unknown> = step.malformed
        ? { correct_answers: String(step.correct), total_questions: step.total, technical_rating: 4.5 }
        : { correct_answers: step.correct, total_questions: step.total, ...(step.rating === undefined ? {} : { technical_rating: step.rating }) };
      await storeResult(db, { taskId: exam.id, userId: exam.owner, metrics, passed: step.correct * 2 >= step.total && step.total > 0 });
      return;
    }
  }
}
