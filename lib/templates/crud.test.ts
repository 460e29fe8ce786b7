// Template CRUD against a real database: create, read with links, list filters and pages, update,
// delete, input validation (5+ day programs, step definitions) and what readers may see.
import { and, eq } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { auditLog, events, projectTemplates, stepTemplates, taskTemplates } from "../../db/schema";
import { createGuide, unique } from "../../test/factories";
import { openTestDatabase } from "../../test/db";
import { generateKeyEntry } from "../crypto/keyring";
import { deleteTemplate } from "./delete";
import { replaceTaskSteps } from "./links";
import { createMilestoneTemplate, getMilestoneTemplate, listMilestoneTemplates, updateMilestoneTemplate } from "./milestone-templates";
import { createProjectTemplate, getProjectTemplate, listProjectTemplates, updateProjectTemplate } from "./project-templates";
import { createStepTemplate, getStepTemplate, listStepTemplates, updateStepTemplate } from "./step-templates";
import { createTaskTemplate, getTaskTemplate, listTaskTemplates, updateTaskTemplate } from "./task-templates";
import type { ProcessDefinitionInput } from "./process-definition";
import { buildDraftProgram, instruction, quiz, templateCast } from "./test-fixtures";
import { projectTemplateCreateSchema, stepTemplateUpdateSchema, taskTemplateListQuerySchema } from "./validators";

process.env.GROUNDWORK_ENCRYPTION_KEYS ??= generateKeyEntry("templates-crud");

const { db } = await openTestDatabase();

describe("project templates", () => {
  it("creates a draft owned by the admin's entity, as its own lineage, with an audit row and an event", async () => {
    const cast = await templateCast(db);
    const admin = cast.admin.principal;
    const created = await createProjectTemplate(db, admin, { name: "  Backend onboarding ", description: "Two weeks", duration_days: 10 });
    expect(created).toMatchObject({
      name: "Backend onboarding",
      description: "Two weeks",
      entity_id: cast.company.id,
      is_draft: true,
      lineage_id: created.id,
      revision: 1,
      published_at: null,
      created_by: admin.userId,
      version: 1,
      duration_days: 10,
      milestones: [],
    });
    const [row] = await db.select().from(projectTemplates).where(eq(projectTemplates.id, created.id));
    expect(row?.lineageId).toBe(created.id);
    const audits = await db
      .select()
      .from(auditLog)
      .where(and(eq(auditLog.tableName, "project_templates"), eq(auditLog.rowKey, String(created.id))));
    expect(audits.map((a) => [a.action, a.actorId])).toEqual([["insert", admin.userId]]);
    const emitted = await db.select().from(events).where(eq(events.type, "template.created"));
    expect(emitted.some((e) => e.payload.template_id === created.id && e.entityId === cast.company.id)).toBe(true);
  });

  it("refuses a program shorter than 5 days, and an entity outside the admin's subtree", async () => {
    const cast = await templateCast(db);
    await expect(createProjectTemplate(db, cast.admin.principal, { name: "Short", duration_days: 4 })).rejects.toMatchObject({ status: 422 });
    await expect(
      createProjectTemplate(db, cast.departmentAdmin, { name: "Elsewhere", duration_days: 5, entity_id: cast.sibling.id }),
    ).rejects.toMatchObject({ status: 422 });
    const below = await createProjectTemplate(db, cast.admin.principal, { name: "Below", duration_days: 5, entity_id: cast.department.id });
    expect(below.entity_id).toBe(cast.department.id);
    expect(projectTemplateCreateSchema.safeParse({ name: "X", duration_days: 5, is_draft: false }).success).toBe(false);
    expect(projectTemplateCreateSchema.safeParse({ name: "X", duration_days: 5, lineage_id: 1 }).success).toBe(false);
  });

  it("reads a program with its milestones (position, offset, duration) and each milestone's task templates in order", async () => {
    const cast = await templateCast(db);
    // Built in the department, so its manager (whose scope is the department) reads it too.
    const program = await buildDraftProgram(db, cast.departmentAdmin, { milestones: [{ tasks: [{}, {}] }, { tasks: [{}] }] });
    const read = await getProjectTemplate(db, cast.manager.principal, { id: program.projectId });
    expect(read.milestones.map((m) => [m.id, m.position, m.start_offset_days, m.duration_days])).toEqual([
      [program.milestoneIds[0], 1, 0, 2],
      [program.milestoneIds[1], 2, 2, 2],
    ]);
    expect(read.milestones[0]?.task_templates.map((t) => [t.id, t.position])).toEqual([
      [program.taskIds[0], 1],
      [program.taskIds[1], 2],
    ]);
    expect(read.milestones[1]?.task_templates.map((t) => t.id)).toEqual([program.taskIds[2]]);
  });

  it("updates a draft, bumping its version, and writes nothing for an empty change", async () => {
    const cast = await templateCast(db);
    const admin = cast.admin.principal;
    const created = await createProjectTemplate(db, admin, { name: "Sales", duration_days: 5 });
    const same = await updateProjectTemplate(db, admin, { id: created.id, changes: {} });
    expect(same.version).toBe(1);
    const changed = await updateProjectTemplate(db, admin, { id: created.id, changes: { name: "Sales 2", duration_days: 15, version: 1 } });
    expect(changed).toMatchObject({ name: "Sales 2", duration_days: 15, version: 2 });
    await expect(updateProjectTemplate(db, admin, { id: created.id, changes: { duration_days: 3 } })).rejects.toMatchObject({ status: 422 });
  });

  it("lists with cursor pages and filters (is_draft, q, entity_id, profession_id, lineage_id)", async () => {
    const cast = await templateCast(db);
    const admin = cast.admin.principal;
    const tag = unique("Listed");
    const ids: number[] = [];
    for (let i = 0; i < 5; i++) ids.push((await createProjectTemplate(db, admin, { name: `${tag} ${i}`, duration_days: 5 })).id);
    const inDepartment = await createProjectTemplate(db, admin, { name: `${tag} dept`, duration_days: 5, entity_id: cast.department.id });

    const first = await listProjectTemplates(db, admin, { q: tag, limit: 4 });
    expect(first.items.map((t) => t.id)).toEqual(ids.slice(0, 4));
    expect(first.next_cursor).toBe(String(ids[3]));
    const second = await listProjectTemplates(db, admin, { q: tag, limit: 4, cursor: Number(first.next_cursor) });
    expect(second.items.map((t) => t.id)).toEqual([ids[4], inDepartment.id]);
    expect(second.next_cursor).toBeNull();

    const byEntity = await listProjectTemplates(db, admin, { q: tag, entity_id: cast.department.id });
    expect(byEntity.items.map((t) => t.id)).toEqual([inDepartment.id]);
    expect((await listProjectTemplates(db, admin, { q: tag, is_draft: false })).items).toEqual([]);
    expect((await listProjectTemplates(db, admin, { q: tag, lineage_id: ids[2] })).items.map((t) => t.id)).toEqual([ids[2]]);
    expect((await listProjectTemplates(db, admin, { q: tag, entity_id: "shared" })).items).toEqual([]);
    expect((await listProjectTemplates(db, admin, { q: tag, profession_id: 999_999 })).items).toEqual([]);
  });
});

