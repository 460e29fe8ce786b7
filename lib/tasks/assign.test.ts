// assignTasks against a real database: a template and its child templates become tasks for each
// user — parents first, linked, owner + reviewer, due dates from expected minutes on working
// days — in one audited transaction with one event per user; every refusal leaves nothing behind.
import { and, asc, count, eq, inArray } from "drizzle-orm";
import { afterEach, describe, expect, it, vi } from "vitest";
import { auditLog, checklistItems, checklists, events, projects, taskAssignee, tasks, tasksParentTask, taskSteps, taskTempParentTaskTemp, taskTemplates } from "../../db/schema";
import { openTestDatabase } from "../../test/db";
import { checklistStep, createEntity, createOrganisation, createProgram, createUser, instructionStep, principalOf, quizStep } from "../../test/factories";
import { startOnboarding } from "../onboarding/service";
import { statusIdOf } from "../statuses/service";
import { assignTasks } from "./assign";

const { db } = await openTestDatabase();
afterEach(() => {
  vi.useRealTimers();
});

function today(instant: string) {
  vi.useFakeTimers({ toFake: ["Date"] });
  vi.setSystemTime(new Date(instant));
}

async function snapshot() {
  const n = async (table: typeof tasks | typeof taskAssignee | typeof tasksParentTask | typeof events | typeof taskSteps | typeof checklistItems) =>
    (await db.select({ n: count() }).from(table))[0]?.n ?? 0;
  return {
    tasks: await n(tasks),
    assignees: await n(taskAssignee),
    links: await n(tasksParentTask),
    events: await n(events),
    steps: await n(taskSteps),
    items: await n(checklistItems),
  };
}

/**
 * Onboarding  (120 min)
 * ├── Accounts (600 min: two working days)
 * │   └── Review (parents: Accounts and Tools)
 * └── Tools    (30 min)
 *     └── Review
 */
async function family(extra: { entityId?: number | null; isDraft?: boolean } = {}) {
  const { taskIdByName } = await createProgram(db, {
    ...extra,
    milestones: [
      {
        name: "Templates",
        offset: 0,
        duration: 1,
        tasks: [
          { name: "Onboarding", expectedMinutes: 120 },
          {
            name: "Accounts",
            expectedMinutes: 600,
            parents: ["Onboarding"],
            steps: [instructionStep("Ask IT"), checklistStep("sequential", ["Email", "VPN", "Chat"], [1]), checklistStep("parallel", ["Wiki"])],
          },
          { name: "Tools", expectedMinutes: 30, parents: ["Onboarding"] },
          { name: "Review", kind: "exam", expectedMinutes: 60, parents: ["Accounts", "Tools"], steps: [quizStep(), { type: "submission" }] },
        ],
      },
    ],
  });
  const id = (name: string) => taskIdByName.get(name) ?? 0;
  return { root: id("Onboarding"), accounts: id("Accounts"), tools: id("Tools"), review: id("Review") };
}

