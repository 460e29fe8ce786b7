// Specializations from the database, through the real services: each level unlocks exactly at
// its threshold and not one step before, stores its evidence and emits one event; the update
// endpoint's service ignores client numbers; no profession or a missing level is answered clearly.
import { randomBytes } from "node:crypto";
import { and, eq, sql } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { queryRows } from "../../db/client";
import { entities, events, specializations, users } from "../../db/schema";
import { expectApiError } from "../../test/api-errors";
import { createEntity, createProgram, createUser, principalOf, quizStep } from "../../test/factories";
import { openTestDatabase } from "../../test/db";
import { generateKeyEntry } from "../crypto/keyring";
import { startOnboarding } from "../onboarding/service";
import { updateTaskProgress } from "../progress/service";
import { createScoreWorld, storeResult, type Actor } from "../scores/test-world";
import { statusIdOf } from "../statuses/service";
import { getUserSpecializations, updateSpecializations } from "./service";
import { specializationUpdateSchema } from "./validators";

process.env.GROUNDWORK_ENCRYPTION_KEYS ??= generateKeyEntry("specializations");
process.env.NEXTAUTH_SECRET ??= randomBytes(48).toString("base64url");

const { db } = await openTestDatabase();

type World = Awaited<ReturnType<typeof createScoreWorld>>;

/** Plain tasks in one milestone, or one exam per milestone. */
async function program(world: World, shape: { plain?: number; exams?: number }) {
  const created = await createProgram(db, {
    entityId: world.company.id,
    milestones: shape.exams
      ? Array.from({ length: shape.exams }, (_, i) => ({ name: `Test ${i + 1}`, offset: i, duration: 1, tasks: [{ name: `Exam ${i + 1}`, kind: "exam" as const, steps: [quizStep()] }] }))
      : [{ name: "Week", offset: 0, duration: 5, tasks: Array.from({ length: shape.plain ?? 1 }, (_, i) => ({ name: `Task ${i + 1}` })) }],
  });
  return created.templateId;
}

async function start(world: World, who: Actor, templateId: number): Promise<number[]> {
  const { project } = await startOnboarding(db, world.manager.principal, { userId: who.user.id, projectTemplateId: templateId });
  const rows = await queryRows<{ id: number }>(db, sql`select id from tasks where project_id = ${project.id} order by position, id`);
  return rows.map((r) => r.id);
}

async function finish(who: Actor, taskId: number, exam = false): Promise<void> {
  if (exam) await storeResult(db, { taskId, userId: who.user.id, metrics: { correct_answers: 2, total_questions: 2 }, passed: true });
  for (const code of ["in_progress", "done"]) {
    await updateTaskProgress(db, who.principal, { userId: who.user.id, taskId, statusId: await statusIdOf(db, "task", code) });
  }
}

const unlocked = async (who: Actor) =>
  (await getUserSpecializations(db, who.principal, { userId: who.user.id })).levels.filter((l) => l.unlocked).map((l) => l.level);

const unlockEvents = (userId: number) =>
  db.select().from(events).where(and(eq(events.type, "specialization.unlocked"), eq(events.userId, userId)));