describe("milestone and task templates", () => {
  it("creates, reads, lists and updates milestone templates with expected hours", async () => {
    const cast = await templateCast(db);
    const admin = cast.admin.principal;
    const created = await createMilestoneTemplate(db, admin, { name: "Week 1", expected_hours: 37.5 });
    expect(created).toMatchObject({ expected_hours: 37.5, is_draft: true, task_templates: [] });
    const updated = await updateMilestoneTemplate(db, admin, { id: created.id, changes: { expected_hours: 40.125 } });
    expect(updated).toMatchObject({ expected_hours: 40.13, version: 2 });
    expect((await getMilestoneTemplate(db, admin, { id: created.id })).expected_hours).toBe(40.13);
    expect((await listMilestoneTemplates(db, admin, { q: "Week 1" })).items.map((m) => m.id)).toContain(created.id);
    await expect(createMilestoneTemplate(db, admin, { name: "Negative", expected_hours: -1 })).rejects.toMatchObject({ status: 422 });
  });

  it("creates task and exam templates and filters them by kind", async () => {
    const cast = await templateCast(db);
    const admin = cast.admin.principal;
    const tag = unique("Kinded");
    const task = await createTaskTemplate(db, admin, { name: `${tag} task` });
    const exam = await createTaskTemplate(db, admin, { name: `${tag} exam`, kind: "exam", expected_minutes: 20 });
    expect(task).toMatchObject({ kind: "task", expected_minutes: 30, steps: [], professions: [], parents: [] });
    expect(exam).toMatchObject({ kind: "exam", expected_minutes: 20 });
    const exams = await listTaskTemplates(db, admin, taskTemplateListQuerySchema.parse({ q: tag, kind: "exam" }));
    expect(exams.items.map((t) => t.id)).toEqual([exam.id]);
    expect(taskTemplateListQuerySchema.safeParse({ kind: "chore" }).success).toBe(false);
    const renamed = await updateTaskTemplate(db, admin, { id: task.id, changes: { kind: "exam", expected_minutes: 90 } });
    expect(renamed).toMatchObject({ kind: "exam", expected_minutes: 90, version: 2 });
    await expect(updateTaskTemplate(db, admin, { id: task.id, changes: { expected_minutes: 0 } })).rejects.toMatchObject({ status: 422 });
    expect((await getTaskTemplate(db, admin, { id: task.id })).name).toBe(`${tag} task`);
  });
});

