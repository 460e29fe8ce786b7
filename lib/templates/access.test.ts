// Who may do what with templates, against a real database: roles (403), entity scope (404),
// shared templates (read-only), optimistic versions (409/412) and deletes refused while in use.
import { eq } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { milestoneTemplateTaskTemplate, milestones, projects, projectTemplates, tasks, taskTemplates } from "../../db/schema";
import { createProgram, unique } from "../../test/factories";
import { openTestDatabase } from "../../test/db";
import type { Principal } from "../auth/principal";
import { generateKeyEntry } from "../crypto/keyring";
import { statusIdOf } from "../statuses/service";
import { deleteTemplate } from "./delete";
import { replaceMilestoneTasks, replaceProjectMilestones } from "./links";
import { createMilestoneTemplate, getMilestoneTemplate, listMilestoneTemplates } from "./milestone-templates";
import { createProjectTemplate, getProjectTemplate, listProjectTemplates, updateProjectTemplate } from "./project-templates";
import { publishTemplate } from "./publish";
import { createDraftRevision } from "./revisions";
import { replaceTaskParents } from "./task-links";
import { createTaskTemplate, getTaskTemplate, updateTaskTemplate } from "./task-templates";
import { buildDraftProgram, templateCast } from "./test-fixtures";

process.env.GROUNDWORK_ENCRYPTION_KEYS ??= generateKeyEntry("templates-access");

const { db } = await openTestDatabase();

const program = (admin: Principal) => createProjectTemplate(db, admin, { name: unique("Program"), duration_days: 5 });

describe("roles", () => {
  it("refuses employees any template access and managers every write (403)", async () => {
    const cast = await templateCast(db);
    const draft = await program(cast.departmentAdmin);
    const employee = cast.employee.principal;
    await expect(listProjectTemplates(db, employee, {})).rejects.toMatchObject({ status: 403 });
    await expect(getProjectTemplate(db, employee, { id: draft.id })).rejects.toMatchObject({ status: 403 });

    const manager = cast.manager.principal;
    expect((await getProjectTemplate(db, manager, { id: draft.id })).id).toBe(draft.id);
    for (const who of [employee, manager]) {
      const writes: (() => Promise<unknown>)[] = [
        () => createProjectTemplate(db, who, { name: "Mine", duration_days: 5 }),
        () => updateProjectTemplate(db, who, { id: draft.id, changes: { name: "Taken" } }),
        () => deleteTemplate(db, who, "project", { id: draft.id }),
        () => replaceProjectMilestones(db, who, { id: draft.id, items: [] }),
        () => publishTemplate(db, who, "project", { id: draft.id }),
        () => createDraftRevision(db, who, "project", { id: draft.id }),
      ];
      for (const write of writes) await expect(write()).rejects.toMatchObject({ status: 403 });
    }
    expect((await getProjectTemplate(db, cast.departmentAdmin, { id: draft.id })).version).toBe(1);
  });
});

