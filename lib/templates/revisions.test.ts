// Draft revisions against a real database: a new draft copies a published revision (same lineage,
// next revision, links to the same published children), and programs already started keep the
// exact revision they started from.
import { eq, inArray } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { guideables, milestones, professions, projects, projectTemplates, tasks } from "../../db/schema";
import { openTestDatabase } from "../../test/db";
import { createGuide, createProgram, unique } from "../../test/factories";
import { generateKeyEntry } from "../crypto/keyring";
import { instantiateProgram } from "../programs/instantiate";
import { replaceProjectMilestones } from "./links";
import { createMilestoneTemplate, type MilestoneTemplateDetailDto } from "./milestone-templates";
import { getProjectTemplate, listProjectTemplates, type ProjectTemplateDetailDto, updateProjectTemplate } from "./project-templates";
import { publishTemplate } from "./publish";
import { createDraftRevision } from "./revisions";
import { replaceTaskParents, replaceTaskProfessions } from "./task-links";
import { createTaskTemplate, type TaskTemplateDetailDto } from "./task-templates";
import { buildDraftProgram, instruction, templateCast } from "./test-fixtures";

process.env.GROUNDWORK_ENCRYPTION_KEYS ??= generateKeyEntry("templates-revisions");

const { db } = await openTestDatabase();

