// npm run explain:scores — prints the query plans of the score and dashboard reads, the rollup's
// per-change statements and the specialization evaluation against DATABASE_URL (e.g. a database
// filled by `npm run db:seed -- --scale 10000`), and fails when one reads tasks, their assignees,
// results, steps, checklists or checklist items by a sequential scan. Read-only: the reads run
// under EXPLAIN ANALYZE, the writes under plain EXPLAIN (planned, not executed).
import { type SQL, sql } from "drizzle-orm";
import { PgDialect } from "drizzle-orm/pg-core";
import type { Pool } from "pg";
import { openPostgres } from "../db/client";
import { projectCountersSql, resultCountersSql, scoreCountersSql, taskCountersSql } from "../lib/scores/counters";
import { entityGroupsSql, inSubtree, membersSql, overdueByChildSql, overdueInSubtreeSql, overdueOfUsersSql } from "../lib/scores/queries";
import { evidenceSql } from "../lib/specializations/evaluate";

const BIG_TABLES = ["tasks", "task_assignee", "task_results", "task_steps", "checklists", "checklist_items", "projects", "milestones"];
const SEQ_SCAN = new RegExp(`Seq Scan on (${BIG_TABLES.join("|")})\\b`);

const url = process.env.DATABASE_URL;
if (!url) {
  console.error("DATABASE_URL must name a PostgreSQL database (the plans are PostgreSQL's).");
  process.exit(2);
}
const database = await openPostgres(url, { max: 1, applicationName: "groundwork-explain" });
const pool = database.raw as Pool;
const dialect = new PgDialect();
const offenders: string[] = [];

async function one<T>(text: string): Promise<T> {
  const { rows } = await pool.query<T & Record<string, unknown>>(text);
  if (!rows[0]) throw new Error(`no sample row for: ${text}`);
  return rows[0];
}

async function explain(title: string, query: SQL, analyze = true): Promise<void> {
  const { sql: text, params } = dialect.sqlToQuery(query);
  const { rows } = await pool.query<{ "QUERY PLAN": string }>(`explain (${analyze ? "analyze, buffers, " : ""}costs off) ${text}`, params);
  const lines = rows.map((r) => r["QUERY PLAN"]);
  console.log(`\n── ${title}${analyze ? "" : " (planned only)"}`);
  for (const line of lines) {
    console.log(`  ${line}`);
    if (SEQ_SCAN.test(line)) offenders.push(`${title}: ${line.trim()}`);
  }
}

try {
  // Samples: a busy employee, a manager with reports, a team, a department and the root entity.
  const employee = await one<{ id: number }>("select user_id as id from user_scores where assigned_tasks > 0 order by user_id limit 1");
  const manager = await one<{ id: number }>("select manager_id as id from users where manager_id is not null and role = 'employee' order by id limit 1");
  const reports = (await pool.query<{ id: number }>("select id from users where manager_id = $1 order by id", [manager.id])).rows.map((r) => r.id);
  const team = await one<{ path: string }>("select path from entities where parent_id is not null order by length(path) desc, id limit 1");
  const department = await one<{ path: string }>("select path from entities where parent_id = (select id from entities where parent_id is null order by id limit 1) order by id limit 1");
  const root = await one<{ path: string }>("select path from entities where parent_id is null order by id limit 1");
  const task = await one<{ id: number; project_id: number }>(`select t.id, t.project_id from task_assignee ta join tasks t on t.id = ta.task_id where ta.assignee_id = ${employee.id} and ta.role = 'owner' order by t.id limit 1`);
  const result = await one<{ id: number }>("select id from task_results order by id desc limit 1");
  const now = new Date();
  const ids = (list: readonly number[]) => sql.join(list.map((id) => sql`${id}`), sql`, `);
  const everyone = sql`true`;

  console.log(`samples: employee ${employee.id}, manager ${manager.id} (${reports.length} reports), team ${team.path}, department ${department.path}, root ${root.path}, task ${task.id}, result ${result.id}`);

  // Reads behind GET /api/users/:id/scores, /api/scores/team and /api/scores/entities/:id.
  await explain("user scores: the person's counters", membersSql(sql`users.id = ${employee.id}`));
  await explain("user scores: overdue, by assignee", overdueOfUsersSql([employee.id], now));
  await explain("team by manager: members' counters", membersSql(sql`users.manager_id = ${manager.id} and users.is_active`));
  await explain("team by manager: overdue, by assignee", overdueOfUsersSql(reports, now));
  await explain("team by entity: members' counters", membersSql(sql`users.entity_id in (select e.id from entities e where ${inSubtree(sql`e.path`, team.path)}) and users.is_active`));
  for (const [name, path] of [["team", team.path], ["department", department.path], ["root", root.path]] as const) {
    await explain(`entity scores (${name}): summed counters per child entity`, entityGroupsSql(path, everyone));
    await explain(`entity scores (${name}): overdue open work per child entity`, overdueByChildSql(path, now));
    await explain(`team by entity (${name}): overdue per owner over the subtree's open work`, overdueInSubtreeSql(path, now));
  }

  // The rollup: what one change contributes, before and after it (lib/scores/rollup.ts).
  await explain("rollup: a task's contribution", taskCountersSql(sql`ta.task_id in (${task.id})`));
  await explain("rollup: a project's contribution", projectCountersSql(sql`p.id in (${task.project_id})`));
  await explain("rollup: a result's contribution", resultCountersSql(sql`tr.id in (${result.id})`));
  await explain(
    "rollup: adding a delta",
    sql`update user_scores s set completed_tasks = s.completed_tasks + d.completed_tasks from (values (${employee.id}::int, 1)) as d(user_id, completed_tasks) where s.user_id = d.user_id`,
    false,
  );
  // A person's first counted change, and the rebuild, recount through the one definition.
  await explain("recount: one person", scoreCountersSql({ users: ids([employee.id]) }));
  await explain("recount: a manager's reports (a rebuild batch)", scoreCountersSql({ users: ids(reports) }));
  await explain("report period: a team entity's members in a month", scoreCountersSql({
    users: sql`select u.id from users u join entities e on e.id = u.entity_id where ${inSubtree(sql`e.path`, team.path)}`,
    period: { from: new Date(now.getTime() - 30 * 86_400_000).toISOString().slice(0, 10), to: now.toISOString().slice(0, 10) },
  }));
  await explain("specializations: evidence of an unlock", evidenceSql([employee.id]));

  if (offenders.length) {
    console.error(`\n${offenders.length} sequential scan(s) of a large table:\n  ${offenders.join("\n  ")}`);
    process.exitCode = 1;
  } else {
    console.log(`\nno sequential scan of ${BIG_TABLES.join(", ")}`);
  }
} finally {
  await database.close();
}
