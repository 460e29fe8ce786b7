// The template builder's reads: the program list counts the projects started from each revision
// only among projects the admin may see, says which programs the admin may change, and one program
// reads as a whole tree with the answer keys only for template editors; other organisations'
// programs stay out of reach.
import { describe, expect, it } from "vitest";
import { professions } from "../../../db/schema";
import { expectApiError } from "../../../test/api-errors";
import { openTestDatabase } from "../../../test/db";
import { checklistStep, createEntity, createOrganisation, createProgram, createUser, principalOf, quizStep, unique } from "../../../test/factories";
import { startOnboarding } from "../../onboarding/service";
import { programList, programPage, programTree } from "./programs";

const { db } = await openTestDatabase();

const program = (entityId: number | null, professionId?: number) =>
  createProgram(db, {
    entityId,
    professionId,
    milestones: [{ name: unique("Week one"), offset: 0, duration: 5, tasks: [{ name: unique("Laptop"), steps: [checklistStep("sequential", ["Unbox", "Log in"]), quizStep()] }] }],
  });

describe("program list", () => {
  it("counts the projects started from each revision among the projects the admin sees, not other organisations'", async () => {
    const mine = await createOrganisation(db);
    const theirs = await createOrganisation(db);
    const shared = await program(null);
    const own = await program(mine.company.id);
    await startOnboarding(db, mine.admin.principal, { userId: mine.employee.user.id, projectTemplateId: shared.templateId });
    await startOnboarding(db, mine.admin.principal, { userId: mine.peer.user.id, projectTemplateId: shared.templateId });
    await startOnboarding(db, mine.admin.principal, { userId: mine.employee.user.id, projectTemplateId: own.templateId });
    await startOnboarding(db, theirs.admin.principal, { userId: theirs.employee.user.id, projectTemplateId: shared.templateId });

    const page = await programList(db, mine.admin.principal, { limit: 100 });
    const byId = new Map(page.items.map((p) => [p.id, p]));
    expect(byId.get(shared.templateId)?.projects).toBe(2);
    expect(byId.get(own.templateId)?.projects).toBe(1);
    const other = await programList(db, theirs.admin.principal, { limit: 100 });
    expect(other.items.find((p) => p.id === shared.templateId)?.projects).toBe(1);
    // Their organisation's list never shows this organisation's own program.
    expect(other.items.some((p) => p.id === own.templateId)).toBe(false);
  });

  it("marks the admin's own programs writable and shared or ancestors' programs read-only, and names the profession", async () => {
    const org = await createOrganisation(db);
    const departmentAdmin = await createUser(db, org.department, { role: "admin" });
    const [job] = await db.insert(professions).values({ name: unique("Profession"), entityId: org.company.id }).returning();
    const companyProgram = await program(org.company.id, job?.id);
    const departmentProgram = await program(org.department.id);
    const shared = await program(null);

    const page = await programList(db, principalOf(departmentAdmin, org.department), { limit: 100 });
    const byId = new Map(page.items.map((p) => [p.id, p]));
    expect(byId.get(departmentProgram.templateId)?.writable).toBe(true);
    expect(byId.get(companyProgram.templateId)?.writable).toBe(false);
    expect(byId.get(shared.templateId)?.writable).toBe(false);
    expect(byId.get(companyProgram.templateId)?.profession_name).toBe(job?.name);
    expect(byId.get(departmentProgram.templateId)?.profession_name).toBeNull();
    expect((await programList(db, org.admin.principal, { limit: 100 })).items.find((p) => p.id === companyProgram.templateId)?.writable).toBe(true);
  });
});

describe("program tree", () => {
  it("reads every task template of the program with its steps, and gives template editors the answer keys", async () => {
    const org = await createOrganisation(db);
    const built = await createProgram(db, {
      entityId: org.company.id,
      milestones: [
        { name: unique("M1"), offset: 0, duration: 3, tasks: [{ name: "Parent", steps: [quizStep()] }, { name: "Child", parents: ["Parent"] }] },
      ],
    });
    const tree = await programTree(db, org.admin.principal, { id: built.templateId });
    const parentId = built.taskIdByName.get("Parent") ?? 0;
    const childId = built.taskIdByName.get("Child") ?? 0;
    expect(tree.milestones[0]?.task_templates.map((t) => t.id)).toEqual([parentId, childId]);
    expect(tree.tasks[childId]?.parents.map((p) => p.id)).toEqual([parentId]);
    const quiz = tree.tasks[parentId]?.steps[0]?.process_definition;
    expect(quiz?.type === "quiz" && quiz.questions[0]).toMatchObject({ correct: "a" });

    // A manager reads programs too, but never an exam's answers.
    const asManager = await programTree(db, org.manager.principal, { id: built.templateId });
    const redacted = asManager.tasks[parentId]?.steps[0]?.process_definition;
    expect(redacted?.type === "quiz" && redacted.questions[0]).not.toHaveProperty("correct");
  });

  it("answers another organisation's program as not found", async () => {
    const org = await createOrganisation(db);
    const other = await createOrganisation(db);
    const theirs = await program(other.company.id);
    await expectApiError(programTree(db, org.admin.principal, { id: theirs.templateId }), "not_found");
    await expectApiError(programPage(db, org.admin.principal, { id: theirs.templateId }), "not_found");
  });

  it("lists the entities whose templates the admin may change: their subtree, not a sibling's", async () => {
    const org = await createOrganisation(db);
    const sibling = await createEntity(db, { parent: org.company });
    const departmentAdmin = principalOf(await createUser(db, org.department, { role: "admin" }), org.department);
    const built = await program(org.company.id);
    const page = await programPage(db, departmentAdmin, { id: built.templateId });
    expect(page.writableEntityIds).toEqual([org.department.id]);
    const top = await programPage(db, org.admin.principal, { id: built.templateId });
    expect(top.writableEntityIds.sort((a, b) => a - b)).toEqual([org.company.id, org.department.id, sibling.id].sort((a, b) => a - b));
    expect(top.projects).toBe(0);
  });
});
