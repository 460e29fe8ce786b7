// Guideables against a real database: admins link guides to targets of their own subtree (the
// target must exist and be in scope), readers list the guides of targets they can see, and the
// helpers the checklist rule and deleting services use.
import { and, eq } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { events, guideables, taskTemplates } from "../../db/schema";
import { openTestDatabase } from "../../test/db";
import { createOrganisation, createUser, principalOf } from "../../test/factories";
import type { Principal } from "../auth/principal";
import { generateKeyEntry } from "../crypto/keyring";
import { guidesForChecklistItem, guidesForTarget, linkGuide, listGuideLinks, unlinkGuide, unlinkGuidesFrom } from "./links";
import { updateGuide } from "./service";
import { publishedGuide, runningChecklist } from "./test-support";
import { guideLinkSchema, guideableQuerySchema, guideUpdateSchema } from "./validators";

process.env.GROUNDWORK_ENCRYPTION_KEYS ??= generateKeyEntry("guides-links-test");

const { db } = await openTestDatabase();

type Type = "task_template" | "step_template" | "checklist_item" | "project_template" | "milestone_template";
const link = (principal: Principal, id: number, type: Type, targetId: number) =>
  linkGuide(db, principal, { id, input: guideLinkSchema.parse({ guideable_type: type, guideable_id: targetId }) });
const unlink = (principal: Principal, id: number, type: Type, targetId: number) =>
  unlinkGuide(db, principal, { id, input: guideLinkSchema.parse({ guideable_type: type, guideable_id: targetId }) });
const guidesOf = async (principal: Principal, type: Type, id: number, lang?: string) =>
  (await guidesForTarget(db, principal, guideableQuerySchema.parse({ type, id: String(id), lang }))).items;

async function taskTemplate(entityId: number | null) {
  const [row] = await db.insert(taskTemplates).values({ name: "Forklift licence", entityId }).returning();
  if (!row) throw new Error("no task template");
  return row;
}

describe("linking to templates", () => {
  it("links once (created), answers a repeat with the same link, and lists it for readers in their language", async () => {
    const org = await createOrganisation(db);
    const guide = await publishedGuide(db, org.admin.principal);
    const template = await taskTemplate(org.company.id);
    const first = await link(org.admin.principal, guide.id, "task_template", template.id);
    expect(first).toMatchObject({ created: true, link: { guide_id: guide.id, guideable_type: "task_template", guideable_id: template.id } });
    expect((await link(org.admin.principal, guide.id, "task_template", template.id)).created).toBe(false);
    expect(await db.select().from(guideables).where(eq(guideables.guideId, guide.id))).toHaveLength(1);
    const listed = await guidesOf(org.employee.principal, "task_template", template.id, "de");
    expect(listed).toMatchObject([{ id: guide.id, language: "de", title: "Sicher heben", acknowledged_at: null }]);
    const linked = await db.select().from(events).where(and(eq(events.type, "guide.linked"), eq(events.entityId, org.company.id)));
    expect(linked).toHaveLength(1);
  });

  it("unlinks, and answers unlinking what is not linked with 404", async () => {
    const org = await createOrganisation(db);
    const guide = await publishedGuide(db, org.admin.principal);
    const template = await taskTemplate(org.company.id);
    await link(org.admin.principal, guide.id, "task_template", template.id);
    await unlink(org.admin.principal, guide.id, "task_template", template.id);
    expect(await guidesOf(org.employee.principal, "task_template", template.id)).toEqual([]);
    await expect(unlink(org.admin.principal, guide.id, "task_template", template.id)).rejects.toMatchObject({ status: 404 });
  });

  it("refuses a missing target or one of another organisation alike (404), so ids reveal nothing", async () => {
    const org = await createOrganisation(db);
    const other = await createOrganisation(db);
    const guide = await publishedGuide(db, org.admin.principal);
    const foreign = await taskTemplate(other.company.id);
    await expect(link(org.admin.principal, guide.id, "task_template", 2_000_000_000)).rejects.toMatchObject({ status: 404 });
    await expect(link(org.admin.principal, guide.id, "task_template", foreign.id)).rejects.toMatchObject({ status: 404 });
    await expect(guidesOf(org.employee.principal, "task_template", foreign.id)).rejects.toMatchObject({ status: 404 });
    expect(guideLinkSchema.safeParse({ guideable_type: "users", guideable_id: 1 }).success).toBe(false);
    expect(await db.select().from(guideables).where(eq(guideables.guideId, guide.id))).toEqual([]);
  });

  it("lets admins change only the links of their own subtree's targets (403 above it and on shared templates)", async () => {
    const org = await createOrganisation(db);
    const deptAdmin = principalOf(await createUser(db, org.department, { role: "admin" }), org.department);
    const guide = await publishedGuide(db, org.admin.principal);
    const companyTemplate = await taskTemplate(org.company.id);
    const shared = await taskTemplate(null);
    await expect(link(deptAdmin, guide.id, "task_template", companyTemplate.id)).rejects.toMatchObject({ status: 403 });
    await expect(link(org.admin.principal, guide.id, "task_template", shared.id)).rejects.toMatchObject({ status: 403 });
    // A department admin may attach the company's guide (readable) to their own template.
    const own = await taskTemplate(org.department.id);
    expect((await link(deptAdmin, guide.id, "task_template", own.id)).created).toBe(true);
  });

  it("refuses employees and managers (403), and guides another organisation owns (404)", async () => {
    const org = await createOrganisation(db);
    const other = await createOrganisation(db);
    const guide = await publishedGuide(db, org.admin.principal);
    const foreignGuide = await publishedGuide(db, other.admin.principal);
    const template = await taskTemplate(org.company.id);
    await expect(link(org.employee.principal, guide.id, "task_template", template.id)).rejects.toMatchObject({ status: 403 });
    await expect(link(org.manager.principal, guide.id, "task_template", template.id)).rejects.toMatchObject({ status: 403 });
    await expect(link(org.admin.principal, foreignGuide.id, "task_template", template.id)).rejects.toMatchObject({ status: 404 });
  });

  it("shows readers only the published guides of a target", async () => {
    const org = await createOrganisation(db);
    const guide = await publishedGuide(db, org.admin.principal);
    const template = await taskTemplate(org.company.id);
    await link(org.admin.principal, guide.id, "task_template", template.id);
    await updateGuide(db, org.admin.principal, { id: guide.id, changes: guideUpdateSchema.parse({ is_published: false }) });
    expect(await guidesOf(org.employee.principal, "task_template", template.id)).toEqual([]);
    expect((await guidesOf(org.admin.principal, "task_template", template.id)).map((g) => g.id)).toEqual([guide.id]);
  });
});

