// Template links against a real database: ordered replacement, parent cycles (refused, named),
// self-parents, professions, and children the admin may not link.
import { eq } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { professions, taskTempParentTaskTemp } from "../../db/schema";
import { openTestDatabase } from "../../test/db";
import { unique } from "../../test/factories";
import type { Principal } from "../auth/principal";
import { generateKeyEntry } from "../crypto/keyring";
import { replaceMilestoneTasks, replaceProjectMilestones, replaceTaskSteps } from "./links";
import { createMilestoneTemplate } from "./milestone-templates";
import { createProjectTemplate } from "./project-templates";
import { createStepTemplate } from "./step-templates";
import { replaceTaskParents, replaceTaskProfessions } from "./task-links";
import { createTaskTemplate, getTaskTemplate } from "./task-templates";
import { instruction, templateCast } from "./test-fixtures";

process.env.GROUNDWORK_ENCRYPTION_KEYS ??= generateKeyEntry("templates-links");

const { db } = await openTestDatabase();

const task = async (admin: Principal, name = unique("Task")) => (await createTaskTemplate(db, admin, { name })).id;

describe("ordered links", () => {
  it("replaces a program's milestones in the given order, and an identical list writes nothing", async () => {
    const cast = await templateCast(db);
    const admin = cast.admin.principal;
    const program = await createProjectTemplate(db, admin, { name: unique("Program"), duration_days: 20 });
    const a = await createMilestoneTemplate(db, admin, { name: "A" });
    const b = await createMilestoneTemplate(db, admin, { name: "B" });
    const items = [
      { milestone_template_id: b.id, start_offset_days: 0, duration_days: 3 },
      { milestone_template_id: a.id, start_offset_days: 3, duration_days: 5 },
    ];
    const linked = await replaceProjectMilestones(db, admin, { id: program.id, items });
    expect(linked.milestones.map((m) => [m.name, m.position, m.start_offset_days, m.duration_days])).toEqual([
      ["B", 1, 0, 3],
      ["A", 2, 3, 5],
    ]);
    expect(linked.version).toBe(2);
    expect((await replaceProjectMilestones(db, admin, { id: program.id, items })).version).toBe(2);
    const reordered = await replaceProjectMilestones(db, admin, { id: program.id, items: [items[1], items[0]].filter((i) => i !== undefined) });
    expect(reordered.milestones.map((m) => m.name)).toEqual(["A", "B"]);
    expect(reordered.version).toBe(3);
    expect((await replaceProjectMilestones(db, admin, { id: program.id, items: [] })).milestones).toEqual([]);
  });

  it("orders a task's steps and a milestone's tasks", async () => {
    const cast = await templateCast(db);
    const admin = cast.admin.principal;
    const steps: number[] = [];
    for (let i = 0; i < 3; i++) steps.push((await createStepTemplate(db, admin, { name: `Step ${i}`, process_definition: instruction() })).id);
    const t = await task(admin);
    const withSteps = await replaceTaskSteps(db, admin, { id: t, items: [2, 0, 1].map((i) => ({ step_template_id: steps[i] ?? 0 })) });
    expect(withSteps.steps.map((s) => [s.name, s.order])).toEqual([
      ["Step 2", 1],
      ["Step 0", 2],
      ["Step 1", 3],
    ]);
    const milestone = await createMilestoneTemplate(db, admin, { name: "M" });
    const t2 = await task(admin);
    const linked = await replaceMilestoneTasks(db, admin, { id: milestone.id, items: [{ task_template_id: t2 }, { task_template_id: t }] });
    expect(linked.task_templates.map((x) => [x.id, x.position])).toEqual([
      [t2, 1],
      [t, 2],
    ]);
  });

  it("refuses children that do not exist, that the admin cannot see, or that are listed twice", async () => {
    const cast = await templateCast(db);
    const milestone = await createMilestoneTemplate(db, cast.departmentAdmin, { name: "M" });
    const mine = await task(cast.departmentAdmin);
    const siblings = await task(cast.siblingAdmin);
    const foreign = await task(cast.otherAdmin);
    for (const items of [[{ task_template_id: siblings }], [{ task_template_id: foreign }], [{ task_template_id: 999_999 }]]) {
      await expect(replaceMilestoneTasks(db, cast.departmentAdmin, { id: milestone.id, items })).rejects.toMatchObject({
        status: 422,
        issues: [{ path: "[0].task_template_id" }],
      });
    }
    await expect(
      replaceMilestoneTasks(db, cast.departmentAdmin, { id: milestone.id, items: [{ task_template_id: mine }, { task_template_id: mine }] }),
    ).rejects.toMatchObject({ status: 422, issues: [{ path: "[1].task_template_id" }] });
  });
});

