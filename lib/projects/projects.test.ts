// Reading projects and milestones: scope (onboardee, managers and admins by entity, managers'
// direct reports), filters, progress (done / tasks that count) and overdue flags.
import { eq } from "drizzle-orm";
import { afterEach, describe, expect, it, vi } from "vitest";
import { milestones, projects, projectTemplates, tasks } from "../../db/schema";
import { openTestDatabase } from "../../test/db";
import { createEntity, createOrganisation, createProgram, createUser, principalOf } from "../../test/factories";
import type { Principal } from "../auth/principal";
import { startOnboarding } from "../onboarding/service";
import { statusIdOf } from "../statuses/service";
import { getMilestone, getProject, listProjects } from "./service";
import { projectListQuerySchema } from "./validators";

const { db } = await openTestDatabase();
afterEach(() => {
  vi.useRealTimers();
});

const list = (principal: Principal, query: Record<string, string> = {}) => listProjects(db, principal, projectListQuerySchema.parse({ limit: "100", ...query }));
const idsOf = async (principal: Principal, query: Record<string, string> = {}) => (await list(principal, query)).items.map((p) => p.id);

const twoMilestones = {
  milestones: [
    { name: "Week one", offset: 0, duration: 2, hours: 12, tasks: [{ name: "A" }, { name: "B" }, { name: "C" }] },
    { name: "Week two", offset: 2, duration: 3, hours: 20, tasks: [{ name: "D" }] },
  ],
};

describe("projects scope", () => {
  it("shows the onboardee their own, managers their subtree and direct reports, admins their subtree", async () => {
    const org = await createOrganisation(db);
    const { templateId } = await createProgram(db, twoMilestones);
    const sibling = await createEntity(db, { parent: org.company });
    const remoteReport = await createUser(db, sibling, { manager: org.manager.user });
    const stranger = await createUser(db, sibling);
    const start = async (userId: number) => (await startOnboarding(db, org.admin.principal, { userId, projectTemplateId: templateId })).project.id;
    const own = await start(org.employee.user.id);
    const peers = await start(org.peer.user.id);
    const remote = await start(remoteReport.id);
    const strangers = await start(stranger.id);

    expect(await idsOf(org.employee.principal)).toEqual([own]);
    await expect(getProject(db, org.employee.principal, { id: peers })).rejects.toMatchObject({ status: 404 });
    expect(await idsOf(org.manager.principal)).toEqual([own, peers, remote]);
    await expect(getProject(db, org.manager.principal, { id: strangers })).rejects.toMatchObject({ status: 404 });
    expect(await idsOf(org.admin.principal)).toEqual([own, peers, remote, strangers]);
    const siblingManager = await createUser(db, sibling, { role: "manager" });
    expect(await idsOf(principalOf(siblingManager, sibling))).toEqual([remote, strangers]);
    const otherOrg = await createOrganisation(db);
    expect(await idsOf(otherOrg.admin.principal)).toEqual([]);
    await expect(getProject(db, otherOrg.admin.principal, { id: own })).rejects.toMatchObject({ status: 404 });
  });
});