describe("assignTasks", () => {
  it("creates the template and its child templates for several users, parents first, with owner and reviewer", async () => {
    const org = await createOrganisation(db);
    const t = await family({ entityId: org.company.id });
    // Wednesday 8 January 2025, 11:00 in Berlin.
    today("2025-01-08T10:00:00Z");

    const { tasks: created } = await assignTasks(db, org.manager.principal, { templateId: t.root, userIds: [org.employee.user.id, org.peer.user.id] });

    expect(created).toHaveLength(8);
    for (const [i, user] of [org.employee.user, org.peer.user].entries()) {
      const own = created.slice(i * 4, i * 4 + 4);
      expect(own.map((task) => [task.name, task.task_template_id, task.kind, task.status, task.entity_id, task.project_id])).toEqual([
        ["Onboarding", t.root, "task", "todo", org.department.id, null],
        ["Accounts", t.accounts, "task", "todo", org.department.id, null],
        ["Tools", t.tools, "task", "todo", org.department.id, null],
        ["Review", t.review, "exam", "todo", org.department.id, null],
      ]);
      // Work starts Thursday; a child starts when its parents' days are spent (Berlin end of day = 22:59:59Z).
      expect(own.map((task) => task.due_date)).toEqual([
        "2025-01-09T22:59:59.000Z",
        "2025-01-13T22:59:59.000Z",
        "2025-01-10T22:59:59.000Z",
        "2025-01-14T22:59:59.000Z",
      ]);
      for (const task of own) {
        expect(task.assignees.map((a) => [a.user_id, a.role])).toEqual([
          [user.id, "owner"],
          [org.manager.user.id, "reviewer"],
        ]);
        expect(task.created_by).toBe(org.manager.user.id);
      }
      const ids = own.map((task) => task.id);
      expect([...ids].sort((a, b) => a - b)).toEqual(ids);
      const links = await db
        .select({ child: tasksParentTask.taskId, parent: tasksParentTask.parentTaskId })
        .from(tasksParentTask)
        .where(inArray(tasksParentTask.taskId, ids))
        .orderBy(asc(tasksParentTask.taskId), asc(tasksParentTask.parentTaskId));
      const [root, accounts, tools, review] = ids;
      expect(links).toEqual([
        { child: accounts, parent: root },
        { child: tools, parent: root },
        { child: review, parent: accounts },
        { child: review, parent: tools },
      ]);
      const assigned = await db.select().from(events).where(and(eq(events.type, "task.assigned"), eq(events.userId, user.id)));
      expect(assigned).toEqual([
        expect.objectContaining({ actorId: org.manager.user.id, entityId: org.department.id, payload: expect.objectContaining({ task_ids: ids }) as unknown }),
      ]);
    }
    const audit = await db
      .select({ actorId: auditLog.actorId, action: auditLog.action })
      .from(auditLog)
      .where(and(eq(auditLog.tableName, "tasks"), inArray(auditLog.rowKey, created.map((task) => String(task.id)))));
    expect(audit).toHaveLength(8);
    expect(new Set(audit.map((a) => `${a.action}:${a.actorId}`))).toEqual(new Set([`insert:${org.manager.user.id}`]));
  });

  it("gives every task its template's steps in order, and checklists whose items the user owns", async () => {
    const org = await createOrganisation(db);
    const t = await family();
    const { tasks: created } = await assignTasks(db, org.admin.principal, { templateId: t.root, userIds: [org.employee.user.id, org.peer.user.id] });
    for (const [i, user] of [org.employee.user, org.peer.user].entries()) {
      const [root, accounts, tools, review] = created.slice(i * 4, i * 4 + 4).map((task) => task.id);
      const steps = await db
        .select()
        .from(taskSteps)
        .where(inArray(taskSteps.taskId, [root ?? 0, accounts ?? 0, tools ?? 0, review ?? 0]))
        .orderBy(asc(taskSteps.taskId), asc(taskSteps.position));
      expect(steps.map((s) => [s.taskId, s.position, s.kind, s.name])).toEqual([
        [accounts, 1, "instruction", "Accounts step 1"],
        [accounts, 2, "checklist", "Accounts step 2"],
        [accounts, 3, "checklist", "Accounts step 3"],
        [review, 1, "quiz", "Review step 1"],
        [review, 2, "submission", "Review step 2"],
      ]);
      const lists = await db.select().from(checklists).where(eq(checklists.taskId, accounts ?? 0)).orderBy(asc(checklists.id));
      expect(lists.map((l) => [l.taskStepId, l.mode, l.isCompleted])).toEqual([
        [steps[1]?.id, "sequential", false],
        [steps[2]?.id, "parallel", false],
      ]);
      const items = await db
        .select()
        .from(checklistItems)
        .where(inArray(checklistItems.checklistId, lists.map((l) => l.id)))
        .orderBy(asc(checklistItems.checklistId), asc(checklistItems.position));
      expect(items.map((item) => [item.title, item.position, item.requiresValidation, item.assigneeId])).toEqual([
        ["Email", 1, false, user.id],
        ["VPN", 2, true, user.id],
        ["Chat", 3, false, user.id],
        ["Wiki", 1, false, user.id],
      ]);
    }
  });

  it("defaults to the caller, and a child template assigned alone brings only its own children", async () => {
    const org = await createOrganisation(db);
    const t = await family();
    const { tasks: created } = await assignTasks(db, org.manager.principal, { templateId: t.tools });
    expect(created.map((task) => task.name)).toEqual(["Tools", "Review"]);
    // The manager has no manager: owner only.
    expect(created[0]?.assignees).toEqual([{ user_id: org.manager.user.id, name: org.manager.user.name, role: "owner" }]);
  });

  it("uses an explicit due date: a bare date ends with the assignee's day, an instant is kept", async () => {
    const org = await createOrganisation(db);
    const t = await family();
    today("2025-01-08T10:00:00Z");
    const byDate = await assignTasks(db, org.admin.principal, { templateId: t.tools, userIds: [org.employee.user.id], dueDate: "2025-02-03" });
    expect(byDate.tasks.map((task) => task.due_date)).toEqual(["2025-02-03T22:59:59.000Z", "2025-02-03T22:59:59.000Z"]);
    const byInstant = await assignTasks(db, org.admin.principal, { templateId: t.tools, userIds: [org.employee.user.id], dueDate: "2025-02-03T12:00:00+02:00" });
    expect(byInstant.tasks[0]?.due_date).toBe("2025-02-03T10:00:00.000Z");
  });

  it("places the tasks in the user's project when project_id names it", async () => {
    const org = await createOrganisation(db);
    const t = await family();
    const program = await createProgram(db, { milestones: [{ name: "M", offset: 0, duration: 1, tasks: [{ name: "P" }] }] });
    const { project } = await startOnboarding(db, org.manager.principal, { userId: org.employee.user.id, projectTemplateId: program.templateId });
    const { tasks: created } = await assignTasks(db, org.manager.principal, { templateId: t.tools, userIds: [org.employee.user.id], projectId: project.id });
    expect(created.map((task) => [task.project_id, task.entity_id, task.milestone_id])).toEqual([
      [project.id, org.department.id, null],
      [project.id, org.department.id, null],
    ]);
    const [event] = await db.select().from(events).where(and(eq(events.type, "task.assigned"), eq(events.projectId, project.id)));
    expect(event?.userId).toBe(org.employee.user.id);
  });
});

