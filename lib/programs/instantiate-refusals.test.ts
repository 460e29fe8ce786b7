// instantiateProgram refuses what cannot become a project, and leaves nothing behind.
import { count } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { projects } from "../../db/schema";
import { openTestDatabase } from "../../test/db";
import { ProgramInstantiationError, type InstantiateProgramParams } from "./instantiate";
import { programFactories } from "./test-programs";

const { db } = await openTestDatabase();

const { createEntity, createUser, createProgram, start } = programFactories(() => db);

describe("instantiateProgram refuses", () => {
  const projectCount = async () => (await db.select({ n: count() }).from(projects))[0]?.n ?? 0;

  async function expectRefusal(params: Omit<InstantiateProgramParams, "createdBy" | "startDate">, code: string) {
    const before = await projectCount();
    const failure: unknown = await start(params).catch((e: unknown) => e);
    expect(failure).toBeInstanceOf(ProgramInstantiationError);
    expect((failure as ProgramInstantiationError).code).toBe(code);
    expect(await projectCount()).toBe(before);
  }

  it("a draft program", async () => {
    const user = await createUser(await createEntity());
    const { templateId } = await createProgram({ isDraft: true, milestones: [{ name: "M", offset: 0, duration: 1, tasks: [{ name: "T" }] }] });
    await expectRefusal({ projectTemplateId: templateId, onboardeeId: user.id }, "template_is_draft");
  });

  it("an unknown program", async () => {
    const user = await createUser(await createEntity());
    await expectRefusal({ projectTemplateId: 987_654, onboardeeId: user.id }, "template_not_found");
  });

  it("an unknown user", async () => {
    const { templateId } = await createProgram({ milestones: [{ name: "M", offset: 0, duration: 1, tasks: [{ name: "T" }] }] });
    await expectRefusal({ projectTemplateId: templateId, onboardeeId: 987_654 }, "onboardee_not_found");
  });

  it("a deactivated user", async () => {
    const user = await createUser(await createEntity(), { isActive: false });
    const { templateId } = await createProgram({ milestones: [{ name: "M", offset: 0, duration: 1, tasks: [{ name: "T" }] }] });
    await expectRefusal({ projectTemplateId: templateId, onboardeeId: user.id }, "onboardee_inactive");
  });

  it("task templates whose parent links form a cycle, leaving nothing behind", async () => {
    const user = await createUser(await createEntity());
    const { templateId } = await createProgram({
      milestones: [{ name: "M", offset: 0, duration: 1, tasks: [{ name: "Egg", parents: ["Hen"] }, { name: "Hen", parents: ["Egg"] }] }],
    });
    await expectRefusal({ projectTemplateId: templateId, onboardeeId: user.id }, "template_invalid");
  });
});