describe("listProjects filters", () => {
  it("filters by onboardee, status (code or id) and program, across the program's revisions", async () => {
    const org = await createOrganisation(db);
    const { templateId } = await createProgram(db, twoMilestones);
    const other = await createProgram(db, twoMilestones);
    const [revision] = await db
      .insert(projectTemplates)
      .values({ name: "Revised", durationDays: 5, isDraft: false, publishedAt: new Date(), lineageId: templateId, revision: 2 })
      .returning();
    const a = (await startOnboarding(db, org.admin.principal, { userId: org.employee.user.id, projectTemplateId: templateId })).project.id;
    const b = (await startOnboarding(db, org.admin.principal, { userId: org.peer.user.id, projectTemplateId: revision?.id ?? 0 })).project.id;
    const c = (await startOnboarding(db, org.admin.principal, { userId: org.peer.user.id, projectTemplateId: other.templateId })).project.id;
    await db
      .update(projects)
      .set({ statusId: await statusIdOf(db, "project", "in_progress") })
      .where(eq(projects.id, c));

    expect(await idsOf(org.admin.principal, { onboardee_id: String(org.peer.user.id) })).toEqual([b, c]);
    expect(await idsOf(org.admin.principal, { template_id: String(templateId) })).toEqual([a, b]);
    expect(await idsOf(org.admin.principal, { template_id: String(revision?.id) })).toEqual([a, b]);
    expect(await idsOf(org.admin.principal, { status: "in_progress" })).toEqual([c]);
    expect(await idsOf(org.admin.principal, { status: String(await statusIdOf(db, "project", "planned")) })).toEqual([a, b]);
    await expect(list(org.admin.principal, { status: "todo" })).rejects.toMatchObject({ status: 422 });
    expect(projectListQuerySchema.safeParse({ entity: "1" }).success).toBe(false);

    const page = await list(org.admin.principal, { limit: "2" });
    expect(page.items.map((p) => p.id)).toEqual([a, b]);
    expect((await list(org.admin.principal, { limit: "2", cursor: page.next_cursor ?? "" })).items.map((p) => p.id)).toEqual([c]);
  });
});

describe("getProject and getMilestone", () => {
  it("answer milestones with dates, hours, progress of done over counting tasks, and overdue flags", async () => {
    const org = await createOrganisation(db);
    const { templateId } = await createProgram(db, twoMilestones);
    // Started on Monday 6 January 2025, so both milestones have ended by the time the test runs.
    vi.useFakeTimers({ toFake: ["Date"] });
    vi.setSystemTime(new Date("2025-01-06T08:00:00Z"));
    const { project } = await startOnboarding(db, org.manager.principal, { userId: org.employee.user.id, projectTemplateId: templateId });
    vi.useRealTimers();
    const [first, second] = project.milestones;
    expect(project.milestones.map((m) => [m.name, m.start_date, m.end_date, m.expected_hours, m.overdue])).toEqual([
      ["Week one", "2025-01-06", "2025-01-07", 12, false],
      ["Week two", "2025-01-08", "2025-01-10", 20, false],
    ]);

    const created = await db.select().from(tasks).where(eq(tasks.projectId, project.id)).orderBy(tasks.id);
    await db
      .update(tasks)
      .set({ statusId: await statusIdOf(db, "task", "done") })
      .where(eq(tasks.id, created[0]?.id ?? 0));
    await db
      .update(tasks)
      .set({ statusId: await statusIdOf(db, "task", "cancelled") })
      .where(eq(tasks.id, created[1]?.id ?? 0));
    await db
      .update(milestones)
      .set({ statusId: await statusIdOf(db, "milestone", "completed") })
      .where(eq(milestones.id, second?.id ?? 0));

    const detail = await getProject(db, org.employee.principal, { id: project.id });
    expect(detail.progress).toEqual({ done: 1, total: 3 });
    expect(detail.overdue).toBe(true);
    expect(detail.milestones.map((m) => [m.id, m.progress, m.overdue])).toEqual([
      [first?.id, { done: 1, total: 2 }, true],
      // Completed: never overdue, whatever its end date.
      [second?.id, { done: 0, total: 1 }, false],
    ]);
    expect((await list(org.manager.principal, { onboardee_id: String(org.employee.user.id) })).items[0]?.progress).toEqual({ done: 1, total: 3 });

    const milestone = await getMilestone(db, org.employee.principal, { id: first?.id ?? 0 });
    expect(milestone).toMatchObject({ project_id: project.id, name: "Week one", progress: { done: 1, total: 2 } });
    expect(milestone.tasks.map((t) => [t.name, t.status])).toEqual([
      ["A", "done"],
      ["B", "cancelled"],
      ["C", "todo"],
    ]);
    await expect(getMilestone(db, org.peer.principal, { id: first?.id ?? 0 })).rejects.toMatchObject({ status: 404 });
    await expect(getMilestone(db, org.manager.principal, { id: 2_000_000_000 })).rejects.toMatchObject({ status: 404 });
  });
});
