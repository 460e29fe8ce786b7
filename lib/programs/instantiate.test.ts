// instantiateProgram against a real database: what the template says is what the project gets.
import { asc, eq, inArray } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { checklistItems, checklists, guideables, guides, milestones, projects, statuses, taskAssignee, tasks, tasksParentTask, taskSteps } from "../../db/schema";
import { openTestDatabase } from "../../test/db";
import { instruction, programFactories, quiz } from "./test-programs";

const { db } = await openTestDatabase();

const { createEntity, createUser, createGuide, createProgram, start } = programFactories(() => db);

// ── tests ────────────────────────────────────────────────────────────────────────────────────

describe("instantiateProgram", () => {
  it("creates milestones, tasks, steps, checklists and items in the template's order", async () => {
    const entity = await createEntity();
    const user = await createUser(entity);
    const guide = await createGuide();
    const { templateId } = await createProgram({
      milestones: [
        {
          name: "Welcome",
          offset: 0,
          duration: 2,
          hours: 6.5,
          tasks: [
            {
              name: "Set up laptop",
              steps: [
                instruction("Unpack it"),
                {
                  type: "checklist",
                  mode: "sequential",
                  items: [{ title: "Power on" }, { title: "Enable disk encryption", requires_validation: true, guide_id: guide.id }, { title: "Install updates" }],
                },
                { type: "checklist", mode: "parallel", items: [{ title: "Join chat" }, { title: "Join calendar" }] },
              ],
            },
            { name: "Meet the team", steps: [instruction("Say hello")] },
          ],
        },
        { name: "Basics", offset: 2, duration: 3, tasks: [{ name: "Basics exam", kind: "exam", steps: [quiz, { type: "submission" }] }] },
      ],
    });

    const result = await start({ projectTemplateId: templateId, onboardeeId: user.id });

    const [project] = await db.select().from(projects).where(eq(projects.id, result.projectId));
    const [planned] = await db.select().from(statuses).where(eq(statuses.id, project?.statusId ?? 0));
    expect(project).toMatchObject({ entityId: entity.id, onboardeeId: user.id, projectTemplateId: templateId, startDate: "2025-01-06" });
    expect(planned).toMatchObject({ domain: "project", code: "planned" });

    const ms = await db.select().from(milestones).where(eq(milestones.projectId, result.projectId)).orderBy(asc(milestones.position));
    expect(ms.map((m) => [m.name, m.position, m.expectedHours])).toEqual([["Welcome", 10, 6.5], ["Basics", 20, 8]]);
    expect(result.milestoneIds).toEqual(ms.map((m) => m.id));

    const ts = await db.select().from(tasks).where(eq(tasks.projectId, result.projectId)).orderBy(asc(tasks.id));
    expect(ts.map((t) => [t.name, t.kind, t.position, t.milestoneId, t.entityId])).toEqual([
      ["Set up laptop", "task", 1, ms[0]?.id, entity.id],
      ["Meet the team", "task", 2, ms[0]?.id, entity.id],
      ["Basics exam", "exam", 1, ms[1]?.id, entity.id],
    ]);
    expect(result.taskIds).toEqual(ts.map((t) => t.id));

    const steps = await db.select().from(taskSteps).where(inArray(taskSteps.taskId, result.taskIds)).orderBy(asc(taskSteps.taskId), asc(taskSteps.position));
    expect(steps.map((s) => [s.taskId, s.position, s.kind])).toEqual([
      [ts[0]?.id, 1, "instruction"],
      [ts[0]?.id, 2, "checklist"],
      [ts[0]?.id, 3, "checklist"],
      [ts[1]?.id, 1, "instruction"],
      [ts[2]?.id, 1, "quiz"],
      [ts[2]?.id, 2, "submission"],
    ]);

    const cls = await db.select().from(checklists).where(inArray(checklists.taskId, result.taskIds)).orderBy(asc(checklists.id));
    expect(cls.map((c) => [c.taskStepId, c.mode, c.isCompleted, c.name])).toEqual([
      [steps[1]?.id, "sequential", false, "Set up laptop step 2"],
      [steps[2]?.id, "parallel", false, "Set up laptop step 3"],
    ]);
    const items = await db
      .select()
      .from(checklistItems)
      .where(inArray(checklistItems.checklistId, cls.map((c) => c.id)))
      .orderBy(asc(checklistItems.checklistId), asc(checklistItems.position));
    expect(items.map((i) => [i.checklistId, i.position, i.title, i.requiresValidation, i.assigneeId])).toEqual([
      [cls[0]?.id, 1, "Power on", false, user.id],
      [cls[0]?.id, 2, "Enable disk encryption", true, user.id],
      [cls[0]?.id, 3, "Install updates", false, user.id],
      [cls[1]?.id, 1, "Join chat", false, user.id],
      [cls[1]?.id, 2, "Join calendar", false, user.id],
    ]);
    const links = await db.select().from(guideables).where(eq(guideables.guideableType, "checklist_item"));
    expect(links.filter((l) => items.some((i) => i.id === l.guideableId))).toEqual([
      expect.objectContaining({ guideId: guide.id, guideableId: items[1]?.id }),
    ]);

    const initial = await db.select({ id: statuses.id, domain: statuses.domain, code: statuses.code }).from(statuses);
    const codeOf = (id: number | null) => initial.find((s) => s.id === id);
    expect(new Set([...ms, ...ts, ...steps, ...cls, ...items].map((r) => codeOf(r.statusId)?.code))).toEqual(new Set(["todo"]));
    expect(codeOf(items[0]?.statusId ?? null)?.domain).toBe("checklist_item");
    expect(codeOf(steps[0]?.statusId ?? null)?.domain).toBe("task_step");
  });

  it("schedules milestones on working days from a Friday start and ends tasks with their milestone's day", async () => {
    const entity = await createEntity("Europe/Berlin");
    const user = await createUser(entity);
    const { templateId } = await createProgram({
      durationDays: 6,
      milestones: [
        { name: "Day one", offset: 0, duration: 1, tasks: [{ name: "Badge" }] },
        { name: "First week", offset: 1, duration: 3, tasks: [{ name: "Shadowing" }] },
        { name: "Wrap-up", offset: 4, duration: 2, tasks: [{ name: "Retro" }] },
      ],
    });

    // 2025-01-03 is a Friday.
    const result = await start({ projectTemplateId: templateId, onboardeeId: user.id, startDate: "2025-01-03" });

    const ms = await db.select().from(milestones).where(eq(milestones.projectId, result.projectId)).orderBy(asc(milestones.position));
    expect(ms.map((m) => [m.startDate, m.endDate])).toEqual([
      ["2025-01-03", "2025-01-03"],
      ["2025-01-06", "2025-01-08"],
      ["2025-01-09", "2025-01-10"],
    ]);
    const [project] = await db.select().from(projects).where(eq(projects.id, result.projectId));
    expect([project?.startDate, project?.dueDate]).toEqual(["2025-01-03", "2025-01-10"]);
    const ts = await db.select().from(tasks).where(eq(tasks.projectId, result.projectId)).orderBy(asc(tasks.id));
    // End of the day in Berlin (UTC+1 in January).
    expect(ts.map((t) => t.dueDate?.toISOString())).toEqual(["2025-01-03T22:59:59.000Z", "2025-01-08T22:59:59.000Z", "2025-01-10T22:59:59.000Z"]);
  });

  it("moves a weekend start to Monday and extends the due date to the last milestone", async () => {
    const user = await createUser(await createEntity("UTC"));
    const { templateId } = await createProgram({
      durationDays: 5,
      milestones: [{ name: "Long", offset: 3, duration: 4, tasks: [{ name: "Read" }] }],
    });
    const result = await start({ projectTemplateId: templateId, onboardeeId: user.id, startDate: "2025-01-04" });
    const [project] = await db.select().from(projects).where(eq(projects.id, result.projectId));
    expect([project?.startDate, project?.dueDate]).toEqual(["2025-01-06", "2025-01-14"]);
  });

  it("creates parents before children and links them only inside the project", async () => {
    const user = await createUser(await createEntity());
    const { templateId } = await createProgram({
      milestones: [
        {
          name: "One",
          offset: 0,
          duration: 1,
          tasks: [
            { name: "Child A", parents: ["Parent A"] },
            { name: "Grandchild", parents: ["Child A", "Late parent"] },
            { name: "Parent A" },
            { name: "Standalone" },
          ],
        },
        { name: "Two", offset: 1, duration: 1, tasks: [{ name: "Late parent" }] },
      ],
      outsideParents: { Standalone: "Not in this program" },
    });

    const result = await start({ projectTemplateId: templateId, onboardeeId: user.id });

    const ts = await db.select().from(tasks).where(eq(tasks.projectId, result.projectId)).orderBy(asc(tasks.id));
    // Template order wherever the hierarchy allows it: a blocked child waits only for its parents.
    expect(ts.map((t) => t.name)).toEqual(["Parent A", "Child A", "Standalone", "Late parent", "Grandchild"]);
    expect(result.taskIds).toEqual(ts.map((t) => t.id));
    const links = await db
      .select({ child: tasksParentTask.taskId, parent: tasksParentTask.parentTaskId })
      .from(tasksParentTask)
      .where(inArray(tasksParentTask.taskId, result.taskIds));
    const named = links.map((l) => [ts.find((t) => t.id === l.child)?.name, ts.find((t) => t.id === l.parent)?.name]);
    expect(named.sort()).toEqual([
      ["Child A", "Parent A"],
      ["Grandchild", "Child A"],
      ["Grandchild", "Late parent"],
    ]);
    for (const link of links) expect(link.parent).toBeLessThan(link.child);
    // Positions keep the template's order within each milestone even though creation order differs.
    expect(ts.filter((t) => t.milestoneId === result.milestoneIds[0]).map((t) => [t.name, t.position])).toEqual([
      ["Parent A", 3],
      ["Child A", 1],
      ["Standalone", 4],
      ["Grandchild", 2],
    ]);
  });

  it("assigns the onboardee as owner and their active manager as reviewer", async () => {
    const entity = await createEntity();
    const manager = await createUser(entity);
    const withManager = await createUser(entity, { manager });
    const alone = await createUser(entity);
    const departed = await createUser(entity, { isActive: false });
    const orphan = await createUser(entity, { manager: departed });
    const { templateId } = await createProgram({
      milestones: [{ name: "M", offset: 0, duration: 1, tasks: [{ name: "T1" }, { name: "T2" }] }],
    });

    const assigneesOf = async (onboardeeId: number) => {
      const { taskIds } = await start({ projectTemplateId: templateId, onboardeeId });
      const rows = await db.select().from(taskAssignee).where(inArray(taskAssignee.taskId, taskIds));
      return rows.map((r) => [taskIds.indexOf(r.taskId), r.assigneeId, r.role]).sort();
    };

    expect(await assigneesOf(withManager.id)).toEqual([
      [0, manager.id, "reviewer"],
      [0, withManager.id, "owner"],
      [1, manager.id, "reviewer"],
      [1, withManager.id, "owner"],
    ].sort());
    expect(await assigneesOf(alone.id)).toEqual([
      [0, alone.id, "owner"],
      [1, alone.id, "owner"],
    ]);
    expect(await assigneesOf(orphan.id)).toEqual([
      [0, orphan.id, "owner"],
      [1, orphan.id, "owner"],
    ]);
  });

  it("creates an item whose guide was deleted since publishing, without the dangling link", async () => {
    const user = await createUser(await createEntity());
    const kept = await createGuide();
    const removed = await createGuide();
    const { templateId } = await createProgram({
      milestones: [
        {
          name: "M",
          offset: 0,
          duration: 1,
          tasks: [{ name: "Read", steps: [{ type: "checklist", mode: "parallel", items: [{ title: "Kept", guide_id: kept.id }, { title: "Gone", guide_id: removed.id }] }] }],
        },
      ],
    });
    await db.delete(guides).where(eq(guides.id, removed.id));

    const { taskIds } = await start({ projectTemplateId: templateId, onboardeeId: user.id });

    const [list] = await db.select().from(checklists).where(inArray(checklists.taskId, taskIds));
    const items = await db.select().from(checklistItems).where(eq(checklistItems.checklistId, list?.id ?? 0)).orderBy(asc(checklistItems.position));
    expect(items.map((i) => i.title)).toEqual(["Kept", "Gone"]);
    const links = await db.select().from(guideables).where(inArray(guideables.guideableId, items.map((i) => i.id)));
    expect(links.filter((l) => l.guideableType === "checklist_item").map((l) => [l.guideId, l.guideableId])).toEqual([[kept.id, items[0]?.id]]);
  });

  it("creates the project even when the program has no milestones yet", async () => {
    const user = await createUser(await createEntity());
    const { templateId } = await createProgram({ milestones: [] });
    const result = await start({ projectTemplateId: templateId, onboardeeId: user.id });
    expect(result.milestoneIds).toEqual([]);
    expect(result.taskIds).toEqual([]);
    const [project] = await db.select().from(projects).where(eq(projects.id, result.projectId));
    expect(project?.dueDate).toBe("2025-01-10");
  });
});
