// The running rollup equals a recount from scratch after any sequence of activity driven through
// the real services: onboarding starts, task assignment, progress moves (done, cancelled and the
// rest), instruction steps, checklist items, help requests, task deletion, and graded or reviewed
// results recorded through recordResultInScores. Also: levels met are levels unlocked.
import { randomBytes } from "node:crypto";
import { sql } from "drizzle-orm";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { openTestDatabase } from "../../test/db";
import { ApiError } from "../api/errors";
import { generateKeyEntry } from "../crypto/keyring";
import { startOnboarding } from "../onboarding/service";
import { updateTaskProgress } from "../progress/service";
import { levelsMet } from "../specializations/rules";
import { standingsOf } from "../specializations/evaluate";
import { statusIdOf } from "../statuses/service";
import { assignTasks } from "../tasks/assign";
import { deleteTask } from "../tasks/edit";
import { rebuildScores } from "./rebuild";
import { action, type Context, perform, tasksOf } from "./test-rollup-actions";
import { createScoreProgram, createScoreWorld, expectRollupEqualsRecount, recountedCounters, storedCounters } from "./test-world";

process.env.GROUNDWORK_ENCRYPTION_KEYS ??= generateKeyEntry("scores-rollup");
process.env.NEXTAUTH_SECRET ??= randomBytes(48).toString("base64url");

const { db } = await openTestDatabase();

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
        await perform({ kind: "start", who: 0, program: 1 }, { db, world, programs, templates });
        for (const step of actions) {
          try {
            await perform(step, { db, world, programs, templates });
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
    const ctx: Context = { db, world, programs: [await createScoreProgram(db, world.company.id, 1)], templates: [] };
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