describe("unlocking", () => {
  it("Beginner unlocks with the first completed project, not a task before, with evidence and one event", async () => {
    const world = await createScoreWorld(db, { employees: 1 });
    const [ana] = world.employees;
    if (!ana) throw new Error("one employee");
    const [first, second] = await start(world, ana, await program(world, { plain: 2 }));
    if (!first || !second) throw new Error("two tasks");
    await finish(ana, first);
    expect(await unlocked(ana)).toEqual([]);
    await finish(ana, second);
    expect(await unlocked(ana)).toEqual(["beginner"]);

    const standing = await getUserSpecializations(db, ana.principal, { userId: ana.user.id });
    const beginner = standing.levels.find((l) => l.level === "beginner");
    const [project] = await queryRows<{ id: number }>(db, sql`select id from projects where onboardee_id = ${ana.user.id}`);
    expect(beginner?.evidence).toMatchObject({ completed_project_ids: [project?.id], completed_projects: 1, advanced_threshold: 0.8 });
    expect(standing.next).toMatchObject({ level: "intermediate", missing: [{ metric: "passed_milestone_tests", at_least: 3, current: 0 }] });
    const sent = await unlockEvents(ana.user.id);
    expect(sent).toHaveLength(1);
    expect(sent[0]?.payload).toMatchObject({ level: "beginner", specialization_id: beginner?.specialization_id });
  });

  it("Intermediate unlocks with the third passed milestone test, not the second", async () => {
    const world = await createScoreWorld(db, { employees: 1 });
    const [ana] = world.employees;
    if (!ana) throw new Error("one employee");
    const exams = await start(world, ana, await program(world, { exams: 4 }));
    for (const [i, exam] of exams.slice(0, 3).entries()) {
      expect(await unlocked(ana)).toEqual([]);
      await finish(ana, exam, true);
      expect(await unlocked(ana)).toEqual(i < 2 ? [] : ["intermediate"]);
    }
    const intermediate = (await getUserSpecializations(db, ana.principal, { userId: ana.user.id })).levels.find((l) => l.level === "intermediate");
    expect(intermediate?.evidence).toMatchObject({ milestone_test_task_ids: exams.slice(0, 3), passed_milestone_tests: 3 });
  });

  it("Advanced needs a second completed project and progress above the entity's threshold, strictly", async () => {
    // Progress is the completion ratio alone with these weights.
    const weights = { completion: 1, help: 0, timing: 0, quality: 0, technical: 0 };
    const world = await createScoreWorld(db, { employees: 2, weights, threshold: 0.5 });
    const [ana, ben] = world.employees;
    if (!ana || !ben) throw new Error("two employees");
    const templateId = await program(world, { plain: 1 });
    for (const who of [ana, ben]) {
      const [task] = await start(world, who, templateId);
      if (task) await finish(who, task);
    }
    // One project, progress 1.0 above 0.5: still only Beginner.
    expect(await unlocked(ana)).toEqual(["beginner"]);
    const [again] = await start(world, ana, templateId);
    if (!again) throw new Error("a task");
    await finish(ana, again);
    expect(await unlocked(ana)).toEqual(["beginner", "advanced"]);
    const advanced = (await getUserSpecializations(db, ana.principal, { userId: ana.user.id })).levels.find((l) => l.level === "advanced");
    expect(advanced?.evidence).toMatchObject({ completed_projects: 2, progress: 1, advanced_threshold: 0.5 });

    // At the threshold is not above it.
    await db.update(entities).set({ advancedThreshold: 1 }).where(eq(entities.id, world.team.id));
    const [benAgain] = await start(world, ben, templateId);
    if (!benAgain) throw new Error("a task");
    await finish(ben, benAgain);
    const standing = await getUserSpecializations(db, ben.principal, { userId: ben.user.id });
    expect(standing.facts).toMatchObject({ completed_projects: 2, progress: 1, advanced_threshold: 1 });
    expect(standing.levels.filter((l) => l.unlocked).map((l) => l.level)).toEqual(["beginner"]);
    expect(standing.next).toMatchObject({ level: "intermediate" });
  });
});

