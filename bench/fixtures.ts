// The rows the load is made of, read from the seeded organisation: who signs in (tokens per person)
// and, for the writes, rows no request has touched yet, split between the two sides so the app and
// the baseline never write the same row. Fixture writes here (completing a task's work before it is
// finished, hiring people to onboard) happen before the timed runs and are not measured.
import type pg from "pg";
import { mintTokens, revokeOldTokens } from "./setup";

export type Side = "app" | "baseline";
export type Person = { id: number; entityId: number; token: () => string };
export type World = {
  pool: pg.Pool;
  employees: Person[];
  managers: Person[];
  admins: Person[];
  status: (domain: string, code: string) => number;
};

/** Tokens of one person in turn: each token may be used 600 times a minute. */
function rotating(tokens: string[]): () => string {
  let i = 0;
  return () => tokens[i++ % tokens.length] ?? "";
}

/** Tokens for every seeded employee and manager (one each) and the admins (50 each: they are few). */
export async function loadWorld(pool: pg.Pool): Promise<World> {
  const { rows: users } = await pool.query<{ id: number; role: string; entity_id: number }>(
    `select id, role, entity_id from users where is_active and (email like 'e%@scale.test' or email like 'm%@scale.test' or email like 'admin%@scale.test')
     order by id`,
  );
  const { rows: statuses } = await pool.query<{ id: number; domain: string; code: string }>("select id, domain, code from statuses");
  await revokeOldTokens(pool);
  await retireHires(pool);
  const admins = users.filter((u) => u.role === "admin");
  const others = users.filter((u) => u.role !== "admin");
  const tokens = new Map([...(await mintTokens(pool, others.map((u) => u.id))), ...(await mintTokens(pool, admins.map((u) => u.id), 50))]);
  const person = (u: { id: number; entity_id: number }): Person => ({ id: u.id, entityId: u.entity_id, token: rotating(tokens.get(u.id) ?? []) });
  const ids = new Map(statuses.map((s) => [`${s.domain}.${s.code}`, s.id]));
  return {
    pool,
    employees: users.filter((u) => u.role === "employee").map(person),
    managers: users.filter((u) => u.role === "manager").map(person),
    admins: admins.map(person),
    status: (domain, code) => {
      const id = ids.get(`${domain}.${code}`);
      if (id === undefined) throw new Error(`status ${domain}.${code} is missing`);
      return id;
    },
  };
}

/** The side's half of the employees: even positions for the app, odd for the baseline. */
export function employeesOf(world: World, side: Side): Person[] {
  return world.employees.filter((_, i) => i % 2 === (side === "app" ? 0 : 1));
}

/** Interleaves per-person lists (one row of each person in turn), so consecutive requests hit different people. */
export function interleave<T extends { userId: number }>(rows: T[]): T[] {
  const byUser = new Map<number, T[]>();
  for (const row of rows) byUser.set(row.userId, [...(byUser.get(row.userId) ?? []), row]);
  const lists = [...byUser.values()];
  const out: T[] = [];
  for (let depth = 0; out.length < rows.length; depth++) {
    for (const list of lists) {
      const row = list[depth];
      if (row !== undefined) out.push(row);
    }
  }
  return out;
}

export type ProgressRow = { userId: number; taskId: number; to: number };

/**
 * Progress moves: half start a task (todo → in_progress, which starts its milestone and project
 * when they are not yet), half finish one (in_progress → done, settling milestone, project and
 * scores). The tasks to finish get their steps, checklists and items completed here first, as the
 * person would have done before marking the task done.
 */
export async function progressRows(world: World, side: Side, count: number): Promise<ProgressRow[]> {
  const people = employeesOf(world, side).map((p) => p.id);
  const pick = (code: string, limit: number) =>
    world.pool.query<{ user_id: number; task_id: number }>(
      `select user_id, task_id from (
         select ta.assignee_id as user_id, t.id as task_id, row_number() over (partition by ta.assignee_id order by t.milestone_id, t.position) as n
         from task_assignee ta join tasks t on t.id = ta.task_id
         where ta.role = 'owner' and ta.assignee_id = any($1) and t.kind = 'task' and t.status_id = $2
       ) x order by n, user_id limit $3`,
      [people, world.status("task", code), limit],
    );
  const finish = (await pick("in_progress", Math.ceil(count / 2))).rows.map((r) => r.task_id);
  await completeWorkOf(world, finish);
  const start = (await pick("todo", count - finish.length)).rows;
  const { rows: owners } = await world.pool.query<{ task_id: number; user_id: number }>(
    "select task_id, assignee_id as user_id from task_assignee where role = 'owner' and task_id = any($1)",
    [finish],
  );
  const ends = owners.map((r) => ({ userId: r.user_id, taskId: r.task_id, to: world.status("task", "done") }));
  const starts = start.map((r) => ({ userId: r.user_id, taskId: r.task_id, to: world.status("task", "in_progress") }));
  // Alternating, so the mix holds in every round however long it runs.
  const out: ProgressRow[] = [];
  for (let i = 0; i < Math.max(ends.length, starts.length); i++) {
    if (starts[i]) out.push(starts[i] as ProgressRow);
    if (ends[i]) out.push(ends[i] as ProgressRow);
  }
  return out;
}

