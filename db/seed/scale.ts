// Benchmark data (`npm run db:seed -- --scale N`): an organisation of N employees, each ~30 % through,
// inside or before a 100-task onboarding program — for N = 10 000 about 1 M tasks and 10 M checklist
// items. Templates are written through Drizzle; the volume is generated on the server (./scale-sql.ts).
import type { PGlite } from "@electric-sql/pglite";
import type { Pool, PoolClient } from "pg";
import { hashPassword } from "../../lib/auth/password";
import { type ProcessDefinitionInput, processDefinition } from "../../lib/templates/process-definition";
import { sql } from "drizzle-orm";
import type { Database, Tx } from "../client";
import {
  milestoneTemplateTaskTemplate,
  milestoneTemplates,
  projectTemplateMilestoneTemplate,
  projectTemplates,
  stepTemplates,
  taskTempParentTaskTemp,
  taskTemplateProfession,
  taskTemplateStepTemplate,
  taskTemplates,
} from "../schema";
import { REBUILD_BATCH } from "../../lib/scores/rebuild";
import { evaluateSpecializations } from "../../lib/specializations/evaluate";
import { type ScaleLayout, type Statement, TASKS_PER_PROGRAM, batchSql, organisationSql, planLayout, scoresSql, specializationLevelsSql } from "./scale-sql";

/** Every seeded user (admin1@, m0@, e0@ … @scale.test) signs in with this password. */
export const SCALE_PASSWORD = "groundwork-scale";
const BATCH_EMPLOYEES = 500;

const PROFESSIONS = ["Software engineer", "QA engineer", "Data analyst", "Support specialist", "Account manager", "Operations specialist"];
const VERBS = ["Set up", "Read about", "Explore", "Practise", "Review", "Pair on", "Document", "Present"];
const PROGRAMS = [
  {
    name: "Engineering onboarding", days: 30, professions: [1, 2, 3],
    milestones: ["Welcome and setup", "Tools and workflow", "Codebase tour", "First contribution", "Quality and testing", "Going live"],
    topics: ["the development environment", "version control", "the code review process", "the CI pipeline", "the service architecture", "the domain model", "logging and monitoring", "the release process", "feature flags", "the test strategy", "incident response", "security basics", "the API guidelines", "database migrations", "performance budgets", "accessibility rules", "the on-call rota"],
  },
  {
    name: "Customer operations onboarding", days: 25, professions: [4, 5, 6],
    milestones: ["Welcome and setup", "Products and customers", "Systems and tools", "Shadowing", "Working independently"],
    topics: ["the product catalogue", "the ticketing system", "customer tiers", "the escalation policy", "service level agreements", "the knowledge base", "refund handling", "the CRM", "call etiquette", "data protection rules", "billing basics", "the weekly reporting", "quality reviews", "handover notes", "common customer issues", "the complaints process", "account health checks"],
  },
];