describe("POST /api/specializations/update (service)", () => {
  it("re-evaluates from the database only: numbers in progress_data are ignored and named", async () => {
    const world = await createScoreWorld(db, { employees: 1 });
    const [ana] = world.employees;
    if (!ana) throw new Error("one employee");
    const body = specializationUpdateSchema.parse({
      user_id: ana.user.id,
      progress_data: { reevaluate: true, progress: 0.99, completed_projects: 5, passed_milestone_tests: 9 },
    });
    const answer = await updateSpecializations(db, ana.principal, body);
    expect(answer.newly_unlocked).toEqual([]);
    expect(answer.levels.every((l) => !l.unlocked)).toBe(true);
    expect(answer.progress_data).toMatchObject({ reevaluated: true, ignored_fields: ["completed_projects", "passed_milestone_tests", "progress"] });
    expect(answer.progress_data.message).toMatch(/never evidence/);
    expect(specializationUpdateSchema.safeParse({ user_id: ana.user.id, progress_data: { notes: 5 } }).success).toBe(false);
    expect(specializationUpdateSchema.safeParse({ user_id: ana.user.id, progress_data: { reevaluate: "yes" } }).success).toBe(false);
    expect(specializationUpdateSchema.safeParse({ user_id: ana.user.id, extra: 1 }).success).toBe(false);
  });

  it("unlocks what the database already shows (a profession set later), storing the notes, once", async () => {
    const world = await createScoreWorld(db, { employees: 1 });
    const [ana] = world.employees;
    if (!ana) throw new Error("one employee");
    await db.update(users).set({ professionId: null }).where(eq(users.id, ana.user.id));
    const [task] = await start(world, ana, await program(world, { plain: 1 }));
    if (task) await finish(ana, task);
    const without = await getUserSpecializations(db, ana.principal, { userId: ana.user.id });
    expect(without.blocked_reason).toMatch(/no profession/);
    expect(without.levels.every((l) => !l.unlocked && l.specialization_id === null)).toBe(true);

    await db.update(users).set({ professionId: world.profession.id }).where(eq(users.id, ana.user.id));
    const body = specializationUpdateSchema.parse({ user_id: ana.user.id, progress_data: { reevaluate: true, notes: "Finished the program early." } });
    const answer = await updateSpecializations(db, world.manager.principal, body);
    expect(answer.newly_unlocked.map((l) => l.level)).toEqual(["beginner"]);
    expect(answer.newly_unlocked[0]).toMatchObject({ notes: "Finished the program early." });
    expect(answer.progress_data).toMatchObject({ notes_stored: true, ignored_fields: [] });

    const again = await updateSpecializations(db, world.manager.principal, body);
    expect(again.newly_unlocked).toEqual([]);
    expect(again.progress_data.notes_stored).toBe(false);
    expect(await unlockEvents(ana.user.id)).toHaveLength(1);
  });

  it("answers a profession without a level row as missing, and unlocks the levels that exist", async () => {
    const world = await createScoreWorld(db, { employees: 1, weights: { completion: 1, help: 0, timing: 0, quality: 0, technical: 0 }, threshold: 0 });
    const [ana] = world.employees;
    if (!ana) throw new Error("one employee");
    await db.delete(specializations).where(and(eq(specializations.professionId, world.profession.id), eq(specializations.level, "advanced")));
    const templateId = await program(world, { plain: 1 });
    for (let i = 0; i < 2; i++) {
      const [task] = await start(world, ana, templateId);
      if (task) await finish(ana, task);
    }
    const standing = await getUserSpecializations(db, ana.principal, { userId: ana.user.id });
    expect(standing.levels.find((l) => l.level === "advanced")).toMatchObject({ specialization_id: null, met: true, unlocked: false });
    expect(standing.levels.find((l) => l.level === "beginner")?.unlocked).toBe(true);
    expect(standing.blocked_reason).toMatch(/defines no advanced level/);
  });

  it("lets employees act for themselves only, managers and admins within their scope", async () => {
    const world = await createScoreWorld(db, { employees: 2 });
    const [ana, ben] = world.employees;
    if (!ana || !ben) throw new Error("two employees");
    const body = (userId: number) => specializationUpdateSchema.parse({ user_id: userId, progress_data: {} });
    await expectApiError(updateSpecializations(db, ana.principal, body(ben.user.id)), "not_found");
    await expectApiError(getUserSpecializations(db, ana.principal, { userId: ben.user.id }), "not_found");
    expect((await updateSpecializations(db, world.manager.principal, body(ben.user.id))).user_id).toBe(ben.user.id);
    expect((await getUserSpecializations(db, world.manager.principal, { userId: ben.user.id })).user_id).toBe(ben.user.id);
    const elsewhere = await createEntity(db);
    const stranger = await createUser(db, elsewhere, { role: "admin" });
    await expectApiError(updateSpecializations(db, principalOf(stranger, elsewhere), body(ana.user.id)), "not_found");
    await expectApiError(getUserSpecializations(db, principalOf(stranger, elsewhere), { userId: ana.user.id }), "not_found");
    await expectApiError(updateSpecializations(db, { ...ana.principal, scopes: ["read"] }, body(ana.user.id)), "forbidden");
  });
});
