// Each score against a hand-computed fixture, through the read services: one person, a manager's
// team, an entity subtree; the weights' fallback (own → nearest ancestor → default); who may read.
import { eq } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { entities, type TaskResult, taskAssignee, tasks, type User } from "../../db/schema";
import { expectApiError } from "../../test/api-errors";
import { createEntity, createUser, principalOf } from "../../test/factories";
import { openTestDatabase } from "../../test/db";
import { statusIdOf } from "../statuses/service";
import { taskResults } from "../../db/schema";
import { DEFAULT_SCORE_WEIGHTS } from "./formulas";
import { getEntityScores, getUserScores } from "./read";
import { rebuildScores } from "./rebuild";
import { getTeamScores } from "./team";
import { createScoreWorld } from "./test-world";
import { teamScoresQuerySchema } from "./validators";

const { db } = await openTestDatabase();

const DAY = 86_400_000;

type TaskFixture = { code: string; actual?: number | null; expected: number; dueInDays: number };

async function addTask(entityId: number, owner: User, t: TaskFixture, helper?: User): Promise<number> {
  const done = t.code === "done";
  const [row] = await db
    .insert(tasks)
    .values({
      name: `${t.code} task`,
      statusId: await statusIdOf(db, "task", t.code),
      entityId,
      expectedMinutes: t.expected,
      actualMinutes: t.actual ?? null,
      dueDate: new Date(Date.now() + t.dueInDays * DAY),
      startedAt: done || t.code === "in_progress" ? new Date(Date.now() - DAY) : null,
      completedAt: done ? new Date() : null,
    })
    .returning({ id: tasks.id });
  if (!row) throw new Error("no task");
  await db.insert(taskAssignee).values([
    { taskId: row.id, assigneeId: owner.id, role: "owner" },
    ...(helper ? [{ taskId: row.id, assigneeId: helper.id, role: "helper" as const }] : []),
  ]);
  return row.id;
}

async function addResult(userId: number, taskId: number, metrics: Record<string, unknown>): Promise<TaskResult | undefined> {
  const [row] = await db.insert(taskResults).values({ userId, taskId, performanceMetrics: metrics }).returning();
  return row;
}

/**
 * Uma owns five counting tasks (three done: 30/20, 20/20 and one without actual minutes; one todo
 * past due; one in progress) and a cancelled one; she helped on two done tasks of Otto's and one
 * open one; her results: 7/10 and 3/5 graded, ratings 4 and 5, and four malformed rows.
 */
async function fixture() {
  const world = await createScoreWorld(db, { employees: 2 });
  const [uma, otto] = world.employees;
  if (!uma || !otto) throw new Error("two employees");
  const team = world.team.id;
  const exam = await addTask(team, uma.user, { code: "done", actual: 30, expected: 20, dueInDays: -2 });
  await addTask(team, uma.user, { code: "done", actual: 20, expected: 20, dueInDays: -2 });
  await addTask(team, uma.user, { code: "done", actual: null, expected: 30, dueInDays: 3 });
  await addTask(team, uma.user, { code: "todo", expected: 30, dueInDays: -1 });
  await addTask(team, uma.user, { code: "in_progress", expected: 30, dueInDays: 1 });
  await addTask(team, uma.user, { code: "cancelled", expected: 30, dueInDays: -1 });
  await addTask(team, otto.user, { code: "done", actual: 10, expected: 10, dueInDays: -1 }, uma.user);
  await addTask(team, otto.user, { code: "done", actual: 10, expected: 10, dueInDays: -1 }, uma.user);
  await addTask(team, otto.user, { code: "todo", expected: 10, dueInDays: -1 }, uma.user);
  for (const metrics of [
    { correct_answers: 7, total_questions: 10 },
    { correct_answers: 3, total_questions: 5 },
    { technical_rating: 4 },
    { technical_rating: 5 },
    { correct_answers: 3, total_questions: "ten" },
    { correct_answers: 0, total_questions: 0 },
    { correct_answers: 6, total_questions: 5 },
    { technical_rating: 7 },
  ]) {
    await addResult(uma.user.id, exam, metrics);
  }
  await rebuildScores(db, { userIds: [world.manager.user.id, uma.user.id, otto.user.id] });
  return { world, uma, otto };
}