describe("step templates", () => {
  it("validates the process definition and keeps kind = definition.type", async () => {
    const cast = await templateCast(db);
    const admin = cast.admin.principal;
    const step = await createStepTemplate(db, admin, { name: "Read", process_definition: instruction() });
    expect(step).toMatchObject({ kind: "instruction", process_definition: { type: "instruction", body: "Read the handbook.", guide_ids: [] } });
    const asQuiz = await updateStepTemplate(db, admin, { id: step.id, changes: { process_definition: quiz() } });
    expect(asQuiz.kind).toBe("quiz");
    const [row] = await db.select().from(stepTemplates).where(eq(stepTemplates.id, step.id));
    expect(row?.kind).toBe("quiz");
    expect(row?.processDefinition?.type).toBe("quiz");

    const noQuestions: ProcessDefinitionInput = { type: "quiz", questions: [] };
    await expect(createStepTemplate(db, admin, { name: "Empty quiz", process_definition: noQuestions })).rejects.toMatchObject({ status: 422 });
    expect(stepTemplateUpdateSchema.safeParse({ kind: "quiz" }).success).toBe(false);
    await expect(
      createStepTemplate(db, admin, { name: "Bad checklist", process_definition: { type: "checklist", mode: "sequential", items: [] } }),
    ).rejects.toMatchObject({ status: 422 });
    expect((await listStepTemplates(db, admin, { kind: "quiz" })).items.map((s) => s.id)).toContain(step.id);
    expect((await listStepTemplates(db, admin, { kind: "instruction" })).items.map((s) => s.id)).not.toContain(step.id);
  });

  it("accepts guides of the organisation in a definition and refuses unknown ones", async () => {
    const cast = await templateCast(db);
    const admin = cast.admin.principal;
    const guide = await createGuide(db, cast.company.id);
    const foreign = await createGuide(db, (await templateCast(db)).company.id);
    const step = await createStepTemplate(db, admin, { name: "Guided", process_definition: { type: "instruction", guide_ids: [guide.id] } });
    expect(step.process_definition).toMatchObject({ guide_ids: [guide.id] });
    await expect(
      createStepTemplate(db, admin, { name: "Foreign", process_definition: { type: "instruction", guide_ids: [foreign.id] } }),
    ).rejects.toMatchObject({ status: 422 });
  });

  it("shows quiz answers to template editors only", async () => {
    const cast = await templateCast(db);
    const admin = cast.departmentAdmin;
    const step = await createStepTemplate(db, admin, { name: "Exam", process_definition: quiz() });
    const task = await createTaskTemplate(db, admin, { name: "Exam task", kind: "exam" });
    await replaceTaskSteps(db, admin, { id: task.id, items: [{ step_template_id: step.id }] });

    const asAdmin = JSON.stringify(await getStepTemplate(db, admin, { id: step.id }));
    expect(asAdmin).toContain("Paris");
    expect(asAdmin).toContain('"correct":"a"');
    for (const view of [await getStepTemplate(db, cast.manager.principal, { id: step.id }), await getTaskTemplate(db, cast.manager.principal, { id: task.id })]) {
      const text = JSON.stringify(view);
      expect(text).toContain("Capital of France?");
      expect(text).not.toContain("Paris");
      expect(text).not.toContain('"correct"');
    }
  });
});

describe("delete", () => {
  it("deletes an unused draft with its own links, its audit row and its event", async () => {
    const cast = await templateCast(db);
    const admin = cast.admin.principal;
    const step = await createStepTemplate(db, admin, { name: "Gone", process_definition: instruction() });
    const task = await createTaskTemplate(db, admin, { name: "Gone task" });
    await replaceTaskSteps(db, admin, { id: task.id, items: [{ step_template_id: step.id }] });
    await deleteTemplate(db, admin, "task", { id: task.id });
    expect(await db.select().from(taskTemplates).where(eq(taskTemplates.id, task.id))).toEqual([]);
    await deleteTemplate(db, admin, "step", { id: step.id });
    await expect(getStepTemplate(db, admin, { id: step.id })).rejects.toMatchObject({ status: 404 });
    const deletes = await db
      .select()
      .from(auditLog)
      .where(and(eq(auditLog.tableName, "task_templates"), eq(auditLog.rowKey, String(task.id)), eq(auditLog.action, "delete")));
    expect(deletes).toHaveLength(1);
    const emitted = await db.select().from(events).where(eq(events.type, "template.deleted"));
    expect(emitted.some((e) => e.payload.template_id === task.id)).toBe(true);
  });
});
