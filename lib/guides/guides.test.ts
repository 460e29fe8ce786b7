// Guide services against a real database: CRUD by the admins of the owning subtree, reading by
// the whole organisation (published only for readers), global guides read-only, format rules
// (https media for video and interactive), optimistic versions, and the audit row and event.
import { and, eq } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { auditLog, events, guideables, guides, guideTranslations, languages } from "../../db/schema";
import { openTestDatabase } from "../../test/db";
import { createEntity, createGuide as insertGuide, createOrganisation, createUser, principalOf } from "../../test/factories";
import { generateKeyEntry } from "../crypto/keyring";
import type { Principal } from "../auth/principal";
import { createGuide, deleteGuide, getGuide, listGuides, updateGuide } from "./service";
import { guideCreateSchema, guideUpdateSchema } from "./validators";

process.env.GROUNDWORK_ENCRYPTION_KEYS ??= generateKeyEntry("guides-test");

const { db } = await openTestDatabase();

const create = (principal: Principal, extra: Record<string, unknown> = {}) =>
  createGuide(
    db,
    principal,
    guideCreateSchema.parse({
      name: "Safety basics",
      format: "text",
      is_published: true,
      translations: [{ language: "en", title: "Safety basics", body: "# Wear a helmet" }],
      ...extra,
    }),
  );

const update = (principal: Principal, id: number, changes: Record<string, unknown>, ifMatch?: number) =>
  updateGuide(db, principal, { id, changes: guideUpdateSchema.parse(changes), ifMatch });

async function departmentAdmin(org: Awaited<ReturnType<typeof createOrganisation>>) {
  const user = await createUser(db, org.department, { role: "admin" });
  return principalOf(user, org.department);
}

describe("create and read", () => {
  it("creates a guide owned by the admin's entity and reads it back with its translation", async () => {
    const org = await createOrganisation(db);
    const guide = await create(org.admin.principal);
    expect(guide).toMatchObject({
      name: "Safety basics",
      format: "text",
      entity_id: org.company.id,
      is_published: true,
      version: 1,
      editable: true,
      language: "en",
      available_languages: ["en"],
      translation: { language: "en", title: "Safety basics", body: "# Wear a helmet", media_url: null, version: 1 },
      acknowledgement: null,
    });
    const read = await getGuide(db, org.employee.principal, { id: guide.id });
    expect(read).toMatchObject({ id: guide.id, editable: false, translation: { title: "Safety basics" } });
    const list = await listGuides(db, org.employee.principal, {});
    expect(list.items.map((g) => g.id)).toContain(guide.id);
  });

  it("writes an audit row naming the admin and a guide.created event in the same transaction", async () => {
    const org = await createOrganisation(db);
    const guide = await create(org.admin.principal);
    const audit = await db
      .select()
      .from(auditLog)
      .where(and(eq(auditLog.tableName, "guides"), eq(auditLog.rowKey, String(guide.id))));
    expect(audit.map((a) => a.actorId)).toEqual([org.admin.user.id]);
    const mine = await db.select().from(events).where(and(eq(events.type, "guide.created"), eq(events.entityId, org.company.id)));
    expect(mine.map((e) => e.payload)).toEqual([{ guide_id: guide.id, is_published: true }]);
  });

  it("starts new guides as drafts, which employees and managers do not see", async () => {
    const org = await createOrganisation(db);
    const draft = await create(org.admin.principal, { is_published: undefined });
    expect(draft.is_published).toBe(false);
    await expect(getGuide(db, org.employee.principal, { id: draft.id })).rejects.toMatchObject({ status: 404 });
    await expect(getGuide(db, org.manager.principal, { id: draft.id })).rejects.toMatchObject({ status: 404 });
    expect((await listGuides(db, org.employee.principal, {})).items.map((g) => g.id)).not.toContain(draft.id);
    expect((await listGuides(db, org.admin.principal, { is_published: false })).items.map((g) => g.id)).toEqual([draft.id]);
    await update(org.admin.principal, draft.id, { is_published: true });
    expect((await getGuide(db, org.employee.principal, { id: draft.id })).is_published).toBe(true);
  });

  it("hides an organisation's guides from every other organisation, admins included (404)", async () => {
    const org = await createOrganisation(db);
    const other = await createOrganisation(db);
    const guide = await create(org.admin.principal);
    await expect(getGuide(db, other.admin.principal, { id: guide.id })).rejects.toMatchObject({ status: 404 });
    await expect(getGuide(db, other.employee.principal, { id: guide.id })).rejects.toMatchObject({ status: 404 });
    await expect(update(other.admin.principal, guide.id, { name: "Mine now" })).rejects.toMatchObject({ status: 404 });
    await expect(deleteGuide(db, other.admin.principal, { id: guide.id })).rejects.toMatchObject({ status: 404 });
    expect((await listGuides(db, other.admin.principal, { limit: 100 })).items.map((g) => g.id)).not.toContain(guide.id);
  });

  it("shows global guides to every organisation but lets no admin change them (403)", async () => {
    const org = await createOrganisation(db);
    const global = await insertGuide(db, null);
    const [en] = await db.select().from(languages).where(eq(languages.code, "en"));
    await db.insert(guideTranslations).values({ guideId: global.id, languageId: en?.id ?? 0, title: "Code of conduct" });
    expect((await getGuide(db, org.employee.principal, { id: global.id })).editable).toBe(false);
    await expect(update(org.admin.principal, global.id, { name: "Ours" })).rejects.toMatchObject({ status: 403 });
    await expect(deleteGuide(db, org.admin.principal, { id: global.id })).rejects.toMatchObject({ status: 403 });
  });

  it("reads a guide written outside the API without any translation, serving none instead of failing", async () => {
    const org = await createOrganisation(db);
    const bare = await insertGuide(db, org.company.id);
    expect(await getGuide(db, org.employee.principal, { id: bare.id, lang: "de" })).toMatchObject({
      language: null,
      language_source: null,
      available_languages: [],
      translation: null,
    });
    const [entry] = (await listGuides(db, org.employee.principal, { q: bare.name })).items;
    expect(entry).toMatchObject({ id: bare.id, title: bare.name, language: null });
  });

  it("finds guides by name or by translated title, and by format", async () => {
    const org = await createOrganisation(db);
    const guide = await create(org.admin.principal, {
      name: "Internal name",
      translations: [{ language: "de", title: "Brandschutz" }],
    });
    expect((await listGuides(db, org.employee.principal, { q: "brandschutz" })).items.map((g) => g.id)).toEqual([guide.id]);
    expect((await listGuides(db, org.employee.principal, { q: "internal NAME" })).items.map((g) => g.id)).toEqual([guide.id]);
    expect((await listGuides(db, org.employee.principal, { q: "Brandschutz", format: "video" })).items).toEqual([]);
  });

  it("pages by cursor", async () => {
    const org = await createOrganisation(db);
    const named = { name: `Paged ${org.company.id}` };
    const ids = [(await create(org.admin.principal, named)).id, (await create(org.admin.principal, named)).id, (await create(org.admin.principal, named)).id];
    const first = await listGuides(db, org.admin.principal, { limit: 2, q: named.name });
    expect(first.items.map((g) => g.id)).toEqual(ids.slice(0, 2));
    expect(first.next_cursor).toBe(String(ids[1]));
    const second = await listGuides(db, org.admin.principal, { limit: 2, q: named.name, cursor: Number(first.next_cursor) });
    expect(second).toMatchObject({ items: [{ id: ids[2] }], next_cursor: null });
  });
});