describe("one person's scores", () => {
  it("match the hand-computed fixture, with each formula", async () => {
    const { uma } = await fixture();
    const answer = await getUserScores(db, uma.principal, { userId: uma.user.id });
    expect(answer.counters).toEqual({
      assigned_tasks: 5,
      completed_tasks: 3,
      helped_tasks: 2,
      actual_minutes: 50,
      expected_minutes: 40,
      correct_answers: 10,
      total_questions: 15,
      rating_sum: 9,
      rating_count: 2,
      completed_projects: 0,
      passed_milestone_tests: 0,
      overdue_tasks: 1,
    });
    // completion 3/5; help 2; timing 50/40; quality 10/15; technical 9/2; progress with the default
    // weights: 0.4·0.6 + 0.1·(2/5) + 0.1·(1/1.25) + 0.25·0.6667 + 0.15·((4.5 − 1)/4) = 0.657925.
    expect(answer.scores).toEqual({ completion: 0.6, help: 2, timing: 1.25, quality: 0.6667, technical: 4.5, progress: 0.6579 });
    expect(answer.weights).toEqual(DEFAULT_SCORE_WEIGHTS);
    expect(answer.weights_from_entity_id).toBeNull();
    expect(answer.formulas.completion).toBe("completed tasks / assigned tasks");
  });

  it("blend with the nearest ancestor's weights, and the entity's own once set", async () => {
    const { world, uma } = await fixture();
    const weights = { completion: 0.6, help: 0, timing: 0.4, quality: 0, technical: 0 };
    await db.update(entities).set({ scoreWeights: weights }).where(eq(entities.id, world.company.id));
    const inherited = await getUserScores(db, uma.principal, { userId: uma.user.id });
    // 0.6·0.6 + 0.4·(1/1.25) = 0.68
    expect(inherited).toMatchObject({ weights, weights_from_entity_id: world.company.id, scores: { progress: 0.68 } });

    const own = { completion: 1, help: 0, timing: 0, quality: 0, technical: 0 };
    await db.update(entities).set({ scoreWeights: own }).where(eq(entities.id, world.team.id));
    expect(await getUserScores(db, uma.principal, { userId: uma.user.id })).toMatchObject({ weights_from_entity_id: world.team.id, scores: { progress: 0.6 } });
  });

  it("answer zeros and null scores for someone with no work yet", async () => {
    const { world } = await fixture();
    const answer = await getUserScores(db, world.manager.principal, { userId: world.manager.user.id });
    expect(answer.counters.assigned_tasks).toBe(0);
    expect(answer.scores).toEqual({ completion: null, help: 0, timing: null, quality: null, technical: null, progress: null });
  });

  it("are readable by the person and by managers and admins in scope; anyone else gets a 404", async () => {
    const { world, uma, otto } = await fixture();
    expect((await getUserScores(db, world.manager.principal, { userId: uma.user.id })).user.id).toBe(uma.user.id);
    const admin = await createUser(db, world.company, { role: "admin" });
    expect((await getUserScores(db, principalOf(admin, world.company), { userId: uma.user.id })).counters.completed_tasks).toBe(3);

    await expectApiError(getUserScores(db, otto.principal, { userId: uma.user.id }), "not_found");
    const elsewhere = await createEntity(db);
    const stranger = await createUser(db, elsewhere, { role: "manager" });
    await expectApiError(getUserScores(db, principalOf(stranger, elsewhere), { userId: uma.user.id }), "not_found");
    // A read-only token of a manager still reads; a token without the read scope would not (permissions).
    await expectApiError(getUserScores(db, { ...world.manager.principal, scopes: [] }, { userId: uma.user.id }), "forbidden");
  });
});

describe("team scores", () => {
  it("list the manager's direct reports, sortable, with the aggregate as a ratio of sums", async () => {
    const { world, uma, otto } = await fixture();
    const idle = await createUser(db, world.team, { manager: world.manager.user });
    await rebuildScores(db, { userIds: [idle.id] });
    const answer = await getTeamScores(db, world.manager.principal, teamScoresQuerySchema.parse({ sort: "completion" }));
    expect(answer.team).toEqual({ kind: "manager", manager: { id: world.manager.user.id, name: world.manager.user.name } });
    // Otto 2/3 before Uma 3/5; the idle member (no evidence) last whatever the order.
    expect(answer.members.items.map((m) => m.user.id)).toEqual([otto.user.id, uma.user.id, idle.id]);
    expect(answer.members.order).toBe("desc");
    const ascending = await getTeamScores(db, world.manager.principal, teamScoresQuerySchema.parse({ sort: "completion", order: "asc" }));
    expect(ascending.members.items.map((m) => m.user.id)).toEqual([uma.user.id, otto.user.id, idle.id]);
    // (3 + 2) / (5 + 3) completed; help saturates at five per member: 2 / 15.
    expect(answer.aggregate).toMatchObject({ members: 3, counters: { assigned_tasks: 8, completed_tasks: 5, helped_tasks: 2, overdue_tasks: 2 } });
    expect(answer.aggregate.scores.completion).toBe(0.625);
    const paged = await getTeamScores(db, world.manager.principal, teamScoresQuerySchema.parse({ sort: "name", limit: 1, offset: 1 }));
    expect(paged.members).toMatchObject({ total: 3, limit: 1, offset: 1 });
    expect(paged.members.items).toHaveLength(1);
  });

  it("cover an entity subtree, and refuse employees, unseen managers and both filters at once", async () => {
    const { world, uma, otto } = await fixture();
    const answer = await getTeamScores(db, world.manager.principal, teamScoresQuerySchema.parse({ entity_id: String(world.team.id), sort: "name" }));
    expect(answer.team).toMatchObject({ kind: "entity", entity: { id: world.team.id } });
    expect(answer.aggregate.members).toBe(3);
    expect(answer.aggregate.counters.completed_tasks).toBe(5);
    expect(answer.members.items.find((m) => m.user.id === uma.user.id)?.counters.overdue_tasks).toBe(1);

    await expectApiError(getTeamScores(db, uma.principal, teamScoresQuerySchema.parse({})), "not_found");
    const elsewhere = await createEntity(db);
    const stranger = await createUser(db, elsewhere, { role: "manager" });
    await expectApiError(getTeamScores(db, principalOf(stranger, elsewhere), teamScoresQuerySchema.parse({ manager_id: String(world.manager.user.id) })), "not_found");
    await expectApiError(getTeamScores(db, principalOf(stranger, elsewhere), teamScoresQuerySchema.parse({ entity_id: String(world.team.id) })), "not_found");
    expect(teamScoresQuerySchema.safeParse({ manager_id: "1", entity_id: "2" }).success).toBe(false);
    expect(teamScoresQuerySchema.safeParse({ sort: "salary" }).success).toBe(false);
    expect(otto.user.id).toBeGreaterThan(0);
  });
});