describe("linking to checklist items", () => {
  it("scopes an item like its task: its assignee and their manager see its guides, a colleague and other organisations do not", async () => {
    const org = await createOrganisation(db);
    const other = await createOrganisation(db);
    const guide = await publishedGuide(db, org.admin.principal);
    const run = await runningChecklist(db, { entityId: org.company.id, onboardeeId: org.employee.user.id });
    await link(org.admin.principal, guide.id, "checklist_item", run.itemId);
    expect((await guidesOf(org.employee.principal, "checklist_item", run.itemId)).map((g) => g.id)).toEqual([guide.id]);
    expect((await guidesOf(org.manager.principal, "checklist_item", run.itemId)).map((g) => g.id)).toEqual([guide.id]);
    await expect(guidesOf(org.peer.principal, "checklist_item", run.itemId)).rejects.toMatchObject({ status: 404 });
    await expect(guidesOf(other.admin.principal, "checklist_item", run.itemId)).rejects.toMatchObject({ status: 404 });
    await expect(link(other.admin.principal, guide.id, "checklist_item", run.itemId)).rejects.toMatchObject({ status: 404 });
  });

  it("tells the checklist rule which guides an item needs, and drops links of deleted targets", async () => {
    const org = await createOrganisation(db);
    const guide = await publishedGuide(db, org.admin.principal);
    const second = await publishedGuide(db, org.admin.principal, { name: "Second" });
    const run = await runningChecklist(db, { entityId: org.company.id, onboardeeId: org.employee.user.id });
    await link(org.admin.principal, second.id, "checklist_item", run.itemId);
    await link(org.admin.principal, guide.id, "checklist_item", run.itemId);
    expect(await guidesForChecklistItem(db, run.itemId)).toEqual([
      { id: guide.id, name: guide.name, isPublished: true, version: guide.version },
      { id: second.id, name: "Second", isPublished: true, version: second.version },
    ]);
    expect(await guidesForChecklistItem(db, run.otherItemId)).toEqual([]);
    expect(await unlinkGuidesFrom(db, "checklist_item", [run.itemId, run.otherItemId])).toBe(2);
    expect(await guidesForChecklistItem(db, run.itemId)).toEqual([]);
  });

  it("lists a guide's links limited to the targets the caller sees", async () => {
    const org = await createOrganisation(db);
    const guide = await publishedGuide(db, org.admin.principal);
    const mine = await runningChecklist(db, { entityId: org.company.id, onboardeeId: org.employee.user.id });
    const peers = await runningChecklist(db, { entityId: org.company.id, onboardeeId: org.peer.user.id });
    await link(org.admin.principal, guide.id, "checklist_item", mine.itemId);
    await link(org.admin.principal, guide.id, "checklist_item", peers.itemId);
    const seenBy = async (principal: Principal) => (await listGuideLinks(db, principal, { id: guide.id })).items.map((l) => l.guideable_id);
    expect(await seenBy(org.admin.principal)).toEqual([mine.itemId, peers.itemId]);
    expect(await seenBy(org.employee.principal)).toEqual([mine.itemId]);
  });
});