describe("entity scope", () => {
  it("answers 404 to admins of another organisation or a sibling department; the company admin reaches below", async () => {
    const cast = await templateCast(db);
    const draft = await program(cast.departmentAdmin);
    for (const stranger of [cast.otherAdmin, cast.siblingAdmin]) {
      await expect(getProjectTemplate(db, stranger, { id: draft.id })).rejects.toMatchObject({ status: 404 });
      await expect(updateProjectTemplate(db, stranger, { id: draft.id, changes: { name: "Taken" } })).rejects.toMatchObject({ status: 404 });
      await expect(deleteTemplate(db, stranger, "project", { id: draft.id })).rejects.toMatchObject({ status: 404 });
      await expect(publishTemplate(db, stranger, "project", { id: draft.id })).rejects.toMatchObject({ status: 404 });
      expect((await listProjectTemplates(db, stranger, { limit: 100 })).items.map((t) => t.id)).not.toContain(draft.id);
    }
    const renamed = await updateProjectTemplate(db, cast.admin.principal, { id: draft.id, changes: { name: "From above" } });
    expect(renamed.name).toBe("From above");
  });

  it("lets a department read the company-wide templates above it, and change them only from above (403)", async () => {
    const cast = await templateCast(db);
    const companyWide = await program(cast.admin.principal);
    for (const reader of [cast.departmentAdmin, cast.siblingAdmin, cast.manager.principal]) {
      expect((await getProjectTemplate(db, reader, { id: companyWide.id })).id).toBe(companyWide.id);
      expect((await listProjectTemplates(db, reader, { limit: 100 })).items.map((t) => t.id)).toContain(companyWide.id);
    }
    for (const below of [cast.departmentAdmin, cast.siblingAdmin]) {
      await expect(updateProjectTemplate(db, below, { id: companyWide.id, changes: { name: "Taken" } })).rejects.toMatchObject({ status: 403 });
      await expect(deleteTemplate(db, below, "project", { id: companyWide.id })).rejects.toMatchObject({ status: 403 });
    }
    expect((await getProjectTemplate(db, cast.admin.principal, { id: companyWide.id })).name).toBe(companyWide.name);
    // Another organisation's company-wide template stays out of sight.
    await expect(getProjectTemplate(db, cast.otherAdmin, { id: companyWide.id })).rejects.toMatchObject({ status: 404 });
  });

  it("lets everyone with templates:read see shared templates, and nobody change them (403)", async () => {
    const cast = await templateCast(db);
    const { templateId } = await createProgram(db, { entityId: null, isDraft: true, milestones: [{ name: "M", offset: 0, duration: 5, tasks: [{ name: "T" }] }] });
    for (const reader of [cast.manager.principal, cast.otherAdmin]) {
      expect((await getProjectTemplate(db, reader, { id: templateId })).entity_id).toBeNull();
    }
    expect((await listProjectTemplates(db, cast.manager.principal, { entity_id: "shared", limit: 100 })).items.map((t) => t.id)).toContain(templateId);
    await expect(updateProjectTemplate(db, cast.admin.principal, { id: templateId, changes: { name: "Mine now" } })).rejects.toMatchObject({
      status: 403,
    });
    await expect(deleteTemplate(db, cast.admin.principal, "project", { id: templateId })).rejects.toMatchObject({ status: 403 });
  });
});

describe("optimistic versions", () => {
  it("answers 409 to a stale body version and 412 to a stale If-Match, and changes nothing", async () => {
    const cast = await templateCast(db);
    const admin = cast.admin.principal;
    const task = await createTaskTemplate(db, admin, { name: unique("Versioned") });
    await updateTaskTemplate(db, admin, { id: task.id, changes: { expected_minutes: 40, version: 1 } });
    await expect(updateTaskTemplate(db, admin, { id: task.id, changes: { expected_minutes: 50, version: 1 } })).rejects.toMatchObject({
      status: 409,
      extra: { current_version: 2 },
    });
    await expect(updateTaskTemplate(db, admin, { id: task.id, changes: { expected_minutes: 50 }, ifMatch: 1 })).rejects.toMatchObject({ status: 412 });
    await expect(replaceTaskParents(db, admin, { id: task.id, items: [], ifMatch: 1 })).rejects.toMatchObject({ status: 412 });
    await expect(deleteTemplate(db, admin, "task", { id: task.id, ifMatch: 1 })).rejects.toMatchObject({ status: 412 });
    await expect(publishTemplate(db, admin, "task", { id: task.id, version: 1 })).rejects.toMatchObject({ status: 409 });
    const read = await getTaskTemplate(db, admin, { id: task.id });
    expect(read).toMatchObject({ expected_minutes: 40, version: 2, is_draft: true });
    expect((await updateTaskTemplate(db, admin, { id: task.id, changes: { expected_minutes: 50 }, ifMatch: 2 })).version).toBe(3);
  });
});

