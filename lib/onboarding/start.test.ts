// startOnboarding against a real database: the project is exactly what the program says, starts
// are idempotent per program lineage, and the default program follows the profession. Refusals:
// start-refusals.test.ts.
import { and, asc, count, eq, inArray } from "drizzle-orm";
import { afterEach, describe, expect, it, vi } from "vitest";
import { auditLog, checklistItems, checklists, events, professions, projects, projectTemplates, taskAssignee, tasks, tasksParentTask, taskSteps } from "../../db/schema";
import { openTestDatabase } from "../../test/db";
import { checklistStep, createEntity, createOrganisation, createProgram, createUser, instructionStep, quizStep } from "../../test/factories";
import { statusIdOf } from "../statuses/service";
import { startOnboarding } from "./service";
import { oneTask, rowCounts } from "./test-counts";

const { db } = await openTestDatabase();
afterEach(() => {
  vi.useRealTimers();
});

/** Freezes the clock the service reads "today" from (the database's own clock is untouched). */
function today(instant: string) {
  vi.useFakeTimers({ toFake: ["Date"] });
  vi.setSystemTime(new Date(instant));
}

async function createProfession(name: string) {
  const [row] = await db.insert(professions).values({ name }).returning();
  if (!row) throw new Error("no profession");
  return row;
}

