// The benchmark seed at N = 20: counts scale as promised, the rows agree with each other, the
// user_scores rollup equals a plain recomputation, and the migrated schema is left as it was.
import { type SQL, sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { processDefinition } from "../../lib/templates/process-definition";
import { createTestDatabase } from "../../test/db";
import { type Database, queryRows } from "../client";
import { tasks } from "../schema";
import { seedScale } from "./scale";

const N = 20;
let database: Database;
let counts: Record<string, number>;

beforeAll(async () => {
  database = await createTestDatabase();
  counts = await seedScale(database, N, () => undefined);
});
afterAll(async () => {
  await database.close();
});

const rows = <T extends Record<string, unknown>>(query: SQL) => queryRows<T>(database.db, query);
async function count(query: SQL): Promise<number> {
  const [row] = await rows<{ n: number }>(query);
  return Number(row?.n);
}

describe("seedScale", () => {
  it("scales to ~100 tasks per employee and ~10 checklist items per task", async () => {
    expect(counts.tasks).toBeGreaterThanOrEqual(90 * N);
    expect(counts.tasks).toBeLessThanOrEqual(110 * N);
    expect(counts.checklist_items).toBeGreaterThanOrEqual(9 * (counts.tasks ?? 0));
    expect(counts.checklist_items).toBeLessThanOrEqual(11 * (counts.tasks ?? 0));
    expect(counts.checklists).toBe(counts.tasks);
    expect(counts.task_steps).toBe(2 * (counts.tasks ?? 0));
    expect(counts.projects).toBe(N);
    expect(await count(sql`select count(*)::int as n from tasks`)).toBe(counts.tasks);
    expect(await count(sql`select count(*)::int as n from users where role = 'employee'`)).toBe(N);
    expect(await count(sql`select count(*)::int as n from users where role = 'manager'`)).toBeGreaterThanOrEqual(N / 10);
  });

  it("gives every employee exactly one project, in their own entity, with milestones", async () => {
    expect(await count(sql`select count(*)::int as n from users u where u.role = 'employee'
      and (select count(*) from projects p where p.onboardee_id = u.id and p.entity_id = u.entity_id) <> 1`)).toBe(0);
    expect(await count(sql`select count(*)::int as n from projects p where (select count(*) from milestones m where m.project_id = p.id) < 5`)).toBe(0);
    expect(await count(sql`select count(*)::int as n from tasks t join projects p on p.id = t.project_id where t.entity_id <> p.entity_id`)).toBe(0);
  });

  it("builds a consistent entity tree and valid published templates", async () => {
    expect(await count(sql`select count(*)::int as n from entities c left join entities p on p.id = c.parent_id
      where c.root_id is null or c.path <> coalesce(p.path, '/') || c.id || '/'`)).toBe(0);
    const steps = await rows<{ definition: unknown }>(sql`select process_definition as definition from step_templates`);
    for (const step of steps) expect(processDefinition.safeParse(step.definition).success).toBe(true);
    const programs = await rows<{ milestones: number; tasks: number }>(sql`select
      (select count(*)::int from project_template_milestone_template l where l.project_template_id = pt.id) as milestones,
      (select count(*)::int from project_template_milestone_template l join milestone_template_task_template m on m.milestone_template_id = l.milestone_template_id
        where l.project_template_id = pt.id) as tasks
      from project_templates pt where not pt.is_draft`);
    expect(programs).toHaveLength(2);
    for (const program of programs) expect(program.milestones).toBeGreaterThanOrEqual(5);
    expect(await count(sql`select count(*)::int as n from task_temp_parent_task_temp`)).toBeGreaterThan(0);
  });

  it("stamps done tasks and completes all their checklist items", async () => {
    expect(await count(sql`select count(*)::int as n from tasks t join statuses s on s.id = t.status_id where s.code = 'done'`)).toBeGreaterThan(0);
    expect(await count(sql`select count(*)::int as n from tasks t join statuses s on s.id = t.status_id where s.code = 'done'
      and (t.started_at is null or t.completed_at is null or t.completed_at < t.started_at or t.actual_minutes is null or t.completed_by is null)`)).toBe(0);
    expect(await count(sql`select count(*)::int as n from checklist_items i join checklists c on c.id = i.checklist_id
      join tasks t on t.id = c.task_id join statuses ts on ts.id = t.status_id join statuses s on s.id = i.status_id
      where ts.code = 'done' and (s.code <> 'done' or i.completed_at is null or i.completed_by is null or i.completed_at > t.completed_at)`)).toBe(0);
    // A checklist is completed exactly when all its items are done.
    expect(await count(sql`select count(*)::int as n from checklists c
      where c.is_completed <> (select bool_and(s.code = 'done') from checklist_items i join statuses s on s.id = i.status_id where i.checklist_id = c.id)`)).toBe(0);
    // Work that never started has no timestamps.
    expect(await count(sql`select count(*)::int as n from tasks t join statuses s on s.id = t.status_id
      where s.code in ('todo', 'cancelled') and (t.started_at is not null or t.completed_at is not null)`)).toBe(0);
    const codes = await rows<{ code: string }>(sql`select distinct s.code from tasks t join statuses s on s.id = t.status_id`);
    expect(codes.map((c) => c.code)).toEqual(expect.arrayContaining(["done", "todo", "in_progress"]));
  });

  it("records one passed result per done exam and none for anything else", async () => {
    expect(await count(sql`select count(*)::int as n from tasks t join statuses s on s.id = t.status_id
      where t.kind = 'exam' and s.code = 'done' and (select count(*) from task_results r where r.task_id = t.id and r.passed) <> 1`)).toBe(0);
    expect(await count(sql`select count(*)::int as n from task_results r join tasks t on t.id = r.task_id join statuses s on s.id = t.status_id
      where s.code <> 'done' or t.kind <> 'exam' or (r.performance_metrics->>'correct_answers')::int > (r.performance_metrics->>'total_questions')::int`)).toBe(0);
  });

  it("cascades completion to milestones and projects", async () => {
    expect(await count(sql`select count(*)::int as n from milestones m join statuses s on s.id = m.status_id
      where (s.code = 'completed') <> (select bool_and(ts.is_final) from tasks t join statuses ts on ts.id = t.status_id where t.milestone_id = m.id)`)).toBe(0);
    expect(await count(sql`select count(*)::int as n from projects p join statuses s on s.id = p.status_id
      where s.code = 'completed' and (p.completed_at is null or exists (select 1 from tasks t join statuses ts on ts.id = t.status_id where t.project_id = p.id and ts.code <> 'done'))`)).toBe(0);
  });

  it("fills user_scores with exactly what a plain GROUP BY over the rows gives", async () => {
    type Score = { user_id: number; assigned: number; completed: number; helped: number; actual: number; expected: number; correct: number; total: number; projects: number; tests: number };
    const stored = await rows<Score>(sql`select user_id, assigned_tasks as assigned, completed_tasks as completed, helped_tasks as helped,
      actual_minutes::float8 as actual, expected_minutes::float8 as expected, correct_answers as correct, total_questions as total,
      completed_projects as projects, passed_milestone_tests as tests from user_scores order by user_id`);
    // Written out plainly here, not through lib/scores/counters.ts, so the seed is checked against the definition's text.
    const recomputed = await rows<Score>(sql`
      with work as (
        select ta.assignee_id as user_id,
          count(*) filter (where ta.role = 'owner' and s.code <> 'cancelled')::int as assigned,
          count(*) filter (where ta.role = 'owner' and s.code = 'done')::int as completed,
          count(*) filter (where ta.role = 'helper' and s.code = 'done')::int as helped,
          coalesce(sum(t.actual_minutes) filter (where ta.role = 'owner' and s.code = 'done' and t.actual_minutes is not null), 0)::float8 as actual,
          coalesce(sum(t.expected_minutes) filter (where ta.role = 'owner' and s.code = 'done' and t.actual_minutes is not null), 0)::float8 as expected,
          count(*) filter (where ta.role = 'owner' and s.code = 'done' and t.kind = 'exam' and t.milestone_id is not null)::int as tests
        from task_assignee ta join tasks t on t.id = ta.task_id join statuses s on s.id = t.status_id group by ta.assignee_id
      ), exams as (
        select r.user_id, sum((r.performance_metrics->>'correct_answers')::int)::int as correct, sum((r.performance_metrics->>'total_questions')::int)::int as total
        from task_results r where (r.performance_metrics->>'total_questions')::int > 0 group by r.user_id
      ), finished as (
        select p.onboardee_id as user_id, count(*)::int as projects from projects p join statuses s on s.id = p.status_id where s.code = 'completed' group by p.onboardee_id
      )
      select u.id as user_id, coalesce(w.assigned, 0) as assigned, coalesce(w.completed, 0) as completed, coalesce(w.helped, 0) as helped,
        coalesce(w.actual, 0) as actual, coalesce(w.expected, 0) as expected, coalesce(e.correct, 0) as correct, coalesce(e.total, 0) as total,
        coalesce(f.projects, 0) as projects, coalesce(w.tests, 0) as tests
      from users u left join work w on w.user_id = u.id left join exams e on e.user_id = u.id left join finished f on f.user_id = u.id
      order by u.id`);
    expect(stored).toEqual(recomputed);
    const totals = (key: keyof Score) => stored.reduce((sum, s) => sum + s[key], 0);
    // Not vacuously equal: every rolled-up quantity occurs in the data.
    for (const key of ["assigned", "completed", "helped", "actual", "correct", "projects", "tests"] as const) expect(totals(key)).toBeGreaterThan(0);
    const [cancelled] = await rows<{ n: number }>(sql`select count(*)::int as n from tasks t join statuses s on s.id = t.status_id where s.code = 'cancelled'`);
    expect(totals("assigned")).toBe((counts.tasks ?? 0) - (cancelled?.n ?? 0));
  });

  it("defines the three levels of every profession and unlocks them from the loaded counters", async () => {
    expect(await count(sql`select count(*)::int as n from professions p where (select count(*) from specializations s where s.profession_id = p.id) <> 3`)).toBe(0);
    // Beginner exactly for the employees with a completed project and a profession.
    expect(await count(sql`select count(*)::int as n from users u left join user_specializations us on us.user_id = u.id
      and us.specialization_id = (select id from specializations s where s.profession_id = u.profession_id and s.level = 'beginner')
      where u.role = 'employee' and (us.user_id is not null) <> exists (select 1 from user_scores sc where sc.user_id = u.id and sc.completed_projects >= 1)`)).toBe(0);
    expect(counts.user_specializations).toBeGreaterThan(0);
  });

  it("leaves the migrated schema intact: audit triggers on and sequences past the seeded ids", async () => {
    expect(await count(sql`select count(*)::int as n from pg_trigger where tgname = 'audit_row_change' and tgenabled <> 'O'`)).toBe(0);
    const [next] = await database.db.insert(tasks).values({ name: "Added after the seed" }).returning({ id: tasks.id });
    expect(next?.id).toBe((counts.tasks ?? 0) + 1);
  });

  it("refuses a database that already holds an organisation, adding nothing", async () => {
    const before = await count(sql`select count(*)::int as n from users`);
    await expect(seedScale(database, 5, () => undefined)).rejects.toThrow(/without users/);
    expect(await count(sql`select count(*)::int as n from users`)).toBe(before);
  });
});