const items = (titles: string[], validated?: string) => [
  ...titles.map((title) => ({ title, requires_validation: false })),
  ...(validated ? [{ title: validated, requires_validation: true }] : []),
];
const quiz = (questions: number): ProcessDefinitionInput => ({
  type: "quiz", pass_mark: 0.7, max_attempts: 3, time_limit_minutes: questions * 2,
  questions: Array.from({ length: questions }, (_, i) => ({
    id: `q${i + 1}`, kind: "single" as const, prompt: `Question ${i + 1}: which statement matches the guide?`, points: 1,
    choices: ["a", "b", "c", "d"].map((id) => ({ id, text: `Statement ${id.toUpperCase()}` })), correct: ["a", "b", "c", "d"][i % 4] ?? "a",
  })),
});
/** Ids 1–3 instructions, 4–7 checklists (9, 10, 11 and 10 items: 10 on average), 8–10 quizzes. */
const STEPS: { name: string; definition: ProcessDefinitionInput }[] = [
  { name: "Read the guide", definition: { type: "instruction", body: "Read the linked guide before you start." } },
  { name: "Watch the walkthrough", definition: { type: "instruction", body: "Watch the recorded walkthrough." } },
  { name: "Follow the how-to", definition: { type: "instruction", body: "Follow the how-to step by step." } },
  { name: "Workstation setup", definition: { type: "checklist", mode: "sequential", items: items(["Collect your laptop and badge", "Sign in with single sign-on", "Enable two-factor authentication", "Install the password manager", "Join the team channels", "Set up your email signature", "Book the welcome meeting", "Read the security policy", "Confirm your equipment list"]) } },
  { name: "Learning checklist", definition: { type: "checklist", mode: "parallel", items: items(["Read the overview", "Watch the recorded demo", "Skim the glossary", "Note three open questions", "Find the owning team", "Bookmark the main dashboards", "Read the latest retrospective", "Review the related guides", "Try the sandbox", "Summarise what you learned"]) } },
  { name: "Hands-on practice", definition: { type: "checklist", mode: "sequential", items: items(["Prepare the workspace", "Follow the walkthrough", "Complete the first exercise", "Complete the second exercise", "Compare with the reference", "Fix the differences", "Write down the pitfalls", "Pair with a colleague", "Share your result", "Update your notes"], "Manager sign-off") } },
  { name: "Exam preparation", definition: { type: "checklist", mode: "parallel", items: items(["Review the milestone guides", "Re-read your notes", "Try the practice questions", "List weak areas", "Revisit weak areas", "Ask your buddy one question", "Check the exam rules", "Check the time limit", "Find a quiet slot", "Confirm you are ready"]) } },
  { name: "Knowledge check", definition: quiz(5) },
  { name: "Milestone quiz", definition: quiz(8) },
  { name: "Milestone test", definition: quiz(10) },
];

/** Two published programs of exactly TASKS_PER_PROGRAM task templates, ids chosen here. */
async function seedTemplates(db: Tx, anchor: Date): Promise<void> {
  const published = { entityId: 1, isDraft: false, revision: 1, publishedAt: anchor, createdBy: 1 };
  await db.insert(stepTemplates).values(
    STEPS.map((s, i) => {
      const definition = processDefinition.parse(s.definition);
      return { id: i + 1, lineageId: i + 1, name: s.name, kind: definition.type, processDefinition: definition, ...published };
    }),
  );
  let milestoneId = 0;
  let taskId = 0;
  for (const [p, program] of PROGRAMS.entries()) {
    const programId = p + 1;
    const perMilestone = program.milestones.map((_, m) => Math.floor(TASKS_PER_PROGRAM / program.milestones.length) + (m < TASKS_PER_PROGRAM % program.milestones.length ? 1 : 0));
    const tasks: (typeof taskTemplates.$inferInsert)[] = [];
    const links = { milestone: [] as (typeof milestoneTemplateTaskTemplate.$inferInsert)[], steps: [] as (typeof taskTemplateStepTemplate.$inferInsert)[], parents: [] as (typeof taskTempParentTaskTemp.$inferInsert)[], professions: [] as (typeof taskTemplateProfession.$inferInsert)[] };
    const milestones: (typeof milestoneTemplates.$inferInsert)[] = [];
    const schedule: (typeof projectTemplateMilestoneTemplate.$inferInsert)[] = [];
    let seq = 0;
    for (const [m, name] of program.milestones.entries()) {
      const count = perMilestone[m] ?? 0;
      const id = ++milestoneId;
      let minutes = 0;
      // A milestone spans the days of its tasks' slots (program days / 100 tasks per slot).
      const start = Math.floor((seq * program.days) / TASKS_PER_PROGRAM);
      const end = Math.min(program.days, Math.ceil(((seq + count) * program.days) / TASKS_PER_PROGRAM));
      for (let position = 1; position <= count; position++, seq++) {
        const tt = ++taskId;
        const exam = position === count || position === Math.floor(count / 2) + 1;
        const expectedMinutes = exam ? [20, 30, 45][seq % 3] ?? 30 : [15, 20, 30, 45, 60, 90, 120][seq % 7] ?? 30;
        minutes += expectedMinutes;
        tasks.push({
          id: tt, lineageId: tt, kind: exam ? "exam" : "task", expectedMinutes, description: `Part of "${name}"`, ...published,
          name: exam ? `${position === count ? "Milestone test" : "Knowledge check"}: ${name}` : `${VERBS[seq % VERBS.length] ?? ""} ${program.topics[(seq * 5) % program.topics.length] ?? ""}`,
        });
        links.milestone.push({ milestoneTemplateId: id, taskTemplateId: tt, position });
        const [first, second] = exam ? [7, position === count ? 10 : 8] : [1 + (seq % 3), 4 + (seq % 3)];
        links.steps.push({ taskTemplateId: tt, stepTemplateId: first, order: 1 }, { taskTemplateId: tt, stepTemplateId: second, order: 2 });
        links.professions.push(...[program.professions[0], program.professions[1 + (seq % 2)]].map((professionId) => ({ taskTemplateId: tt, professionId: professionId ?? 1 })));
        if (position === 2) links.parents.push({ taskTemplateId: tt, parentTaskTemplateId: tt - 1 });
      }
      milestones.push({ id, lineageId: id, name, description: `${program.name}, milestone ${m + 1}`, expectedHours: Math.round((minutes / 60) * 100) / 100, ...published });
      schedule.push({ projectTemplateId: programId, milestoneTemplateId: id, position: m + 1, startOffsetDays: start, durationDays: Math.max(1, end - start + 1) });
    }
    await db.insert(projectTemplates).values({ id: programId, lineageId: programId, name: program.name, description: `${program.days}-day program`, professionId: program.professions[0], durationDays: program.days, ...published });
    await db.insert(milestoneTemplates).values(milestones);
    await db.insert(taskTemplates).values(tasks);
    await db.insert(projectTemplateMilestoneTemplate).values(schedule);
    await db.insert(milestoneTemplateTaskTemplate).values(links.milestone);
    await db.insert(taskTemplateStepTemplate).values(links.steps);
    await db.insert(taskTempParentTaskTemp).values(links.parents);
    await db.insert(taskTemplateProfession).values(links.professions);
  }
}

