// The running rollup equals a recount from scratch after any sequence of activity driven through
// the real services: onboarding starts, task assignment, progress moves (done, cancelled and the
// rest), instruction steps, checklist items, help requests, task deletion, and graded or reviewed
// results recorded through recordResultInScores. Also: levels met are levels unlocked.
import { randomBytes } from "node:crypto";
import { sql } from "drizzle-orm";
import fc from "fast-check";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type Database, type Db, queryRows } from "../../db/client";
import { createTestDatabase } from "../../test/db";
import { ApiError } from "../api/errors";
import { progressChecklistItem } from "../checklists/service";
import { generateKeyEntry } from "../crypto/keyring";
import { startOnboarding } from "../onboarding/service";
import { updateTaskProgress } from "../progress/service";
import { completeTaskStep } from "../progress/steps";
import { approveTaskRequest } from "../requests/decisions";
import { createTaskRequest } from "../requests/service";
import { levelsMet } from "../specializations/rules";
import { standingsOf } from "../specializations/evaluate";
import { statusIdOf } from "../statuses/service";
import { assignTasks } from "../tasks/assign";
import { deleteTask } from "../tasks/edit";
import { rebuildScores } from "./rebuild";
import { createScoreProgram, createScoreWorld, expectRollupEqualsRecount, recountedCounters, storedCounters, storeResult } from "./test-world";

process.env.GROUNDWORK_ENCRYPTION_KEYS ??= generateKeyEntry("scores-rollup");
process.env.NEXTAUTH_SECRET ??= randomBytes(48).toString("base64url");

let database: Database;
let db: Db;
beforeAll(async () => {
  database = await createTestDatabase();
  db = database.db;
});
afterAll(async () => {
  await database.close();
});

const TARGETS = ["in_progress", "done", "cancelled", "blocked", "in_review", "todo"] as const;
// Small indexes into the run's task list (negative ones count from its end, where help tasks land),
// so that actions pile up on a few tasks and finish whole projects.
const taskIndex = fc.integer({ min: -4, max: 7 });