describe("parent templates", () => {
  it("links parents and refuses a cycle A→B→C→A, naming it, leaving the links as they were", async () => {
    const cast = await templateCast(db);
    const admin = cast.admin.principal;
    const a = await task(admin, "A");
    const b = await task(admin, "B");
    const c = await task(admin, "C");
    await replaceTaskParents(db, admin, { id: a, items: [b] });
    await replaceTaskParents(db, admin, { id: b, items: [c] });
    expect((await getTaskTemplate(db, admin, { id: a })).parents.map((p) => p.id)).toEqual([b]);

    const refusal = replaceTaskParents(db, admin, { id: c, items: [a] });
    await expect(refusal).rejects.toMatchObject({ status: 422, extra: { cycle: [c, a, b, c] } });
    await expect(refusal).rejects.toThrow(/“C” \(\d+\) → “A” \(\d+\) → “B” \(\d+\) → “C”/);
    const cParents = await db.select().from(taskTempParentTaskTemp).where(eq(taskTempParentTaskTemp.taskTemplateId, c));
    expect(cParents).toEqual([]);
    // A diamond is no cycle: D has parents A and B, both descending from C.
    const d = await task(admin, "D");
    expect((await replaceTaskParents(db, admin, { id: d, items: [a, b] })).parents.map((p) => p.id)).toEqual([a, b]);
  });

  it("refuses a template as its own parent", async () => {
    const cast = await templateCast(db);
    const admin = cast.admin.principal;
    const a = await task(admin);
    const b = await task(admin);
    await expect(replaceTaskParents(db, admin, { id: a, items: [b, a] })).rejects.toMatchObject({ status: 422, issues: [{ path: "[1]" }] });
    expect(await db.select().from(taskTempParentTaskTemp).where(eq(taskTempParentTaskTemp.taskTemplateId, a))).toEqual([]);
  });
});

describe("professions", () => {
  it("links the organisation's active professions and refuses unknown, foreign, deactivated or repeated ones", async () => {
    const cast = await templateCast(db);
    const admin = cast.admin.principal;
    const [nurse, welder, retired, foreign] = await db
      .insert(professions)
      .values([
        { name: unique("Nurse"), entityId: cast.company.id },
        { name: unique("Welder"), entityId: null },
        { name: unique("Retired"), entityId: cast.company.id, isActive: false },
        { name: unique("Foreign"), entityId: (await templateCast(db)).company.id },
      ])
      .returning();
    if (!nurse || !welder || !retired || !foreign) throw new Error("no professions");
    const t = await task(admin);
    const linked = await replaceTaskProfessions(db, admin, { id: t, items: [nurse.id, welder.id] });
    expect(linked.professions.map((p) => p.id).sort()).toEqual([nurse.id, welder.id].sort());
    for (const items of [[999_999], [foreign.id], [retired.id], [nurse.id, nurse.id]]) {
      await expect(replaceTaskProfessions(db, admin, { id: t, items })).rejects.toMatchObject({ status: 422 });
    }
    expect((await replaceTaskProfessions(db, admin, { id: t, items: [] })).professions).toEqual([]);
  });
});
