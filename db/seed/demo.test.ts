// The demo organisation meets its promises: shape, volume, variety and internal consistency.
import { and, eq, inArray, isNull, sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type Database, type Db, queryRows } from "../client";
import {
  checklists,
  entities,
  guideables,
  guides,
  guideTranslations,
  formats,
  languages,
  milestones,
  projectTemplateMilestoneTemplate,
  projectTemplates,
  professions,
  projects,
  specializations,
  statuses,
  stepTemplates,
  taskRequest,
  taskRequestAssignee,
  taskResults,
  tasks,
  taskTemplateProfession,
  taskTempParentTaskTemp,
  taskTemplates,
  users,
} from "../schema";
import { createTestDatabase } from "../../test/db";
import { principalOf } from "../../test/factories";
import { verifyPassword } from "../../lib/auth/password";
import { publishTemplate } from "../../lib/templates/publish";
import { processDefinition } from "../../lib/templates/process-definition";
import { expectRollupEqualsRecount } from "../../lib/scores/test-world";
import { standingsOf } from "../../lib/specializations/evaluate";
import { type DemoSummary, seedDemo } from "./demo";

let database: Database;
let db: Db;
let summary: DemoSummary;
const logged: string[] = [];

beforeAll(async () => {
  database = await createTestDatabase();
  db = database.db;
  summary = await seedDemo(db, (line) => logged.push(line));
});
afterAll(async () => {
  await database.close();
});

async function statusCodes(domain: string): Promise<Map<number, string>> {
  const rows = await db.select().from(statuses).where(eq(statuses.domain, domain as "task"));
  return new Map(rows.map((r) => [r.id, r.code]));
}