describe("who may write", () => {
  it("refuses employees and managers (403) and writes nothing", async () => {
    const org = await createOrganisation(db);
    const guide = await create(org.admin.principal);
    await expect(create(org.employee.principal)).rejects.toMatchObject({ status: 403 });
    await expect(create(org.manager.principal)).rejects.toMatchObject({ status: 403 });
    await expect(update(org.employee.principal, guide.id, { name: "Hijacked" })).rejects.toMatchObject({ status: 403 });
    await expect(deleteGuide(db, org.manager.principal, { id: guide.id })).rejects.toMatchObject({ status: 403 });
    expect((await getGuide(db, org.employee.principal, { id: guide.id })).name).toBe("Safety basics");
  });

  it("keeps a department admin to their subtree: company guides are read-only to them, entities above are not theirs", async () => {
    const org = await createOrganisation(db);
    const deptAdmin = await departmentAdmin(org);
    const companyGuide = await create(org.admin.principal);
    await expect(update(deptAdmin, companyGuide.id, { name: "Mine" })).rejects.toMatchObject({ status: 403 });
    await expect(create(deptAdmin, { entity_id: org.company.id })).rejects.toMatchObject({ status: 404 });
    const own = await create(deptAdmin);
    expect(own.entity_id).toBe(org.department.id);
    // The company admin's subtree includes the department.
    expect((await update(org.admin.principal, own.id, { name: "Reviewed" })).name).toBe("Reviewed");
  });

  it("moves a guide only within the admin's subtree", async () => {
    const org = await createOrganisation(db);
    const other = await createOrganisation(db);
    const guide = await create(org.admin.principal);
    expect((await update(org.admin.principal, guide.id, { entity_id: org.department.id })).entity_id).toBe(org.department.id);
    await expect(update(org.admin.principal, guide.id, { entity_id: other.company.id })).rejects.toMatchObject({ status: 404 });
  });

  it("refuses fields nobody may set (mass assignment) before any write", () => {
    expect(guideCreateSchema.safeParse({ name: "x", format: "text", translations: [{ language: "en", title: "x" }], created_by: 1 }).success).toBe(false);
    expect(guideUpdateSchema.safeParse({ version: 1, id: 9 }).success).toBe(false);
  });
});

