// Reading tasks: the list's scope (employee: own; manager: subtree + direct reports; admin:
// subtree), its filters and cursor pages, and one task with its steps, checklists, assignees and
// hierarchy — a task outside scope is a 404.
import { eq } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { tasks } from "../../db/schema";
import { openTestDatabase } from "../../test/db";
import { checklistStep, createEntity, createOrganisation, createProgram, createUser, instructionStep, principalOf } from "../../test/factories";
import type { Principal } from "../auth/principal";
import { startOnboarding } from "../onboarding/service";
import { statusIdOf } from "../statuses/service";
import { assignTasks } from "./assign";
import { getTask, listTasks } from "./queries";
import { taskListQuerySchema } from "./validators";

const { db } = await openTestDatabase();

const list = (principal: Principal, query: Record<string, string> = {}) => listTasks(db, principal, taskListQuerySchema.parse({ limit: "100", ...query }));
const idsOf = async (principal: Principal, query: Record<string, string> = {}) => (await list(principal, query)).items.map((t) => t.id);

async function setting() {
  const org = await createOrganisation(db);
  const sibling = await createEntity(db, { parent: org.company });
  const remoteReport = await createUser(db, sibling, { manager: org.manager.user });
  const stranger = await createUser(db, sibling);
  const { taskIdByName } = await createProgram(db, {
    milestones: [
      {
        name: "Templates",
        offset: 0,
        duration: 1,
        tasks: [{ name: "Solo", expectedMinutes: 30 }, { name: "Exam", kind: "exam", expectedMinutes: 60 }],
      },
    ],
  });
  const solo = taskIdByName.get("Solo") ?? 0;
  const exam = taskIdByName.get("Exam") ?? 0;
  const assign = async (templateId: number, userId: number) => {
    const [task] = (await assignTasks(db, org.admin.principal, { templateId, userIds: [userId] })).tasks;
    if (!task) throw new Error("nothing assigned");
    return task;
  };
  const siblingAdmin = await createUser(db, sibling, { role: "admin" });
  return {
    org,
    sibling,
    own: await assign(solo, org.employee.user.id),
    ownExam: await assign(exam, org.employee.user.id),
    peers: await assign(solo, org.peer.user.id),
    remote: (await assignTasks(db, org.manager.principal, { templateId: solo, userIds: [remoteReport.id] })).tasks[0],
    strangers: (await assignTasks(db, principalOf(siblingAdmin, sibling), { templateId: solo, userIds: [stranger.id] })).tasks[0],
  };
}

describe("listTasks scope", () => {
  it("shows an employee only their own tasks, and answers 404 for a peer's", async () => {
    const s = await setting();
    expect((await idsOf(s.org.employee.principal)).sort()).toEqual([s.own.id, s.ownExam.id].sort());
    await expect(getTask(db, s.org.employee.principal, { id: s.peers.id })).rejects.toMatchObject({ status: 404 });
    expect((await getTask(db, s.org.employee.principal, { id: s.own.id })).id).toBe(s.own.id);

    // Their own list, page by page (the employee's unfiltered list is a prepared statement per form).
    const [firstId, secondId] = [s.own.id, s.ownExam.id].sort((a, b) => a - b);
    const first = await list(s.org.employee.principal, { limit: "1" });
    expect([first.items.map((t) => t.id), first.next_cursor]).toEqual([[firstId], String(firstId)]);
    const second = await list(s.org.employee.principal, { limit: "1", cursor: first.next_cursor ?? "" });
    expect([second.items.map((t) => t.id), second.next_cursor]).toEqual([[secondId], null]);
  });

  it("shows a manager their subtree and their direct reports elsewhere, an admin their subtree", async () => {
    const s = await setting();
    const managerSees = await idsOf(s.org.manager.principal);
    expect(managerSees).toEqual(expect.arrayContaining([s.own.id, s.ownExam.id, s.peers.id, s.remote?.id]));
    expect(managerSees).not.toContain(s.strangers?.id);
    await expect(getTask(db, s.org.manager.principal, { id: s.strangers?.id ?? 0 })).rejects.toMatchObject({ status: 404 });

    const adminSees = await idsOf(s.org.admin.principal);
    expect(adminSees).toEqual(expect.arrayContaining([s.own.id, s.peers.id, s.remote?.id, s.strangers?.id]));
    const otherOrg = await createOrganisation(db);
    expect(await idsOf(otherOrg.admin.principal)).not.toContain(s.own.id);
    await expect(getTask(db, otherOrg.admin.principal, { id: s.own.id })).rejects.toMatchObject({ status: 404 });
  });
});