/** A connection held for the whole run, so a failed statement is rolled back on the session it broke. */
interface Session {
  run(sqlText: string): Promise<void>;
  rows<T>(sqlText: string): Promise<T[]>;
  /** Returns the connection to the pool, or closes it when a rollback failed and its state is unknown. */
  release(broken: boolean): void;
}

async function openSession(database: Database): Promise<Session> {
  if (database.kind === "pglite") {
    const client = database.raw as PGlite;
    return {
      run: async (s) => {
        await client.exec(s);
      },
      rows: async <T>(s: string) => (await client.query<T>(s)).rows,
      release: () => undefined,
    };
  }
  const client: PoolClient = await (database.raw as Pool).connect();
  return {
    run: async (s) => {
      await client.query(s);
    },
    rows: async <T>(s: string) => (await client.query(s)).rows as T[],
    release: (broken) => client.release(broken),
  };
}

/** Tables reported at the end, in load order. */
const COUNTED = ["entities", "users", "professions", "project_templates", "milestone_templates", "task_templates", "step_templates", "task_template_profession", "task_temp_parent_task_temp", "projects", "milestones", "tasks", "tasks_parent_task", "task_assignee", "task_steps", "checklists", "checklist_items", "task_results", "user_scores", "specializations", "user_specializations"];
const TEMPLATE_TABLES = ["project_templates", "milestone_templates", "task_templates", "step_templates", "project_template_milestone_template", "milestone_template_task_template", "task_template_step_template", "task_temp_parent_task_temp", "task_template_profession"];
const AUDIT_TRIGGER = "audit_row_change";
/** Tables whose ids the seed chose itself: their sequences must continue after the highest id. */
const EXPLICIT_ID_TABLES = ["entities", "professions", "users", "project_templates", "milestone_templates", "task_templates", "step_templates", "projects", "tasks", "task_steps", "checklists"];