describe("new draft revisions", () => {
  it("keeps a started program on the revision it started from while the next revision is drafted and published", async () => {
    const cast = await templateCast(db);
    const admin = cast.admin.principal;
    const built = await buildDraftProgram(db, admin, { milestones: [{ tasks: [{ steps: [instruction()] }] }] });
    const v1 = (await publishTemplate(db, admin, "project", { id: built.projectId })) as ProjectTemplateDetailDto;

    const started = await db.transaction((tx) =>
      instantiateProgram(tx, { projectTemplateId: v1.id, onboardeeId: cast.employee.user.id, createdBy: admin.userId, startDate: "2030-03-04" }),
    );
    const [projectBefore] = await db.select().from(projects).where(eq(projects.id, started.projectId));

    const draft = (await createDraftRevision(db, admin, "project", { id: v1.id })) as ProjectTemplateDetailDto;
    expect(draft).toMatchObject({ is_draft: true, lineage_id: v1.id, revision: 2, version: 1, published_at: null, name: v1.name });
    expect(draft.id).not.toBe(v1.id);
    // The draft links to the same published milestones, with the same offsets.
    expect(draft.milestones.map((m) => [m.id, m.is_draft, m.position, m.start_offset_days, m.duration_days])).toEqual(
      v1.milestones.map((m) => [m.id, false, m.position, m.start_offset_days, m.duration_days]),
    );

    const extra = await buildDraftProgram(db, admin, { milestones: [{ tasks: [{ steps: [instruction()] }] }] });
    await updateProjectTemplate(db, admin, { id: draft.id, changes: { name: "Onboarding v2", duration_days: 20 } });
    await replaceProjectMilestones(db, admin, {
      id: draft.id,
      items: [
        { milestone_template_id: v1.milestones[0]?.id ?? 0, start_offset_days: 0, duration_days: 2 },
        { milestone_template_id: extra.milestoneIds[0] ?? 0, start_offset_days: 5, duration_days: 3 },
      ],
    });
    const v2 = (await publishTemplate(db, admin, "project", { id: draft.id })) as ProjectTemplateDetailDto;
    expect(v2).toMatchObject({ is_draft: false, revision: 2, name: "Onboarding v2" });

    // The old revision and the project started from it are untouched.
    const old = await getProjectTemplate(db, admin, { id: v1.id });
    expect(old).toMatchObject({ name: v1.name, version: v1.version, duration_days: v1.duration_days, is_draft: false });
    expect(old.milestones.map((m) => m.id)).toEqual(v1.milestones.map((m) => m.id));
    const [projectAfter] = await db.select().from(projects).where(eq(projects.id, started.projectId));
    expect(projectAfter).toEqual(projectBefore);
    expect(projectAfter?.projectTemplateId).toBe(v1.id);
    const projectMilestones = await db.select().from(milestones).where(eq(milestones.projectId, started.projectId));
    expect(projectMilestones.map((m) => m.milestoneTemplateId)).toEqual([v1.milestones[0]?.id]);
    const projectTasks = await db.select().from(tasks).where(inArray(tasks.id, started.taskIds));
    expect(projectTasks.map((t) => t.taskTemplateId)).toEqual(built.taskIds);

    // A new start uses the revision asked for.
    const next = await db.transaction((tx) =>
      instantiateProgram(tx, { projectTemplateId: v2.id, onboardeeId: cast.peer.user.id, createdBy: admin.userId, startDate: "2030-03-04" }),
    );
    expect(next.milestoneIds).toHaveLength(2);

    const lineage = await listProjectTemplates(db, admin, { lineage_id: v1.id });
    expect(lineage.items.map((t) => [t.id, t.revision, t.is_draft])).toEqual([
      [v1.id, 1, false],
      [v2.id, 2, false],
    ]);
    const v3 = (await createDraftRevision(db, admin, "project", { id: v1.id })) as ProjectTemplateDetailDto;
    expect(v3).toMatchObject({ revision: 3, lineage_id: v1.id });
    expect(v3.milestones.map((m) => m.id)).toEqual(v1.milestones.map((m) => m.id));
  });

  it("allows one open draft per template and none from a draft", async () => {
    const cast = await templateCast(db);
    const admin = cast.admin.principal;
    const draftOnly = await createMilestoneTemplate(db, admin, { name: unique("Draft") });
    await expect(createDraftRevision(db, admin, "milestone", { id: draftOnly.id })).rejects.toMatchObject({ status: 409 });

    const built = await buildDraftProgram(db, admin, { milestones: [{ tasks: [{}] }] });
    const milestoneId = built.milestoneIds[0] ?? 0;
    await publishTemplate(db, admin, "milestone", { id: milestoneId });
    const draft = (await createDraftRevision(db, admin, "milestone", { id: milestoneId })) as MilestoneTemplateDetailDto;
    expect(draft.task_templates.map((t) => t.id)).toEqual(built.taskIds);
    await expect(createDraftRevision(db, admin, "milestone", { id: milestoneId })).rejects.toMatchObject({
      status: 409,
      extra: { draft_id: draft.id },
    });
  });

  it("copies a task template's steps, parents, professions and guides into its draft", async () => {
    const cast = await templateCast(db);
    const admin = cast.admin.principal;
    const built = await buildDraftProgram(db, admin, { milestones: [{ tasks: [{ steps: [instruction(), instruction("Two")] }] }] });
    const taskId = built.taskIds[0] ?? 0;
    const parent = await createTaskTemplate(db, admin, { name: unique("Parent") });
    await replaceTaskParents(db, admin, { id: taskId, items: [parent.id] });
    const guide = await createGuide(db, cast.company.id);
    await db.insert(guideables).values({ guideId: guide.id, guideableType: "task_template", guideableId: taskId });
    const [profession] = await db.insert(professions).values({ name: unique("Analyst"), entityId: cast.company.id }).returning();
    if (!profession) throw new Error("no profession");
    await replaceTaskProfessions(db, admin, { id: taskId, items: [profession.id] });
    await publishTemplate(db, admin, "task", { id: taskId });

    const draft = (await createDraftRevision(db, admin, "task", { id: taskId })) as TaskTemplateDetailDto;
    expect(draft.steps.map((s) => [s.id, s.order])).toEqual(built.stepIds.map((id, i) => [id, i + 1]));
    expect(draft.parents.map((p) => p.id)).toEqual([parent.id]);
    expect(draft.professions.map((p) => p.id)).toEqual([profession.id]);
    const links = await db.select().from(guideables).where(eq(guideables.guideableId, draft.id));
    expect(links.filter((l) => l.guideableType === "task_template").map((l) => l.guideId)).toEqual([guide.id]);
  });

  it("starts a lineage at the original for templates made before lineages were recorded", async () => {
    const cast = await templateCast(db);
    const admin = cast.admin.principal;
    const { templateId } = await createProgram(db, { entityId: cast.company.id, milestones: [{ name: "M", offset: 0, duration: 5, tasks: [{ name: "T" }] }] });
    const [original] = await db.select().from(projectTemplates).where(eq(projectTemplates.id, templateId));
    expect(original?.lineageId).toBeNull();
    const draft = (await createDraftRevision(db, admin, "project", { id: templateId })) as ProjectTemplateDetailDto;
    expect(draft).toMatchObject({ lineage_id: templateId, revision: 2 });
  });
});