describe("entity scores", () => {
  it("sum the subtree's members, with the entity's own members and each child entity apart", async () => {
    const { world } = await fixture();
    const admin = await createUser(db, world.company, { role: "admin" });
    const answer = await getEntityScores(db, principalOf(admin, world.company), { entityId: world.company.id });
    expect(answer.entity.id).toBe(world.company.id);
    // The admin sits in the company itself; the manager and two employees in its team.
    expect(answer.aggregate).toMatchObject({ members: 4, counters: { assigned_tasks: 8, completed_tasks: 5, overdue_tasks: 2 } });
    expect(answer.own).toMatchObject({ members: 1, counters: { assigned_tasks: 0 } });
    expect(answer.children).toHaveLength(1);
    expect(answer.children[0]).toMatchObject({ entity_id: world.team.id, members: 3, counters: { completed_tasks: 5, overdue_tasks: 2 } });
  });

  it("count overdue work by the entity it belongs to, whoever owns it, once per task", async () => {
    const { world, uma, otto } = await fixture();
    const admin = await createUser(db, world.company, { role: "admin" });
    const other = await createEntity(db, { parent: world.company, name: "Other team" });
    const read = () => getEntityScores(db, principalOf(admin, world.company), { entityId: world.company.id });
    const overdueOf = async () => {
      const answer = await read();
      const byChild = Object.fromEntries(answer.children.map((c) => [c.entity_id, c.counters.overdue_tasks]));
      return { total: answer.aggregate.counters.overdue_tasks, team: byChild[world.team.id], other: byChild[other.id] };
    };
    expect(await overdueOf()).toEqual({ total: 2, team: 2, other: 0 });

    // Work of the other team owned by Uma counts there; so does work nobody owns yet.
    await addTask(other.id, uma.user, { code: "todo", expected: 10, dueInDays: -1 });
    const [unowned] = await db
      .insert(tasks)
      .values({ name: "unowned", statusId: await statusIdOf(db, "task", "todo"), entityId: other.id, expectedMinutes: 10, dueDate: new Date(Date.now() - DAY) })
      .returning({ id: tasks.id });
    expect(unowned).toBeDefined();
    // A task with two owners counts once; cancelled and not yet due work does not count.
    const shared = await addTask(world.team.id, uma.user, { code: "in_progress", expected: 10, dueInDays: -3 });
    await db.insert(taskAssignee).values({ taskId: shared, assigneeId: otto.user.id, role: "owner" });
    await addTask(other.id, otto.user, { code: "cancelled", expected: 10, dueInDays: -1 });
    await addTask(other.id, otto.user, { code: "todo", expected: 10, dueInDays: 2 });

    expect(await overdueOf()).toEqual({ total: 5, team: 3, other: 2 });
  });

  it("is refused to employees and outside the reader's subtree", async () => {
    const { world, uma } = await fixture();
    await expectApiError(getEntityScores(db, uma.principal, { entityId: world.team.id }), "not_found");
    // The team's manager reads the team, not the company above it.
    expect((await getEntityScores(db, world.manager.principal, { entityId: world.team.id })).aggregate.members).toBe(3);
    await expectApiError(getEntityScores(db, world.manager.principal, { entityId: world.company.id }), "not_found");
  });
});