describe("listTasks filters", () => {
  it("filters by status (code or id), assignee, kind and due dates, and pages by cursor", async () => {
    const s = await setting();
    const admin = s.org.admin.principal;
    await db
      .update(tasks)
      .set({ statusId: await statusIdOf(db, "task", "in_progress"), dueDate: new Date("2030-06-15T12:00:00Z") })
      .where(eq(tasks.id, s.ownExam.id));
    const inProgress = await statusIdOf(db, "task", "in_progress");
    const scoped = { assignee_id: String(s.org.employee.user.id) };

    expect(await idsOf(admin, scoped)).toEqual([s.own.id, s.ownExam.id]);
    expect(await idsOf(admin, { ...scoped, status: "in_progress" })).toEqual([s.ownExam.id]);
    expect(await idsOf(admin, { ...scoped, status: String(inProgress) })).toEqual([s.ownExam.id]);
    expect(await idsOf(admin, { ...scoped, status: "todo" })).toEqual([s.own.id]);
    expect(await idsOf(admin, { ...scoped, kind: "exam" })).toEqual([s.ownExam.id]);
    expect(await idsOf(admin, { ...scoped, due_after: "2030-06-15" })).toEqual([s.ownExam.id]);
    expect(await idsOf(admin, { ...scoped, due_before: "2030-06-15", due_after: "2030-06-15" })).toEqual([s.ownExam.id]);
    expect(await idsOf(admin, { ...scoped, due_before: "2030-06-14T23:59:59Z" })).toEqual([s.own.id]);
    // A status of another domain, or an unknown code, is the client's mistake rather than an empty page.
    await expect(list(admin, { status: "completed" })).rejects.toMatchObject({ status: 422 });
    await expect(list(admin, { status: String(await statusIdOf(db, "project", "planned")) })).rejects.toMatchObject({ status: 422 });

    const first = await list(admin, { limit: "2" });
    expect(first.items).toHaveLength(2);
    expect(first.next_cursor).not.toBeNull();
    const second = await list(admin, { limit: "2", cursor: first.next_cursor ?? "" });
    expect(second.items[0]?.id).toBeGreaterThan(first.items[1]?.id ?? 0);
  });

  it("filters by project and milestone", async () => {
    const org = await createOrganisation(db);
    const program = await createProgram(db, {
      milestones: [
        { name: "One", offset: 0, duration: 1, tasks: [{ name: "A" }] },
        { name: "Two", offset: 1, duration: 1, tasks: [{ name: "B" }, { name: "C" }] },
      ],
    });
    const { project } = await startOnboarding(db, org.manager.principal, { userId: org.employee.user.id, projectTemplateId: program.templateId });
    const [one, two] = project.milestones;
    expect((await list(org.employee.principal, { project_id: String(project.id) })).items.map((t) => t.name)).toEqual(["A", "B", "C"]);
    expect((await list(org.employee.principal, { milestone_id: String(two?.id) })).items.map((t) => t.name)).toEqual(["B", "C"]);
    expect((await list(org.manager.principal, { milestone_id: String(one?.id) })).items.map((t) => t.name)).toEqual(["A"]);
    expect((await list(org.peer.principal, { project_id: String(project.id) })).items).toEqual([]);
  });

  it("refuses unknown query fields and malformed values", () => {
    expect(taskListQuerySchema.safeParse({ owner: "1" }).success).toBe(false);
    expect(taskListQuerySchema.safeParse({ due_before: "tomorrow" }).success).toBe(false);
    expect(taskListQuerySchema.safeParse({ kind: "chore" }).success).toBe(false);
  });
});

describe("getTask", () => {
  it("answers the task with its steps in order, checklists with items, assignees with roles, parents and children", async () => {
    const org = await createOrganisation(db);
    const program = await createProgram(db, {
      milestones: [
        {
          name: "M",
          offset: 0,
          duration: 1,
          tasks: [
            { name: "Parent" },
            {
              name: "Child",
              parents: ["Parent"],
              steps: [instructionStep(), checklistStep("sequential", ["First", "Second"], [1]), checklistStep("parallel", ["Any"])],
            },
          ],
        },
      ],
    });
    const { project } = await startOnboarding(db, org.manager.principal, { userId: org.employee.user.id, projectTemplateId: program.templateId });
    const page = await list(org.employee.principal, { project_id: String(project.id) });
    const [parent, child] = page.items;

    const detail = await getTask(db, org.employee.principal, { id: child?.id ?? 0 });
    expect(detail.steps.map((s) => [s.position, s.kind, s.status])).toEqual([
      [1, "instruction", "todo"],
      [2, "checklist", "todo"],
      [3, "checklist", "todo"],
    ]);
    expect(detail.checklists.map((c) => [c.task_step_id, c.mode, c.items.map((i) => [i.position, i.title, i.requires_validation, i.status])])).toEqual([
      [detail.steps[1]?.id, "sequential", [[1, "First", false, "todo"], [2, "Second", true, "todo"]]],
      [detail.steps[2]?.id, "parallel", [[1, "Any", false, "todo"]]],
    ]);
    expect(detail.assignees.map((a) => [a.user_id, a.role])).toEqual([
      [org.employee.user.id, "owner"],
      [org.manager.user.id, "reviewer"],
    ]);
    expect(detail.parents).toEqual([{ id: parent?.id, name: "Parent", status_id: parent?.status_id, status: "todo" }]);
    expect(detail.children).toEqual([]);
    expect((await getTask(db, org.employee.principal, { id: parent?.id ?? 0 })).children.map((c) => c.id)).toEqual([child?.id]);
    await expect(getTask(db, org.peer.principal, { id: child?.id ?? 0 })).rejects.toMatchObject({ status: 404 });
  });
});