describe("assignTasks refuses", () => {
  // Takes the call unstarted: started before the snapshot, it could fail before anyone awaits it.
  async function expectNothingCreated(call: () => Promise<unknown>, status: number) {
    const before = await snapshot();
    await expect(call()).rejects.toMatchObject({ status });
    expect(await snapshot()).toEqual(before);
  }

  it("employees (403) and users outside the caller's scope (404), creating nothing", async () => {
    const org = await createOrganisation(db);
    const t = await family();
    const sibling = await createEntity(db, { parent: org.company });
    const stranger = await createUser(db, sibling);
    await expectNothingCreated(() => assignTasks(db, org.employee.principal, { templateId: t.root }), 403);
    // One visible and one invisible user: nothing at all is created.
    await expectNothingCreated(() => assignTasks(db, org.manager.principal, { templateId: t.root, userIds: [org.employee.user.id, stranger.id] }), 404);
    const otherOrg = await createOrganisation(db);
    await expectNothingCreated(() => assignTasks(db, org.admin.principal, { templateId: t.root, userIds: [otherOrg.employee.user.id] }), 404);
  });

  it("draft templates, draft children and child cycles (422), and another organisation's template (404)", async () => {
    const org = await createOrganisation(db);
    const draft = await family({ isDraft: true });
    await expectNothingCreated(() => assignTasks(db, org.admin.principal, { templateId: draft.root }), 422);

    const t = await family();
    const [draftChild] = await db.insert(taskTemplates).values({ name: "Unpublished", isDraft: true }).returning();
    await db.insert(taskTempParentTaskTemp).values({ taskTemplateId: draftChild?.id ?? 0, parentTaskTemplateId: t.tools });
    await expectNothingCreated(() => assignTasks(db, org.admin.principal, { templateId: t.root }), 422);

    const loop = await family();
    await db.insert(taskTempParentTaskTemp).values({ taskTemplateId: loop.accounts, parentTaskTemplateId: loop.review });
    const failure = assignTasks(db, org.admin.principal, { templateId: loop.root });
    await expect(failure).rejects.toMatchObject({ status: 422, message: expect.stringContaining("cycle") as unknown });

    const otherOrg = await createOrganisation(db);
    const foreign = await family({ entityId: otherOrg.company.id });
    await expectNothingCreated(() => assignTasks(db, org.admin.principal, { templateId: foreign.root }), 404);
  });

  it("a past due date, a deactivated user, and a project that is not the user's or no longer runs", async () => {
    const org = await createOrganisation(db);
    const t = await family();
    await expectNothingCreated(() => assignTasks(db, org.admin.principal, { templateId: t.tools, userIds: [org.employee.user.id], dueDate: "2020-01-01" }), 422);
    const gone = await createUser(db, org.department, { isActive: false });
    await expectNothingCreated(() => assignTasks(db, org.admin.principal, { templateId: t.tools, userIds: [gone.id] }), 422);

    const program = await createProgram(db, { milestones: [{ name: "M", offset: 0, duration: 1, tasks: [{ name: "P" }] }] });
    const { project } = await startOnboarding(db, org.admin.principal, { userId: org.employee.user.id, projectTemplateId: program.templateId });
    await expectNothingCreated(() => assignTasks(db, org.admin.principal, { templateId: t.tools, userIds: [org.peer.user.id], projectId: project.id }), 422);
    await expectNothingCreated(
      () => assignTasks(db, org.admin.principal, { templateId: t.tools, userIds: [org.employee.user.id, org.peer.user.id], projectId: project.id }),
      422,
    );
    await expectNothingCreated(() => assignTasks(db, org.admin.principal, { templateId: t.tools, userIds: [org.employee.user.id], projectId: 2_000_000_000 }), 404);
    const siblingAdminEntity = await createEntity(db, { parent: org.company });
    const siblingAdmin = await createUser(db, siblingAdminEntity, { role: "admin" });
    await expectNothingCreated(
      () => assignTasks(db, principalOf(siblingAdmin, siblingAdminEntity), { templateId: t.tools, userIds: [org.employee.user.id], projectId: project.id }),
      404,
    );
    await db
      .update(projects)
      .set({ statusId: await statusIdOf(db, "project", "completed") })
      .where(eq(projects.id, project.id));
    await expectNothingCreated(() => assignTasks(db, org.admin.principal, { templateId: t.tools, userIds: [org.employee.user.id], projectId: project.id }), 409);
  });
});