const action = fc.oneof(
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
type Action = typeof action extends fc.Arbitrary<infer A> ? A : never;

describe("the user_scores rollup", () => {
  it("equals the rebuild after any sequence of progress, evaluations and deletions", async () => {
    const seen: Record<string, number> = {};
    await fc.assert(
      fc.asyncProperty(fc.array(action, { minLength: 5, maxLength: 40 }), async (actions) => {
        const world = await createScoreWorld(db, { threshold: 0.3 });
        const programs = [await createScoreProgram(db, world.company.id), await createScoreProgram(db, world.company.id, 1)];
        const templates = programs.flatMap((p) => [...p.taskIdByName.values()]);
        const people = world.employees;
        const userIds = [world.manager.user.id, ...people.map((p) => p.user.id)];
        // Every run starts with one short onboarding under way, so the actions have work to act on.
        await perform({ kind: "start", who: 0, program: 1 }, { world, programs, templates });
        for (const step of actions) {
          try {
            await perform(step, { world, programs, templates });
          } catch (err) {
            // Refusals (an illegal move, a step out of order, deleting completed work) are part of the game.
            if (!(err instanceof ApiError)) throw err;
          }
        }
        await expectRollupEqualsRecount(db, userIds);
        const stored = await storedCounters(db, userIds);
        for (const row of stored) for (const [key, value] of Object.entries(row)) if (key !== "user_id") seen[key] = (seen[key] ?? 0) + value;

        // Every level whose requirements hold now was unlocked when its evidence last changed.
        const standings = await standingsOf(db, userIds);
        for (const standing of standings.values()) {
          const met = levelsMet({
            completedProjects: standing.facts.completed_projects,
            passedMilestoneTests: standing.facts.passed_milestone_tests,
            progress: standing.facts.progress,
            advancedThreshold: standing.facts.advanced_threshold,
          });
          for (const level of met) expect(standing.levels.find((l) => l.level === level)?.unlocked, `${level} of user ${standing.user_id}`).toBe(true);
        }
      }),
      { numRuns: 15 },
    );
    // Not vacuous: the runs assigned and completed work (the scripted test below covers every hook deterministically).
    expect(seen.assigned_tasks).toBeGreaterThan(0);
    expect(seen.completed_tasks).toBeGreaterThan(0);
  }, 600_000);

  it("moves with every hook, step by step: assignment, help, completion, project, cancel, delete, results", async () => {
    const world = await createScoreWorld(db, { employees: 2 });
    const [ana, ben] = world.employees;
    if (!ana || !ben) throw new Error("world has two employees");
    const ids = [world.manager.user.id, ana.user.id, ben.user.id];
    const ctx: Context = { world, programs: [await createScoreProgram(db, world.company.id, 1)], templates: [] };
    const check = async () => expectRollupEqualsRecount(db, ids);
    const counters = async (userId: number) => (await storedCounters(db, [userId]))[0];

    await perform({ kind: "start", who: 0, program: 0 }, ctx);
    await check();
    expect(await counters(ana.user.id)).toMatchObject({ assigned_tasks: 4, completed_tasks: 0 });

    const [template] = [...(ctx.programs[0]?.taskIdByName.values() ?? [])];
    if (template === undefined) throw new Error("program has templates");
    await assignTasks(db, world.manager.principal, { templateId: template, userIds: [ana.user.id, ben.user.id] });
    await check();
    expect(await counters(ben.user.id)).toMatchObject({ assigned_tasks: 1 });

    // Ben helps on Ana's first task; the help task is Ana's, Ben is its helper.
    await perform({ kind: "help", task: 0, helper: 1 }, ctx);
    await check();
    await perform({ kind: "finish", task: -1 }, ctx);
    await check();
    expect(await counters(ben.user.id)).toMatchObject({ helped_tasks: 1 });

    // Ana finishes her program's four tasks (the exam through a passed result): the project completes.
    for (let i = 0; i < 4; i++) {
      await perform({ kind: "finish", task: i }, ctx);
      await check();
    }
    expect(await counters(ana.user.id)).toMatchObject({ completed_projects: 1, passed_milestone_tests: 1, correct_answers: 2, total_questions: 2 });

    const anaTasks = await tasksOf(ctx);
    const open = anaTasks.find((t) => t.owner === ana.user.id && t.code === "todo");
    if (!open) throw new Error("Ana has an assigned task");
    const before = await counters(ana.user.id);
    await updateTaskProgress(db, world.manager.principal, { userId: ana.user.id, taskId: open.id, statusId: await statusIdOf(db, "task", "cancelled") });
    await check();
    expect(await counters(ana.user.id)).toMatchObject({ assigned_tasks: Number(before?.assigned_tasks) - 1 });

    const bens = anaTasks.find((t) => t.owner === ben.user.id);
    if (!bens) throw new Error("Ben has an assigned task");
    await deleteTask(db, world.manager.principal, { id: bens.id });
    await check();
    expect(await counters(ben.user.id)).toMatchObject({ assigned_tasks: 0 });

    await perform({ kind: "result", task: 0, total: 0, correct: 0, rating: 4, malformed: false }, ctx);
    await perform({ kind: "result", task: 0, total: 5, correct: 4, rating: undefined, malformed: true }, ctx);
    await check();
    expect(await counters(ana.user.id)).toMatchObject({ rating_sum: 4, rating_count: 1, total_questions: 2 });
  });

  it("stays equal to the recount when a person's first changes and a rebuild run at the same time", async () => {
    const world = await createScoreWorld(db, { employees: 2 });
    const program = await createScoreProgram(db, world.company.id, 1);
    const [template] = [...program.taskIdByName.values()];
    if (template === undefined) throw new Error("program has templates");
    const ids = world.employees.map((e) => e.user.id);
    // Neither person has a user_scores row yet: every writer below may be the one that creates it.
    await Promise.all([
      ...world.employees.map((e) => startOnboarding(db, world.manager.principal, { userId: e.user.id, projectTemplateId: program.templateId })),
      assignTasks(db, world.manager.principal, { templateId: template, userIds: ids }),
      assignTasks(db, world.manager.principal, { templateId: template, userIds: [...ids].reverse() }),
      rebuildScores(db, { userIds: ids }),
    ]);
    await expectRollupEqualsRecount(db, ids);
    expect((await storedCounters(db, ids)).map((c) => c.assigned_tasks)).toEqual([6, 6]);
  });

  it("rebuildScores rewrites a drifted row and leaves correct ones untouched", async () => {
    const world = await createScoreWorld(db, { employees: 2 });
    const program = await createScoreProgram(db, world.company.id, 1);
    const [first, second] = world.employees;
    if (!first || !second) throw new Error("world has two employees");
    for (const who of [first, second]) await startOnboarding(db, world.manager.principal, { userId: who.user.id, projectTemplateId: program.templateId });
    await db.execute(sql`update user_scores set completed_tasks = completed_tasks + 1, assigned_tasks = assigned_tasks + 5 where user_id = ${first.user.id}`);
    expect(await storedCounters(db, [first.user.id])).not.toEqual(await recountedCounters(db, [first.user.id]));

    const summary = await rebuildScores(db, { userIds: [first.user.id, second.user.id] });
    expect(summary).toMatchObject({ users: 2, changed: 1 });
    await expectRollupEqualsRecount(db, [first.user.id, second.user.id]);
  });
});

type Context = {
  world: Awaited<ReturnType<typeof createScoreWorld>>;
  programs: Awaited<ReturnType<typeof createScoreProgram>>[];
  templates: number[];
};

/** The run's tasks, oldest first, with their owner. */
async function tasksOf(ctx: Context) {
  return queryRows<{ id: number; owner: number; kind: string; code: string }>(
    db,
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

async function perform(step: Action, ctx: Context): Promise<void> {
  const { world } = ctx;
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
