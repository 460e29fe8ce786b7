// The counters' one definition (scoreCountersSql): what counts without a period, the cohort
// semantics of a period (inclusive ISO dates, UTC), and results that do not grade anything.
import { sql } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { queryRows } from "../../db/client";
import { milestones, projects, taskAssignee, taskResults, tasks, type User } from "../../db/schema";
import { createEntity, createUser } from "../../test/factories";
import { openTestDatabase } from "../../test/db";
import { statusIdOf } from "../statuses/service";
import { type CounterRow, scoreCountersSql } from "./counters";

const { db } = await openTestDatabase();

const at = (iso: string) => new Date(iso);

async function task(owner: User, role: "owner" | "helper", t: { code: string; created: string; completed?: string; kind?: "task" | "exam"; milestoneId?: number }) {
  const [row] = await db
    .insert(tasks)
    .values({
      name: "t",
      statusId: await statusIdOf(db, "task", t.code),
      createdAt: at(t.created),
      completedAt: t.completed ? at(t.completed) : null,
      actualMinutes: t.code === "done" ? 10 : null,
      expectedMinutes: 20,
      kind: t.kind ?? "task",
      milestoneId: t.milestoneId ?? null,
    })
    .returning({ id: tasks.id });
  if (!row) throw new Error("no task");
  await db.insert(taskAssignee).values({ taskId: row.id, assigneeId: owner.id, role });
  return row.id;
}

async function project(owner: User, code: string, completed: string | null) {
  const [row] = await db
    .insert(projects)
    .values({ name: "p", onboardeeId: owner.id, statusId: await statusIdOf(db, "project", code), completedAt: completed ? at(completed) : null })
    .returning({ id: projects.id });
  if (!row) throw new Error("no project");
  return row.id;
}

async function countersOf(user: User, period?: { from: string; to: string }) {
  const [row] = await queryRows<CounterRow>(db, scoreCountersSql({ users: sql`select ${user.id}::int`, period }));
  return row;
}

describe("scoreCountersSql", () => {
  it("counts owned non-cancelled work, done work, help, results, projects and milestone tests; with a period, by cohort", async () => {
    const entity = await createEntity(db);
    const user = await createUser(db, entity);
    const other = await createUser(db, entity);
    const january = { from: "2030-01-01", to: "2030-01-31" };

    await task(user, "owner", { code: "done", created: "2030-01-05T09:00:00Z", completed: "2030-01-20T09:00:00Z" });
    await task(user, "owner", { code: "done", created: "2030-01-05T09:00:00Z", completed: "2030-02-03T09:00:00Z" }); // done after the period
    await task(user, "owner", { code: "done", created: "2029-12-20T09:00:00Z", completed: "2030-01-10T09:00:00Z" }); // an earlier cohort
    await task(user, "owner", { code: "todo", created: "2030-01-31T23:00:00Z" }); // the last day is inside
    await task(user, "owner", { code: "todo", created: "2030-02-01T00:00:00Z" }); // the day after is not
    await task(user, "owner", { code: "cancelled", created: "2030-01-06T09:00:00Z" }); // never assigned work
    await task(user, "helper", { code: "done", created: "2029-12-01T09:00:00Z", completed: "2030-01-15T09:00:00Z" });
    await task(user, "helper", { code: "done", created: "2029-12-01T09:00:00Z", completed: "2029-12-31T23:59:00Z" });
    await task(user, "helper", { code: "in_progress", created: "2030-01-02T09:00:00Z" }); // help not yet given
    await task(other, "owner", { code: "done", created: "2030-01-02T09:00:00Z", completed: "2030-01-03T09:00:00Z" });

    const done = await project(user, "completed", "2030-01-25T09:00:00Z");
    await project(user, "completed", "2029-12-25T09:00:00Z");
    await project(user, "in_progress", null);
    const [milestone] = await db.insert(milestones).values({ name: "m", description: "", projectId: done, expectedHours: 1 }).returning();
    await task(user, "owner", { code: "done", kind: "exam", created: "2030-01-02T09:00:00Z", completed: "2030-01-12T09:00:00Z", milestoneId: milestone?.id });
    await task(user, "owner", { code: "done", kind: "exam", created: "2030-01-02T09:00:00Z", completed: "2030-01-12T09:00:00Z" }); // no milestone: not a milestone test

    const results: [string, Record<string, unknown>][] = [
      ["2030-01-10T09:00:00Z", { correct_answers: 5, total_questions: 10 }],
      ["2030-01-11T09:00:00Z", { technical_rating: 3 }],
      ["2030-02-01T09:00:00Z", { correct_answers: 1, total_questions: 1, technical_rating: 5 }],
      // Graded nothing: a string count, zero questions, more correct than asked, a fractional count, ratings outside 1–5 or fractional.
      ["2030-01-12T09:00:00Z", { correct_answers: "5", total_questions: 10 }],
      ["2030-01-12T09:00:00Z", { correct_answers: 0, total_questions: 0 }],
      ["2030-01-12T09:00:00Z", { correct_answers: 4, total_questions: 3 }],
      ["2030-01-12T09:00:00Z", { correct_answers: 1.5, total_questions: 3 }],
      ["2030-01-12T09:00:00Z", { technical_rating: 0 }],
      ["2030-01-12T09:00:00Z", { technical_rating: 4.5 }],
      ["2030-01-12T09:00:00Z", { technical_rating: "5" }],
    ];
    for (const [created, metrics] of results) await db.insert(taskResults).values({ userId: user.id, performanceMetrics: metrics, createdAt: at(created) });

    expect(await countersOf(user)).toEqual({
      user_id: user.id,
      assigned_tasks: 7, // five owned tasks that are not cancelled, and the two exams
      completed_tasks: 5,
      helped_tasks: 2,
      actual_minutes: 50,
      expected_minutes: 100,
      correct_answers: 6,
      total_questions: 11,
      rating_sum: 8,
      rating_count: 2,
      completed_projects: 2,
      passed_milestone_tests: 1,
    });
    expect(await countersOf(user, january)).toEqual({
      user_id: user.id,
      assigned_tasks: 5, // two of Jan 5, the one of Jan 31 and the two exams
      completed_tasks: 3, // the Jan 20 one and the two exams
      helped_tasks: 1,
      actual_minutes: 30,
      expected_minutes: 60,
      correct_answers: 5,
      total_questions: 10,
      rating_sum: 3,
      rating_count: 1,
      completed_projects: 1,
      passed_milestone_tests: 1,
    });
  });

  it("answers one zero row for a user without work and no row for an unknown id", async () => {
    const entity = await createEntity(db);
    const idle = await createUser(db, entity);
    const rows = await queryRows<CounterRow>(db, scoreCountersSql({ users: sql`${idle.id}, ${2_000_000_000}` }));
    expect(rows).toEqual([
      expect.objectContaining({ user_id: idle.id, assigned_tasks: 0, completed_tasks: 0, actual_minutes: 0, completed_projects: 0 }),
    ]);
  });
});
