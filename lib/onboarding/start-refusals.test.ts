// startOnboarding refusals against a real database: a draft program, no program, a user outside
// the caller's scope, an employee caller; each leaves nothing behind.
import { describe, expect, it } from "vitest";
import { openTestDatabase } from "../../test/db";
import { createEntity, createOrganisation, createProgram, createUser, principalOf } from "../../test/factories";
import { startOnboarding } from "./service";
import { oneTask, rowCounts } from "./test-counts";

const { db } = await openTestDatabase();

describe("startOnboarding refuses", () => {
  it("a draft program with 422 and an unknown or foreign one with 404", async () => {
    const org = await createOrganisation(db);
    const draft = await createProgram(db, { ...oneTask, isDraft: true });
    const otherOrg = await createOrganisation(db);
    const foreign = await createProgram(db, { ...oneTask, entityId: otherOrg.company.id });
    const before = await rowCounts(db);
    await expect(startOnboarding(db, org.admin.principal, { userId: org.employee.user.id, projectTemplateId: draft.templateId })).rejects.toMatchObject({
      status: 422,
    });
    await expect(startOnboarding(db, org.admin.principal, { userId: org.employee.user.id, projectTemplateId: foreign.templateId })).rejects.toMatchObject({
      status: 404,
    });
    await expect(startOnboarding(db, org.admin.principal, { userId: org.employee.user.id, projectTemplateId: 2_000_000_000 })).rejects.toMatchObject({
      status: 404,
    });
    expect(await rowCounts(db)).toEqual(before);
  });

  it("a user outside the caller's scope with 404, and an employee with 403", async () => {
    const org = await createOrganisation(db);
    const { templateId } = await createProgram(db, oneTask);
    const sibling = await createEntity(db, { parent: org.company });
    const elsewhere = await createUser(db, sibling);
    const otherOrg = await createOrganisation(db);
    const before = await rowCounts(db);

    await expect(startOnboarding(db, org.manager.principal, { userId: elsewhere.id, projectTemplateId: templateId })).rejects.toMatchObject({ status: 404 });
    await expect(startOnboarding(db, org.admin.principal, { userId: otherOrg.employee.user.id, projectTemplateId: templateId })).rejects.toMatchObject({
      status: 404,
    });
    await expect(startOnboarding(db, org.employee.principal, { userId: org.employee.user.id, projectTemplateId: templateId })).rejects.toMatchObject({
      status: 403,
    });
    expect(await rowCounts(db)).toEqual(before);
  });

  it("a deactivated user with 422", async () => {
    const org = await createOrganisation(db);
    const { templateId } = await createProgram(db, oneTask);
    const gone = await createUser(db, org.department, { isActive: false });
    await expect(startOnboarding(db, org.admin.principal, { userId: gone.id, projectTemplateId: templateId })).rejects.toMatchObject({ status: 422 });
  });

  it("lets a manager start the onboarding of a direct report who sits in another department", async () => {
    const org = await createOrganisation(db);
    const { templateId } = await createProgram(db, oneTask);
    const sibling = await createEntity(db, { parent: org.company });
    const report = await createUser(db, sibling, { manager: org.manager.user });
    const { created, project } = await startOnboarding(db, org.manager.principal, { userId: report.id, projectTemplateId: templateId });
    expect(created).toBe(true);
    expect(project.entity_id).toBe(sibling.id);
    const siblingAdmin = await createUser(db, sibling, { role: "admin" });
    await expect(startOnboarding(db, principalOf(siblingAdmin, sibling), { userId: report.id, projectTemplateId: templateId })).resolves.toMatchObject({
      created: false,
    });
  });
});
