// Publishing against a real database: completeness checks (listed together), the cascade to draft
// children in one transaction, and the freeze of published revisions.
import { and, eq, inArray } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { events, milestoneTemplates, projectTemplates, stepTemplates, taskTemplates } from "../../db/schema";
import { openTestDatabase } from "../../test/db";
import { unique } from "../../test/factories";
import { ApiError } from "../api/errors";
import { generateKeyEntry } from "../crypto/keyring";
import { deleteTemplate } from "./delete";
import { replaceMilestoneTasks, replaceProjectMilestones, replaceTaskSteps } from "./links";
import { createMilestoneTemplate, updateMilestoneTemplate } from "./milestone-templates";
import { createProjectTemplate, getProjectTemplate, updateProjectTemplate } from "./project-templates";
import { publishTemplate } from "./publish";
import { updateStepTemplate } from "./step-templates";
import { replaceTaskParents, replaceTaskProfessions } from "./task-links";
import { createTaskTemplate, updateTaskTemplate } from "./task-templates";
import { buildDraftProgram, instruction, quiz, templateCast } from "./test-fixtures";

process.env.GROUNDWORK_ENCRYPTION_KEYS ??= generateKeyEntry("templates-publish");

const { db } = await openTestDatabase();

describe("publish validates completeness", () => {
  it("refuses a program without milestones", async () => {
    const cast = await templateCast(db);
    const program = await createProjectTemplate(db, cast.admin.principal, { name: unique("Empty"), duration_days: 5 });
    await expect(publishTemplate(db, cast.admin.principal, "project", { id: program.id })).rejects.toMatchObject({
      status: 422,
      issues: [{ path: `project_templates.${program.id}`, message: expect.stringMatching(/at least one milestone/) as unknown }],
    });
  });

  it("lists every problem at once: a milestone without tasks, an exam without a quiz, a broken step; nothing is published", async () => {
    const cast = await templateCast(db);
    const admin = cast.admin.principal;
    const program = await buildDraftProgram(db, admin, {
      milestones: [{ tasks: [] }, { tasks: [{ kind: "exam", steps: [instruction()] }, { steps: [instruction()] }] }],
    });
    const [brokenStep] = program.stepIds.slice(-1);
    if (brokenStep === undefined) throw new Error("no step");
    // A row written around the service (an old import, a hand edit) is checked again when published.
    await db.update(stepTemplates).set({ processDefinition: null }).where(eq(stepTemplates.id, brokenStep));

    const refusal: unknown = await publishTemplate(db, admin, "project", { id: program.projectId }).catch((err: unknown) => err);
    expect(refusal).toBeInstanceOf(ApiError);
    const issues = refusal instanceof ApiError ? (refusal.issues ?? []) : [];
    expect(refusal).toMatchObject({ status: 422 });
    expect(issues.map((i) => i.path).sort()).toEqual(
      [`milestone_templates.${program.milestoneIds[0]}`, `task_templates.${program.taskIds[0]}`, `step_templates.${brokenStep}`].sort(),
    );
    expect(issues.find((i) => i.path.startsWith("task_"))?.message).toMatch(/exam and needs at least one quiz or submission step/);
    const [row] = await db.select().from(projectTemplates).where(eq(projectTemplates.id, program.projectId));
    expect(row?.isDraft).toBe(true);
    const published = await db.select().from(taskTemplates).where(and(inArray(taskTemplates.id, program.taskIds), eq(taskTemplates.isDraft, false)));
    expect(published).toEqual([]);
  });

  it("refuses a draft child that the admin does not maintain (a shared draft)", async () => {
    const cast = await templateCast(db);
    const admin = cast.admin.principal;
    const [shared] = await db
      .insert(stepTemplates)
      .values({ name: unique("Shared step"), kind: "instruction", processDefinition: { type: "instruction", body: "", guide_ids: [] }, isDraft: true })
      .returning();
    if (!shared) throw new Error("no step");
    const task = await createTaskTemplate(db, admin, { name: unique("Task") });
    await replaceTaskSteps(db, admin, { id: task.id, items: [{ step_template_id: shared.id }] });
    await expect(publishTemplate(db, admin, "task", { id: task.id })).rejects.toMatchObject({
      status: 422,
      issues: [{ path: `step_templates.${shared.id}`, message: expect.stringMatching(/outside your part of the organisation/) as unknown }],
    });
  });
});