describe("startOnboarding creates the program", () => {
  it("creates exactly the template's milestones, tasks, steps, checklists and items, on working days", async () => {
    const org = await createOrganisation(db);
    const { templateId } = await createProgram(db, {
      entityId: org.company.id,
      durationDays: 6,
      milestones: [
        {
          name: "Welcome",
          offset: 0,
          duration: 2,
          hours: 6.5,
          tasks: [
            // The child comes first in the template; it must still be created after its parent.
            { name: "Accounts", parents: ["Laptop"], steps: [instructionStep("Sign in")] },
            {
              name: "Laptop",
              steps: [instructionStep("Unpack"), checklistStep("sequential", ["Power on", "Encrypt", "Update"], [1]), checklistStep("parallel", ["Chat", "Calendar"])],
            },
          ],
        },
        { name: "Basics", offset: 2, duration: 3, tasks: [{ name: "Exam", kind: "exam", steps: [quizStep()] }, { name: "Retro" }] },
      ],
    });
    const before = await rowCounts(db);
    // Saturday 4 January 2025 in Berlin: the program starts on Monday the 6th.
    today("2025-01-04T09:00:00Z");

    const result = await startOnboarding(db, org.manager.principal, { userId: org.employee.user.id, projectTemplateId: templateId });

    const { project } = result;
    expect(result.created).toBe(true);
    expect(project).toMatchObject({
      status: "planned",
      onboardee_id: org.employee.user.id,
      entity_id: org.department.id,
      project_template_id: templateId,
      created_by: org.manager.user.id,
      start_date: "2025-01-06",
      // Six working days from Monday 6th end on Monday 13th; the last milestone ends on Friday 10th.
      due_date: "2025-01-13",
      progress: { done: 0, total: 4 },
    });
    expect(project.milestones.map((m) => [m.name, m.start_date, m.end_date, m.expected_hours, m.status, m.progress])).toEqual([
      ["Welcome", "2025-01-06", "2025-01-07", 6.5, "todo", { done: 0, total: 2 }],
      ["Basics", "2025-01-08", "2025-01-10", 8, "todo", { done: 0, total: 2 }],
    ]);

    const after = await rowCounts(db);
    expect({
      projects: after.projects - before.projects,
      tasks: after.tasks - before.tasks,
      steps: after.steps - before.steps,
      checklists: after.checklists - before.checklists,
      items: after.items - before.items,
    }).toEqual({ projects: 1, tasks: 4, steps: 5, checklists: 2, items: 5 });

    const created = await db.select().from(tasks).where(eq(tasks.projectId, project.id)).orderBy(asc(tasks.id));
    expect(created.map((t) => t.name)).toEqual(["Laptop", "Accounts", "Exam", "Retro"]);
    const links = await db.select().from(tasksParentTask).where(inArray(tasksParentTask.taskId, created.map((t) => t.id)));
    expect(links).toEqual([{ taskId: created[1]?.id, parentTaskId: created[0]?.id }]);

    const laptopSteps = await db.select().from(taskSteps).where(eq(taskSteps.taskId, created[0]?.id ?? 0)).orderBy(asc(taskSteps.position));
    expect(laptopSteps.map((s) => [s.position, s.kind])).toEqual([[1, "instruction"], [2, "checklist"], [3, "checklist"]]);
    const lists = await db.select().from(checklists).where(eq(checklists.taskId, created[0]?.id ?? 0)).orderBy(asc(checklists.id));
    const items = await db
      .select()
      .from(checklistItems)
      .where(inArray(checklistItems.checklistId, lists.map((l) => l.id)))
      .orderBy(asc(checklistItems.checklistId), asc(checklistItems.position));
    expect(items.map((i) => [i.title, i.requiresValidation, i.assigneeId])).toEqual([
      ["Power on", false, org.employee.user.id],
      ["Encrypt", true, org.employee.user.id],
      ["Update", false, org.employee.user.id],
      ["Chat", false, org.employee.user.id],
      ["Calendar", false, org.employee.user.id],
    ]);

    const people = await db.select().from(taskAssignee).where(inArray(taskAssignee.taskId, created.map((t) => t.id)));
    for (const task of created) {
      expect(people.filter((p) => p.taskId === task.id).map((p) => [p.assigneeId, p.role]).sort()).toEqual(
        [[org.employee.user.id, "owner"], [org.manager.user.id, "reviewer"]].sort(),
      );
    }

    // Audited as the manager's act, with one real-time event about the onboardee.
    const audit = await db
      .select()
      .from(auditLog)
      .where(and(eq(auditLog.tableName, "projects"), eq(auditLog.rowKey, String(project.id))));
    expect(audit.map((a) => [a.action, a.actorId])).toEqual([["insert", org.manager.user.id]]);
    const taskAudit = await db.select({ n: count() }).from(auditLog).where(and(eq(auditLog.tableName, "tasks"), inArray(auditLog.rowKey, created.map((t) => String(t.id)))));
    expect(taskAudit[0]?.n).toBe(4);
    const started = await db.select().from(events).where(and(eq(events.type, "project.started"), eq(events.projectId, project.id)));
    expect(started).toEqual([expect.objectContaining({ userId: org.employee.user.id, entityId: org.department.id, actorId: org.manager.user.id })]);
  });

  it("starts on the onboardee's today, in their own time zone", async () => {
    const org = await createOrganisation(db);
    const { templateId } = await createProgram(db, oneTask);
    // Friday 23:30 UTC is already Saturday in Berlin, so the start moves to Monday.
    today("2025-01-03T23:30:00Z");
    const { project } = await startOnboarding(db, org.admin.principal, { userId: org.employee.user.id, projectTemplateId: templateId });
    expect(project.start_date).toBe("2025-01-06");
    // A Thursday in Berlin.
    today("2025-01-09T10:00:00Z");
    const { project: other } = await startOnboarding(db, org.admin.principal, { userId: org.peer.user.id, projectTemplateId: templateId });
    expect(other.start_date).toBe("2025-01-09");
  });
});