/** Ticks every checklist item and completes the checklists and steps of the tasks (quiz steps left to evaluation). */
async function completeWorkOf(world: World, taskIds: number[]): Promise<void> {
  if (taskIds.length === 0) return;
  const s = world.status;
  const client = await world.pool.connect();
  try {
    await client.query("begin");
    await client.query(
      `update checklist_items i set status_id = $2, completed_at = now(), completed_by = c.owner, validated_at = case when i.requires_validation then now() end,
         validated_by = case when i.requires_validation then c.reviewer end, version = i.version + 1
       from (select c.id, (select assignee_id from task_assignee where task_id = c.task_id and role = 'owner' limit 1) as owner,
               (select assignee_id from task_assignee where task_id = c.task_id and role = 'reviewer' limit 1) as reviewer
             from checklists c where c.task_id = any($1)) c
       where i.checklist_id = c.id and i.status_id is distinct from $2`,
      [taskIds, s("checklist_item", "done")],
    );
    await client.query(
      "update checklists set is_completed = true, status_id = $2, completed_at = now(), version = version + 1 where task_id = any($1) and not is_completed",
      [taskIds, s("checklist", "completed")],
    );
    await client.query(
      `update task_steps set status_id = $2, started_at = coalesce(started_at, now()), completed_at = now(), version = version + 1
       where task_id = any($1) and status_id is distinct from $2 and kind not in ('quiz', 'submission')`,
      [taskIds, s("task_step", "done")],
    );
    await client.query("commit");
  } catch (error) {
    await client.query("rollback");
    throw error;
  } finally {
    client.release();
  }
}

export type HireRow = { userId: number; managerId: number };

/**
 * People without a program yet, hired into the seeded teams (reporting to a team's managers, with a
 * profession that has a published program): `count` of them for the side, created when missing. They
 * are active only while the onboarding runs (retireHires), so they never count in the dashboards.
 */
export async function hireRows(world: World, side: Side, count: number): Promise<HireRow[]> {
  const parity = side === "app" ? 0 : 1;
  const unstarted = `select u.id as user_id, u.manager_id from users u where u.email like 'hire-%@bench.test' and u.id % 2 = $1
    and u.profession_id in (select profession_id from project_templates where not is_draft)
    and not exists (select 1 from projects p where p.onboardee_id = u.id) order by u.id limit $2`;
  let { rows } = await world.pool.query<{ user_id: number; manager_id: number }>(unstarted, [parity, count]);
  if (rows.length < count) {
    // Both parities are hired at once: ids come from one sequence.
    await world.pool.query(
      `with m as (select row_number() over (order by id)::int - 1 as k, id, entity_id, language_id from users where role = 'manager' and email like 'm%@scale.test'),
         p as (select row_number() over (order by profession_id)::int - 1 as k, profession_id from (select distinct profession_id from project_templates where not is_draft and profession_id is not null) x)
       insert into users (email, name, role, entity_id, manager_id, profession_id, language_id, hired_at, is_active)
       select 'hire-' || gen_random_uuid() || '@bench.test', 'Bench hire ' || g, 'employee', m.entity_id, m.id, p.profession_id, m.language_id, now(), false
       from generate_series(1, $1) g join m on m.k = g % $2 join p on p.k = g % (select count(*) from p)`,
      [2 * (count - rows.length) + 2, world.managers.length],
    );
    rows = (await world.pool.query<{ user_id: number; manager_id: number }>(unstarted, [parity, count])).rows;
  }
  await world.pool.query("update users set is_active = true where id = any($1)", [rows.map((r) => r.user_id)]);
  return rows.map((r) => ({ userId: r.user_id, managerId: r.manager_id }));
}

/** Deactivates every bench hire, started or not: the seeded organisation alone fills the dashboards. */
export async function retireHires(pool: pg.Pool): Promise<void> {
  await pool.query("update users set is_active = false where email like 'hire-%@bench.test' and is_active");
}

export type EvaluationRow = { userId: number; taskId: number; stepId: number; answers: Record<string, string> };

/**
 * Exams nobody has taken yet, one per person in turn, answered correctly. Their exam-preparation
 * checklist is completed here first, so the graded quiz completes the exam through the cascade.
 */
export async function evaluationRows(world: World, side: Side, count: number): Promise<EvaluationRow[]> {
  const people = employeesOf(world, side).map((p) => p.id);
  const { rows } = await world.pool.query<{ user_id: number; task_id: number; step_id: number; questions: { id: string; correct: string }[] }>(
    `with exams as (
       select user_id, task_id, n from (
         select ta.assignee_id as user_id, t.id as task_id, row_number() over (partition by ta.assignee_id order by t.milestone_id, t.position) as n
         from task_assignee ta join tasks t on t.id = ta.task_id
         where ta.role = 'owner' and ta.assignee_id = any($1) and t.kind = 'exam' and t.status_id = any($2)
           and not exists (select 1 from exam_attempts a where a.task_id = t.id)
       ) x order by n, user_id limit $3)
     select e.user_id, e.task_id, ts.id as step_id, st.process_definition->'questions' as questions
     from exams e join task_steps ts on ts.task_id = e.task_id and ts.kind = 'quiz' join step_templates st on st.id = ts.step_template_id
     order by e.n, e.user_id, ts.position`,
    [people, [world.status("task", "todo"), world.status("task", "in_progress")], count],
  );
  await completeWorkOf(world, [...new Set(rows.map((r) => r.task_id))]);
  return rows.map((r) => ({
    userId: r.user_id,
    taskId: r.task_id,
    stepId: r.step_id,
    answers: Object.fromEntries(r.questions.map((q) => [q.id, q.correct])),
  }));
}