describe("demo organisation", () => {
  it("is one company with three departments in Europe/Berlin", async () => {
    const rows = await db.select().from(entities);
    const [company, ...others] = rows.filter((e) => e.parentId === null);
    expect(others).toEqual([]);
    expect(company).toMatchObject({ name: "Northwind Labs", rootId: company?.id, path: `/${company?.id}/`, timeZone: "Europe/Berlin" });
    const departments = rows.filter((e) => e.parentId === company?.id);
    expect(departments.map((d) => d.name).sort()).toEqual(["Customer Success", "Engineering", "Operations"]);
    for (const d of departments) expect(d).toMatchObject({ rootId: company?.id, path: `/${company?.id}/${d.id}/` });
    const [de] = await db.select().from(languages).where(eq(languages.code, "de"));
    expect(departments.find((d) => d.name === "Operations")?.defaultLanguageId).toBe(de?.id);
  });

  it("has at least 25 people in all three roles, the demo accounts among them", async () => {
    const people = await db.select().from(users);
    expect(people.length).toBeGreaterThanOrEqual(25);
    expect(new Set(people.map((u) => u.role))).toEqual(new Set(["admin", "manager", "employee"]));
    const byEmail = (email: string) => people.find((u) => u.email === email);
    const admin = byEmail("admin@demo.test");
    const manager = byEmail("manager@demo.test");
    const employee = byEmail("employee@demo.test");
    const [company] = await db.select().from(entities).where(isNull(entities.parentId));
    const [engineering] = await db.select().from(entities).where(eq(entities.name, "Engineering"));
    expect(admin).toMatchObject({ role: "admin", entityId: company?.id });
    expect(manager).toMatchObject({ role: "manager", entityId: engineering?.id });
    expect(employee).toMatchObject({ role: "employee", entityId: engineering?.id, managerId: manager?.id });
    const [profession] = await db.select().from(professions).where(eq(professions.id, employee?.professionId ?? 0));
    expect(profession?.name).toBe("Software Engineer");
    // Every employee reports to someone; every department has more than one manager.
    expect(people.filter((u) => u.role === "employee" && u.managerId === null)).toEqual([]);
    const managersPerEntity = new Map<number, number>();
    for (const u of people.filter((p) => p.role === "manager")) managersPerEntity.set(u.entityId, (managersPerEntity.get(u.entityId) ?? 0) + 1);
    expect([...managersPerEntity.values()].every((n) => n >= 2)).toBe(true);
  });

  it("hashes the demo password per user", async () => {
    const people = await db.select({ email: users.email, hash: users.passwordHash }).from(users);
    expect(new Set(people.map((p) => p.hash)).size).toBe(people.length);
    for (const email of ["admin@demo.test", "manager@demo.test", "employee@demo.test"]) {
      const hash = people.find((p) => p.email === email)?.hash ?? "";
      expect(await verifyPassword(hash, "groundwork-demo")).toBe(true);
    }
    expect(await verifyPassword(people[0]?.hash ?? "", "wrong-password")).toBe(false);
  });

  it("translates every guide into en and de, in all three formats", async () => {
    const all = await db.select({ id: guides.id, format: formats.code }).from(guides).innerJoin(formats, eq(formats.id, guides.formatId));
    expect(all.length).toBeGreaterThanOrEqual(8);
    expect(new Set(all.map((g) => g.format))).toEqual(new Set(["text", "video", "interactive"]));
    const translations = await db
      .select({ guideId: guideTranslations.guideId, lang: languages.code, body: guideTranslations.body, mediaUrl: guideTranslations.mediaUrl })
      .from(guideTranslations)
      .innerJoin(languages, eq(languages.id, guideTranslations.languageId));
    for (const g of all) {
      const own = translations.filter((t) => t.guideId === g.id);
      expect(own.map((t) => t.lang).sort()).toEqual(["de", "en"]);
      for (const t of own) {
        expect(t.body.length).toBeGreaterThan(40);
        if (g.format !== "text") expect(t.mediaUrl).toMatch(/^https:\/\//);
      }
    }
    expect(translations.some((t) => t.body.includes("\n# ") || t.body.startsWith("# "))).toBe(true);
    const linkTypes = new Set((await db.select({ type: guideables.guideableType }).from(guideables)).map((l) => l.type));
    expect(linkTypes).toEqual(new Set(["project_template", "milestone_template", "task_template", "step_template", "checklist_item"]));
  });
});

describe("demo programs", () => {
  it("publishes two programs of at least 10 days and 5 milestones, and keeps one draft", async () => {
    const programs = await db.select().from(projectTemplates);
    const published = programs.filter((p) => !p.isDraft);
    expect(published).toHaveLength(2);
    expect(programs.filter((p) => p.isDraft)).toHaveLength(1);
    for (const p of published) {
      expect(p.publishedAt).toBeInstanceOf(Date);
      expect(p.durationDays).toBeGreaterThanOrEqual(10);
      const links = await db.select().from(projectTemplateMilestoneTemplate).where(eq(projectTemplateMilestoneTemplate.projectTemplateId, p.id));
      expect(links.length).toBeGreaterThanOrEqual(5);
    }
  });

  it("has at least 30 task templates with exams, hierarchy and professions", async () => {
    const templates = await db.select().from(taskTemplates);
    expect(templates.length).toBeGreaterThanOrEqual(30);
    expect(templates.filter((t) => t.kind === "exam").length).toBeGreaterThanOrEqual(4);
    expect((await db.select().from(taskTempParentTaskTemp)).length).toBeGreaterThanOrEqual(10);
    const professionLinks = await db.select().from(taskTemplateProfession);
    expect(new Set(professionLinks.map((l) => l.taskTemplateId)).size).toBe(templates.length);
  });

  it("uses every step kind, both checklist modes and all question kinds, each definition valid", async () => {
    const steps = await db.select().from(stepTemplates);
    expect(new Set(steps.map((s) => s.kind))).toEqual(new Set(["instruction", "checklist", "quiz", "submission"]));
    const parsed = steps.map((s) => processDefinition.parse(s.processDefinition));
    expect(parsed.map((d) => d.type)).toEqual(steps.map((s) => s.kind));
    const lists = parsed.flatMap((d) => (d.type === "checklist" ? [d] : []));
    expect(new Set(lists.map((c) => c.mode))).toEqual(new Set(["sequential", "parallel"]));
    expect(lists.some((c) => c.items.some((i) => i.requires_validation))).toBe(true);
    expect(lists.some((c) => c.items.some((i) => i.guide_id !== undefined))).toBe(true);
    const questions = parsed.flatMap((d) => (d.type === "quiz" ? d.questions : []));
    expect(new Set(questions.map((q) => q.kind))).toEqual(new Set(["single", "multiple", "short"]));
  });
});

describe("demo onboardings", () => {
  it("runs at least 15 projects at different stages, two or more completed", async () => {
    const codes = await statusCodes("project");
    const rows = await db.select().from(projects);
    expect(rows.length).toBeGreaterThanOrEqual(15);
    const stage = rows.map((p) => codes.get(p.statusId ?? 0));
    expect(new Set(stage)).toEqual(new Set(["planned", "in_progress", "completed"]));
    const completed = rows.filter((p) => codes.get(p.statusId ?? 0) === "completed");
    expect(completed.length).toBeGreaterThanOrEqual(2);
    for (const p of completed) expect(p.completedAt).toBeInstanceOf(Date);
    expect(new Set(rows.map((p) => p.startDate)).size).toBeGreaterThanOrEqual(10);
  });

  it("never leaves a done task with an open checklist or item, nor a done child under an open parent", async () => {
    const openItemsUnderDoneTasks = await queryRows<{ n: number }>(db, sql`
      select count(*)::int as n from checklist_items i
      join checklists c on c.id = i.checklist_id
      join tasks t on t.id = c.task_id
      join statuses ts on ts.id = t.status_id and ts.code = 'done'
      join statuses s on s.id = i.status_id
      where s.code <> 'done' or i.completed_at is null or (i.requires_validation and i.validated_at is null)`);
    expect(openItemsUnderDoneTasks[0]?.n).toBe(0);
    const doneTaskIds = await queryRows<{ id: number }>(db, sql`select t.id from tasks t join statuses s on s.id = t.status_id where s.code = 'done'`);
    expect(doneTaskIds.length).toBeGreaterThan(50);
    const openChecklists = await db
      .select()
      .from(checklists)
      .where(and(inArray(checklists.taskId, doneTaskIds.map((t) => t.id)), eq(checklists.isCompleted, false)));
    expect(openChecklists).toEqual([]);
    const orphans = await queryRows<{ n: number }>(db, sql`
      select count(*)::int as n from tasks_parent_task l
      join tasks c on c.id = l.task_id join statuses cs on cs.id = c.status_id and cs.code = 'done'
      join tasks p on p.id = l.parent_task_id join statuses ps on ps.id = p.status_id and ps.code <> 'done'`);
    expect(orphans[0]?.n).toBe(0);
    const untimed = await queryRows<{ n: number }>(db, sql`
      select count(*)::int as n from tasks t join statuses s on s.id = t.status_id and s.code = 'done'
      where t.completed_at is null or t.started_at > t.completed_at or t.completed_at > now() or t.actual_minutes is null or t.completed_by is null`);
    expect(untimed[0]?.n).toBe(0);
  });

  it("completes milestones and projects exactly when all their tasks are done", async () => {
    const mismatched = await queryRows<{ n: number }>(db, sql`
      select count(*)::int as n from milestones m join statuses ms on ms.id = m.status_id
      where (ms.code = 'completed') <> not exists (
        select 1 from tasks t join statuses s on s.id = t.status_id where t.milestone_id = m.id and s.code <> 'done')`);
    expect(mismatched[0]?.n).toBe(0);
    const projectMismatch = await queryRows<{ n: number }>(db, sql`
      select count(*)::int as n from projects p join statuses ps on ps.id = p.status_id
      where (ps.code = 'completed') <> not exists (
        select 1 from tasks t join statuses s on s.id = t.status_id where t.project_id = p.id and t.task_template_id is not null and s.code <> 'done')`);
    expect(projectMismatch[0]?.n).toBe(0);
    const milestoneCodes = await statusCodes("milestone");
    const states = (await db.select({ s: milestones.statusId }).from(milestones)).map((m) => milestoneCodes.get(m.s ?? 0));
    expect(new Set(states)).toEqual(new Set(["todo", "in_progress", "completed"]));
  });

  it("records exam results with the metrics the scores read", async () => {
    const results = await db
      .select({ metrics: taskResults.performanceMetrics, kind: tasks.kind, passed: taskResults.passed })
      .from(taskResults)
      .innerJoin(tasks, eq(tasks.id, taskResults.taskId));
    const exams = results.filter((r) => r.kind === "exam");
    expect(exams.length).toBeGreaterThanOrEqual(5);
    for (const { metrics } of exams) {
      expect(Object.keys(metrics ?? {})).toEqual(expect.arrayContaining(["correct_answers", "total_questions", "score", "passed", "actual_minutes", "expected_minutes"]));
      expect(metrics?.correct_answers).toBeLessThanOrEqual(metrics?.total_questions ?? 0);
    }
    expect(exams.some((r) => r.passed === false)).toBe(true);
  });

  it("has task requests pending, approved and rejected with a reason", async () => {
    const codes = await statusCodes("task_request");
    const requests = await db.select().from(taskRequest);
    const byCode = (code: string) => requests.filter((r) => codes.get(r.statusId ?? 0) === code);
    expect(byCode("pending_approval").length).toBeGreaterThanOrEqual(1);
    expect(byCode("pending_approval").every((r) => r.approvalRequired)).toBe(true);
    expect(byCode("approved")[0]?.createdTaskId).toEqual(expect.any(Number));
    expect(byCode("rejected")[0]?.decisionNote).toMatch(/\w{10,}/);
    const assignees = await db.select().from(taskRequestAssignee);
    expect(new Set(assignees.map((a) => a.taskRequestId))).toEqual(new Set(requests.map((r) => r.id)));
  });

  it("leaves user_scores equal to a recount and the levels the counters earn unlocked", async () => {
    const everyone = (await db.select({ id: users.id }).from(users)).map((u) => u.id);
    await expectRollupEqualsRecount(db, everyone);
    expect(summary.user_scores).toBe(everyone.length);
    const standings = await standingsOf(db, everyone);
    const unlocked = [...standings.values()].flatMap((s) => s.levels.filter((l) => l.unlocked).map((l) => `${s.user_id}:${l.level}`));
    const finished = await queryRows<{ id: number }>(db, sql`select distinct p.onboardee_id as id from projects p join statuses s on s.id = p.status_id
      join users u on u.id = p.onboardee_id where s.code = 'completed' and u.profession_id is not null`);
    expect(finished.length).toBeGreaterThanOrEqual(2);
    for (const { id } of finished) expect(unlocked).toContain(`${id}:beginner`);
    for (const standing of standings.values()) {
      for (const level of standing.levels) if (level.met && level.specialization_id !== null) expect(level.unlocked).toBe(true);
    }
    expect(await db.select().from(specializations)).toHaveLength(3 * (await db.select().from(professions)).length);
  });

  it("reports the row counts it wrote", async () => {
    expect(summary.users).toBe((await db.select().from(users)).length);
    expect(summary.tasks).toBe((await db.select({ id: tasks.id }).from(tasks)).length);
    expect(summary.task_templates).toBeGreaterThanOrEqual(30);
    expect(logged.some((line) => line.includes("onboarding started"))).toBe(true);
  });

  it("leaves the audit trigger switched on after seeding", async () => {
    const rows = await queryRows<{ n: number }>(db, sql`
      select count(*)::int as n from pg_trigger where tgname = 'audit_row_change' and tgenabled = 'D'`);
    expect(rows[0]?.n).toBe(0);
  });
});

describe("the demo's draft program", () => {
  // Last in this file: it publishes the draft, which the checks above count as one.
  it("belongs, with every draft beneath it, to a unit the demo admin maintains, so the admin can publish it", async () => {
    const [draft] = await db.select().from(projectTemplates).where(eq(projectTemplates.isDraft, true));
    if (!draft) throw new Error("the demo has no draft program");
    const draftSteps = await db.select().from(stepTemplates).where(eq(stepTemplates.isDraft, true));
    expect(draftSteps.length).toBeGreaterThan(0);
    expect(draftSteps.filter((s) => s.entityId === null).map((s) => s.name)).toEqual([]);

    const [admin] = await db.select().from(users).where(eq(users.email, "admin@demo.test"));
    const [company] = await db.select().from(entities).where(eq(entities.id, admin?.entityId ?? 0));
    if (!admin || !company) throw new Error("the demo has no admin");
    const published = await publishTemplate(db, principalOf(admin, company), "project", { id: draft.id });
    expect(published).toMatchObject({ id: draft.id, is_draft: false });
    expect(await db.select({ id: stepTemplates.id }).from(stepTemplates).where(eq(stepTemplates.isDraft, true))).toEqual([]);
  });
});