describe("startOnboarding is idempotent per program", () => {
  it("answers the running project of the same lineage instead of creating another, with no new rows", async () => {
    const org = await createOrganisation(db);
    const { templateId } = await createProgram(db, oneTask);
    const first = await startOnboarding(db, org.manager.principal, { userId: org.employee.user.id, projectTemplateId: templateId });
    // A newer published revision of the same program is the same program.
    const [revision] = await db
      .insert(projectTemplates)
      .values({ name: "Revision 2", durationDays: 5, isDraft: false, publishedAt: new Date(), lineageId: templateId, revision: 2 })
      .returning();
    const before = await rowCounts(db);

    const again = await startOnboarding(db, org.manager.principal, { userId: org.employee.user.id, projectTemplateId: templateId });
    expect(again.created).toBe(false);
    expect(again.project).toEqual(first.project);
    const viaRevision = await startOnboarding(db, org.admin.principal, { userId: org.employee.user.id, projectTemplateId: revision?.id ?? 0 });
    expect(viaRevision).toMatchObject({ created: false, project: { id: first.project.id } });
    expect(await rowCounts(db)).toEqual(before);
  });

  it("starts the program again once the earlier project is completed or cancelled", async () => {
    const org = await createOrganisation(db);
    const { templateId } = await createProgram(db, oneTask);
    const first = await startOnboarding(db, org.manager.principal, { userId: org.employee.user.id, projectTemplateId: templateId });
    // Set directly: the progress service owns the status machine; this test only needs the state.
    await db
      .update(projects)
      .set({ statusId: await statusIdOf(db, "project", "cancelled") })
      .where(eq(projects.id, first.project.id));
    const second = await startOnboarding(db, org.manager.principal, { userId: org.employee.user.id, projectTemplateId: templateId });
    expect(second.created).toBe(true);
    expect(second.project.id).not.toBe(first.project.id);
  });

  it("lets the same user run two different programs side by side", async () => {
    const org = await createOrganisation(db);
    const a = await createProgram(db, oneTask);
    const b = await createProgram(db, oneTask);
    const first = await startOnboarding(db, org.manager.principal, { userId: org.employee.user.id, projectTemplateId: a.templateId });
    const second = await startOnboarding(db, org.manager.principal, { userId: org.employee.user.id, projectTemplateId: b.templateId });
    expect([first.created, second.created]).toEqual([true, true]);
    expect(second.project.id).not.toBe(first.project.id);
  });
});

describe("startOnboarding picks the profession's program by default", () => {
  it("takes the latest published revision, preferring the user's own department over the company and shared programs", async () => {
    const org = await createOrganisation(db);
    const profession = await createProfession("Backend developer");
    const shared = await createProgram(db, { ...oneTask, professionId: profession.id, entityId: null });
    const company = await createProgram(db, { ...oneTask, professionId: profession.id, entityId: org.company.id });
    const user = await createUser(db, org.department, { manager: org.manager.user, professionId: profession.id });

    const started = await startOnboarding(db, org.manager.principal, { userId: user.id });
    expect(started.project.project_template_id).toBe(company.templateId);
    expect(shared.templateId).not.toBe(company.templateId);

    // Revision 2 of the company program is published, revision 3 is only a draft.
    const [rev2] = await db
      .insert(projectTemplates)
      .values({ name: "Backend v2", durationDays: 5, isDraft: false, publishedAt: new Date(), lineageId: company.templateId, revision: 2, professionId: profession.id, entityId: org.company.id })
      .returning();
    await db
      .insert(projectTemplates)
      .values({ name: "Backend v3", durationDays: 5, isDraft: true, lineageId: company.templateId, revision: 3, professionId: profession.id, entityId: org.company.id });
    const newcomer = await createUser(db, org.department, { manager: org.manager.user, professionId: profession.id });
    const second = await startOnboarding(db, org.manager.principal, { userId: newcomer.id });
    expect(second.project.project_template_id).toBe(rev2?.id);
  });

  it("refuses with 422 when no published program fits the user, or they have no profession", async () => {
    const org = await createOrganisation(db);
    const profession = await createProfession("Designer");
    await createProgram(db, { ...oneTask, professionId: profession.id, isDraft: true });
    // A sibling department's program is not the default for this department.
    const sibling = await createEntity(db, { parent: org.company });
    await createProgram(db, { ...oneTask, professionId: profession.id, entityId: sibling.id });
    const designer = await createUser(db, org.department, { professionId: profession.id });
    const before = await rowCounts(db);

    await expect(startOnboarding(db, org.admin.principal, { userId: designer.id })).rejects.toMatchObject({
      status: 422,
      message: expect.stringContaining("No published program") as unknown,
    });
    await expect(startOnboarding(db, org.admin.principal, { userId: org.employee.user.id })).rejects.toMatchObject({
      status: 422,
      message: expect.stringContaining("no profession") as unknown,
    });
    expect(await rowCounts(db)).toEqual(before);
  });
});