describe("publish cascades", () => {
  it("publishes a program with its draft milestones, tasks, steps and draft parents in one go", async () => {
    const cast = await templateCast(db);
    const admin = cast.admin.principal;
    const program = await buildDraftProgram(db, admin, {
      milestones: [{ tasks: [{ steps: [instruction()] }] }, { tasks: [{ kind: "exam", steps: [quiz()] }] }],
    });
    // A parent outside the program is taken along: a published task never points at a draft.
    const parent = await createTaskTemplate(db, admin, { name: unique("Parent") });
    const [firstTask] = program.taskIds;
    if (firstTask === undefined) throw new Error("no task");
    await replaceTaskParents(db, admin, { id: firstTask, items: [parent.id] });

    const published = await publishTemplate(db, admin, "project", { id: program.projectId, version: 2 });
    expect(published).toMatchObject({ is_draft: false, version: 3 });
    expect(published.published_at).not.toBeNull();
    const rows = [
      ...(await db.select().from(milestoneTemplates).where(inArray(milestoneTemplates.id, program.milestoneIds))),
      ...(await db.select().from(taskTemplates).where(inArray(taskTemplates.id, [...program.taskIds, parent.id]))),
      ...(await db.select().from(stepTemplates).where(inArray(stepTemplates.id, program.stepIds))),
    ];
    expect(rows).toHaveLength(7);
    for (const row of rows) {
      expect(row.isDraft).toBe(false);
      expect(row.publishedAt).not.toBeNull();
    }
    const emitted = await db.select().from(events).where(eq(events.type, "template.published"));
    const mine = emitted.filter(
      (e) =>
        (e.payload.template_type === "project_template" && e.payload.template_id === program.projectId) ||
        (e.payload.published_with as { template_id?: number } | null)?.template_id === program.projectId,
    );
    expect(mine).toHaveLength(8);
  });

  it("leaves already published children as they are and publishes a milestone template on its own", async () => {
    const cast = await templateCast(db);
    const admin = cast.admin.principal;
    const first = await buildDraftProgram(db, admin, { milestones: [{ tasks: [{ steps: [instruction()] }] }] });
    await publishTemplate(db, admin, "task", { id: first.taskIds[0] ?? 0 });
    const [before] = await db.select().from(taskTemplates).where(eq(taskTemplates.id, first.taskIds[0] ?? 0));
    const milestone = await publishTemplate(db, admin, "milestone", { id: first.milestoneIds[0] ?? 0 });
    expect(milestone.is_draft).toBe(false);
    const [after] = await db.select().from(taskTemplates).where(eq(taskTemplates.id, first.taskIds[0] ?? 0));
    expect(after?.version).toBe(before?.version);
    expect(after?.publishedAt?.getTime()).toBe(before?.publishedAt?.getTime());
    const [program] = await db.select().from(projectTemplates).where(eq(projectTemplates.id, first.projectId));
    expect(program?.isDraft).toBe(true);
  });

  it("answers 409 to publishing what is already published", async () => {
    const cast = await templateCast(db);
    const program = await buildDraftProgram(db, cast.admin.principal, { milestones: [{ tasks: [{}] }] });
    await publishTemplate(db, cast.admin.principal, "project", { id: program.projectId });
    await expect(publishTemplate(db, cast.admin.principal, "project", { id: program.projectId })).rejects.toMatchObject({ status: 409 });
  });
});

describe("published revisions are frozen", () => {
  it("refuses every update, delete and link change with 409 pointing at a new draft", async () => {
    const cast = await templateCast(db);
    const admin = cast.admin.principal;
    const p = await buildDraftProgram(db, admin, { milestones: [{ tasks: [{ steps: [instruction()] }] }] });
    await publishTemplate(db, admin, "project", { id: p.projectId });
    const [m, t, s] = [p.milestoneIds[0] ?? 0, p.taskIds[0] ?? 0, p.stepIds[0] ?? 0];
    const other = await createTaskTemplate(db, admin, { name: unique("Other") });
    const otherMilestone = await createMilestoneTemplate(db, admin, { name: unique("Other milestone") });

    const attempts: [string, () => Promise<unknown>][] = [
      ["update program", () => updateProjectTemplate(db, admin, { id: p.projectId, changes: { name: "Changed" } })],
      ["update milestone", () => updateMilestoneTemplate(db, admin, { id: m, changes: { expected_hours: 1 } })],
      ["update task", () => updateTaskTemplate(db, admin, { id: t, changes: { expected_minutes: 5 } })],
      ["update step", () => updateStepTemplate(db, admin, { id: s, changes: { process_definition: instruction("Changed") } })],
      ["delete program", () => deleteTemplate(db, admin, "project", { id: p.projectId })],
      ["delete step", () => deleteTemplate(db, admin, "step", { id: s })],
      ["relink milestones", () => replaceProjectMilestones(db, admin, { id: p.projectId, items: [{ milestone_template_id: otherMilestone.id, start_offset_days: 0, duration_days: 1 }] })],
      ["relink tasks", () => replaceMilestoneTasks(db, admin, { id: m, items: [{ task_template_id: other.id }] })],
      ["relink steps", () => replaceTaskSteps(db, admin, { id: t, items: [] })],
      ["relink parents", () => replaceTaskParents(db, admin, { id: t, items: [other.id] })],
      ["relink professions", () => replaceTaskProfessions(db, admin, { id: t, items: [] })],
    ];
    for (const [what, attempt] of attempts) {
      await expect(attempt(), what).rejects.toMatchObject({ status: 409, extra: { frozen: true } });
    }
    await expect(updateProjectTemplate(db, admin, { id: p.projectId, changes: { name: "Changed" } })).rejects.toThrow(/drafts/);
    const read = await getProjectTemplate(db, admin, { id: p.projectId });
    expect(read.milestones.map((x) => x.id)).toEqual([m]);
    expect(read.name).not.toBe("Changed");
  });
});