describe("formats", () => {
  const video = (url: string | undefined) => ({ format: "video", translations: [{ language: "en", title: "Watch", media_url: url }] });

  it("accepts a video with an https media_url", async () => {
    const org = await createOrganisation(db);
    const guide = await create(org.admin.principal, video("https://media.example.com/intro.mp4"));
    expect(guide).toMatchObject({ format: "video", translation: { media_url: "https://media.example.com/intro.mp4" } });
  });

  it("refuses http, javascript:, credentials and missing URLs for video (422)", async () => {
    const org = await createOrganisation(db);
    for (const url of ["http://media.example.com/intro.mp4", "javascript:alert(1)", "https://user:pw@media.example.com/x", "not a url"]) {
      expect(guideCreateSchema.safeParse({ name: "v", ...video(url) }).success, url).toBe(false);
    }
    await expect(create(org.admin.principal, video(undefined))).rejects.toMatchObject({ status: 422 });
    await expect(create(org.admin.principal, { format: "interactive", translations: [{ language: "en", title: "Try" }] })).rejects.toMatchObject({
      status: 422,
    });
    await expect(create(org.admin.principal, { translations: [{ language: "en", title: "T", media_url: "https://x.example/a" }] })).rejects.toMatchObject({
      status: 422,
    });
  });

  it("changes the format only when every translation fits it", async () => {
    const org = await createOrganisation(db);
    const guide = await create(org.admin.principal);
    await expect(update(org.admin.principal, guide.id, { format: "video" })).rejects.toMatchObject({ status: 422 });
    const clip = await create(org.admin.principal, video("https://media.example.com/a.mp4"));
    expect((await update(org.admin.principal, clip.id, { format: "interactive" })).format).toBe("interactive");
  });
});

describe("versions", () => {
  it("bumps the version on a change and not on a PATCH that changes nothing", async () => {
    const org = await createOrganisation(db);
    const guide = await create(org.admin.principal);
    expect((await update(org.admin.principal, guide.id, { name: guide.name })).version).toBe(1);
    expect((await update(org.admin.principal, guide.id, { name: "Renamed", version: 1 })).version).toBe(2);
  });

  it("answers a stale body version with 409 and a stale If-Match with 412, changing nothing", async () => {
    const org = await createOrganisation(db);
    const guide = await create(org.admin.principal);
    await update(org.admin.principal, guide.id, { name: "First" });
    await expect(update(org.admin.principal, guide.id, { name: "Late", version: 1 })).rejects.toMatchObject({ status: 409 });
    await expect(update(org.admin.principal, guide.id, { name: "Late" }, 1)).rejects.toMatchObject({ status: 412 });
    await expect(deleteGuide(db, org.admin.principal, { id: guide.id, ifMatch: 1 })).rejects.toMatchObject({ status: 412 });
    expect((await getGuide(db, org.admin.principal, { id: guide.id })).name).toBe("First");
  });
});

describe("delete", () => {
  it("deletes a guide with its translations and template links", async () => {
    const org = await createOrganisation(db);
    const guide = await create(org.admin.principal);
    await db.insert(guideables).values({ guideId: guide.id, guideableType: "task_template", guideableId: 1 });
    await deleteGuide(db, org.admin.principal, { id: guide.id, ifMatch: guide.version });
    expect(await db.select().from(guides).where(eq(guides.id, guide.id))).toEqual([]);
    expect(await db.select().from(guideTranslations).where(eq(guideTranslations.guideId, guide.id))).toEqual([]);
    expect(await db.select().from(guideables).where(eq(guideables.guideId, guide.id))).toEqual([]);
  });

  it("refuses to delete a guide that checklist items of running work validate against (409)", async () => {
    const org = await createOrganisation(db);
    const guide = await create(org.admin.principal);
    await db.insert(guideables).values({ guideId: guide.id, guideableType: "checklist_item", guideableId: 1 });
    await expect(deleteGuide(db, org.admin.principal, { id: guide.id })).rejects.toMatchObject({ status: 409 });
    expect(await db.select({ id: guides.id }).from(guides).where(eq(guides.id, guide.id))).toHaveLength(1);
  });

  it("lets nobody outside the owning subtree delete", async () => {
    const org = await createOrganisation(db);
    const sibling = await createEntity(db, { parent: org.company });
    const siblingAdmin = principalOf(await createUser(db, sibling, { role: "admin" }), sibling);
    const guide = await create(await departmentAdmin(org));
    await expect(deleteGuide(db, siblingAdmin, { id: guide.id })).rejects.toMatchObject({ status: 403 });
  });
});