export async function seedScale(database: Database, employees: number, log: (line: string) => void = console.log): Promise<Record<string, number>> {
  if (!Number.isInteger(employees) || employees < 1) throw new RangeError(`employees must be a positive integer, got ${employees}`);
  const started = Date.now();
  const anchor = new Date(started);
  // The pool needs two connections: this session and, later, the items session or Drizzle's transaction.
  const session = await openSession(database);
  let itemsSession: Session | undefined;
  let itemsPending: Promise<void> | undefined;
  const broken = new Set<Session>();
  const phases = new Map<string, number>();
  const timed = async <T>(phase: string, work: () => Promise<T>): Promise<T> => {
    const t0 = Date.now();
    try {
      return await work();
    } finally {
      phases.set(phase, (phases.get(phase) ?? 0) + Date.now() - t0);
    }
  };
  const seconds = () => `${Math.round((Date.now() - started) / 1000)}s`;
  try {
    const [state] = await session.rows<{ used: boolean }>(
      "select exists (select 1 from users) or exists (select 1 from entities) or exists (select 1 from task_templates) or exists (select 1 from tasks) as used",
    );
    // Ids are derived from ordinals, so the seed only ever fills an empty organisation.
    if (state?.used !== false) throw new Error("seedScale needs a database without users, entities, templates or tasks");

    // The audit trigger logs and seals (one by one, in a hash chain) every changed row: for 25 M
    // seeded rows that is hours and a second copy of the data. Each load transaction switches it off
    // for its table and back on before committing, so no committed schema ever lacks it and other
    // sessions never see it off (they wait on the table lock). Constraints and indexes stay on.
    const audited = new Set(
      (await session.rows<{ name: string }>(`select c.relname as name from pg_trigger t join pg_class c on c.oid = t.tgrelid
        where t.tgname = '${AUDIT_TRIGGER}' and c.relnamespace = current_schema()::regnamespace`)).map((r) => r.name),
    );
    const toggleAudit = (tables: string[], on: boolean) =>
      tables.filter((t) => audited.has(t)).map((t) => `alter table ${t} ${on ? "enable" : "disable"} trigger ${AUDIT_TRIGGER}`).join("; ") || "select 1";
    // Asynchronous commit is safe for a reloadable seed; a larger work_mem keeps the batch's hash joins in
    // memory; JIT compiling these one-off statements costs seconds and saves nothing.
    const load = async (statement: Statement, on = session) => {
      try {
        await on.run(`begin; set local synchronous_commit = off; set local work_mem = '64MB'; set local jit = off; ${toggleAudit([statement.table], false)};
          ${statement.sql}; ${toggleAudit([statement.table], true)}; commit;`);
      } catch (error) {
        await on.run("rollback").catch(() => broken.add(on));
        throw error;
      }
    };

    const refs = await session.rows<{ key: string; id: number }>(
      "select 'status.' || domain || '.' || code as key, id from statuses union all select 'language.' || code, id from languages",
    );
    const ref = Object.fromEntries(refs.map((r) => [r.key, r.id]));
    const statusIds = Object.fromEntries(refs.filter((r) => r.key.startsWith("status.")).map((r) => [r.key.slice("status.".length), r.id]));
    const en = ref["language.en"];
    const de = ref["language.de"];
    if (en === undefined || de === undefined) throw new Error("languages en and de missing: apply the reference data first");
    const programByProfession = Object.fromEntries(PROGRAMS.flatMap((p, i) => p.professions.map((prof) => [prof, i + 1])));
    const layout: ScaleLayout = planLayout(employees, anchor, { languageIds: { en, de }, programByProfession, statusIds });
    log(`scale seed: ${employees.toLocaleString("en")} employees, ${layout.managers} managers, ${layout.teams} teams in ${layout.departments} departments`);

    // One hash for everyone: argon2id per row would take hours at this size.
    const passwordHash = await hashPassword(SCALE_PASSWORD);
    await timed("organisation", async () => {
      for (const statement of organisationSql(layout, passwordHash, PROFESSIONS)) await load(statement);
    });
    await timed("templates", () =>
      database.db.transaction(async (tx) => {
        for (const table of TEMPLATE_TABLES) await tx.execute(sql.raw(toggleAudit([table], false)));
        await seedTemplates(tx, anchor);
        for (const table of TEMPLATE_TABLES) await tx.execute(sql.raw(toggleAudit([table], true)));
      }),
    );

    const totalTasks = employees * TASKS_PER_PROGRAM;
    const loadAll = async (statements: Statement[], on: Session, first: boolean) => {
      for (const statement of statements) {
        await timed(statement.phase ?? statement.table, () => load(statement, on));
        // Statistics from the first batch keep the planner from nested-looping over "empty" tables.
        if (first) await timed("analyze", () => on.run(`analyze ${statement.table}`));
      }
    };
    // checklist_items is ~half the work and needs only earlier statements of its batch, so a second
    // connection loads it one batch behind the rest; the two never write one table at the same time.
    const itemsOn = database.kind === "postgres" ? (itemsSession = await openSession(database)) : session;
    for (let lo = 0; lo < employees; lo += BATCH_EMPLOYEES) {
      const hi = Math.min(employees, lo + BATCH_EMPLOYEES);
      const statements = batchSql(layout, lo, hi);
      await loadAll(statements.filter((s) => s.table !== "checklist_items"), session, lo === 0);
      await itemsPending;
      itemsPending = loadAll(statements.filter((s) => s.table === "checklist_items"), itemsOn, lo === 0).then(() => {
        const done = hi * TASKS_PER_PROGRAM;
        log(`tasks: ${done.toLocaleString("en")} / ${totalTasks.toLocaleString("en")} (${Math.round((100 * done) / totalTasks)}%) ${seconds()}`);
      });
      // Handled here and rethrown by the next await; the first batch finishes before the second starts.
      itemsPending.catch(() => undefined);
      if (lo === 0 || itemsOn === session) await itemsPending;
    }
    await itemsPending;

    await timed("user_scores", () => load({ table: "user_scores", sql: scoresSql(layout) }));
    await timed("specializations", async () => {
      await load({ table: "specializations", sql: specializationLevelsSql(layout) });
      // Unlocked from the counters just loaded, by the same rules as live evaluation; a batch per transaction.
      const userIds = (await session.rows<{ id: number }>("select id from users where role = 'employee' order by id")).map((r) => r.id);
      for (let i = 0; i < userIds.length; i += REBUILD_BATCH) {
        await database.db.transaction(async (tx) => {
          await tx.execute(sql.raw(toggleAudit(["user_specializations"], false)));
          await evaluateSpecializations(tx, userIds.slice(i, i + REBUILD_BATCH), { emitEvents: false });
          await tx.execute(sql.raw(toggleAudit(["user_specializations"], true)));
        });
      }
    });
    await timed("sequences", async () => {
      for (const table of EXPLICIT_ID_TABLES) {
        await session.run(`select setval(pg_get_serial_sequence('${table}', 'id'), coalesce((select max(id) from ${table}), 0) + 1, false)`);
      }
    });
    // Vacuumed as well as analysed: a bulk load leaves the visibility map unset, and until autovacuum
    // comes by, index-only scans (the dashboards' overdue counts) read every heap page instead.
    await timed("vacuum", () => session.run("vacuum (analyze)"));
    const counts: Record<string, number> = {};
    for (const table of COUNTED) {
      const [row] = await session.rows<{ n: number }>(`select count(*)::int as n from ${table}`);
      counts[table] = row?.n ?? 0;
    }
    for (const [table, n] of Object.entries(counts)) log(`  ${table.padEnd(28)} ${n.toLocaleString("en").padStart(12)}`);
    log(`busy time per phase (the items lane overlaps the rest): ${[...phases].map(([phase, ms]) => `${phase} ${(ms / 1000).toFixed(1)}s`).join(", ")}`);
    log(`scale seed done in ${seconds()}`);
    return counts;
  } finally {
    await itemsPending?.catch(() => undefined);
    itemsSession?.release(broken.has(itemsSession));
    session.release(broken.has(session));
  }
}