describe("delete while in use", () => {
  it("refuses to delete drafts that running work was created from, naming what uses them", async () => {
    const cast = await templateCast(db);
    const admin = cast.admin.principal;
    const built = await buildDraftProgram(db, admin, { milestones: [{ tasks: [{}] }] });
    const [projectStatus, milestoneStatus, taskStatus] = [
      await statusIdOf(db, "project", "in_progress"),
      await statusIdOf(db, "milestone", "todo"),
      await statusIdOf(db, "task", "todo"),
    ];
    const [project] = await db
      .insert(projects)
      .values({ name: "Running", statusId: projectStatus, entityId: cast.department.id, createdBy: admin.userId, projectTemplateId: built.projectId })
      .returning();
    if (!project) throw new Error("no project");
    await db.insert(milestones).values({ name: "M", description: "", projectId: project.id, milestoneTemplateId: built.milestoneIds[0], expectedHours: 1, statusId: milestoneStatus });
    await db.insert(tasks).values({ name: "T", statusId: taskStatus, taskTemplateId: built.taskIds[0], projectId: project.id, entityId: cast.department.id });

    await expect(deleteTemplate(db, admin, "project", { id: built.projectId })).rejects.toMatchObject({
      status: 409,
      message: expect.stringMatching(/in use.*1 project/) as unknown,
      extra: { used_by: { work: { projects: 1 } } },
    });
    await expect(deleteTemplate(db, admin, "milestone", { id: built.milestoneIds[0] ?? 0 })).rejects.toThrow(/1 milestone\b/);
    await expect(deleteTemplate(db, admin, "task", { id: built.taskIds[0] ?? 0 })).rejects.toThrow(/1 task\b/);
    const [still] = await db.select().from(projectTemplates).where(eq(projectTemplates.id, built.projectId));
    expect(still?.id).toBe(built.projectId);
  });

  it("refuses a draft linked from a published template or from a draft the admin does not maintain", async () => {
    const cast = await templateCast(db);
    const { milestoneIdByName } = await createProgram(db, {
      entityId: cast.department.id,
      milestones: [{ name: "Published M", offset: 0, duration: 5, tasks: [{ name: "T" }] }],
    });
    const draftTask = await createTaskTemplate(db, cast.departmentAdmin, { name: unique("Draft T") });
    const publishedMilestone = milestoneIdByName.get("Published M") ?? 0;
    await db.insert(milestoneTemplateTaskTemplate).values({ milestoneTemplateId: publishedMilestone, taskTemplateId: draftTask.id, position: 9 });
    await expect(deleteTemplate(db, cast.departmentAdmin, "task", { id: draftTask.id })).rejects.toMatchObject({
      status: 409,
      message: expect.stringMatching(/the published milestone template “Published M”/) as unknown,
    });

    const companyMilestone = await createMilestoneTemplate(db, cast.admin.principal, { name: "Company draft" });
    const departmentTask = await createTaskTemplate(db, cast.departmentAdmin, { name: unique("Dept T") });
    await replaceMilestoneTasks(db, cast.admin.principal, { id: companyMilestone.id, items: [{ task_template_id: departmentTask.id }] });
    await expect(deleteTemplate(db, cast.departmentAdmin, "task", { id: departmentTask.id })).rejects.toThrow(/the draft milestone template “Company draft”/);
  });

  it("removes a deleted draft from the admin's own drafts that link to it, moving their version", async () => {
    const cast = await templateCast(db);
    const admin = cast.admin.principal;
    const milestone = await createMilestoneTemplate(db, admin, { name: unique("Holder") });
    const [a, b] = [await createTaskTemplate(db, admin, { name: "A" }), await createTaskTemplate(db, admin, { name: "B" })];
    const child = await createTaskTemplate(db, admin, { name: "Child" });
    await replaceMilestoneTasks(db, admin, { id: milestone.id, items: [{ task_template_id: a.id }, { task_template_id: b.id }] });
    await replaceTaskParents(db, admin, { id: child.id, items: [a.id] });

    await deleteTemplate(db, admin, "task", { id: a.id });
    const holder = await getMilestoneTemplate(db, admin, { id: milestone.id });
    expect(holder.task_templates.map((t) => t.id)).toEqual([b.id]);
    expect(holder.version).toBe(3);
    const orphan = await getTaskTemplate(db, admin, { id: child.id });
    expect(orphan).toMatchObject({ parents: [], version: 3 });
    expect(await db.select().from(taskTemplates).where(eq(taskTemplates.id, a.id))).toEqual([]);
    expect((await listMilestoneTemplates(db, admin, { q: holder.name })).items).toHaveLength(1);
  });
});
