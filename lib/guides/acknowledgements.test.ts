// Acknowledgements against a real database: one row per user and guide however often it is sent,
// the language served and the guide version recorded, the event for the reader, and the helpers
// the checklist validation rule uses (hasAcknowledged, guidesForChecklistItem).
import { and, eq } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { events, guideAcknowledgements, languages, users } from "../../db/schema";
import { openTestDatabase } from "../../test/db";
import { createOrganisation } from "../../test/factories";
import type { Principal } from "../auth/principal";
import { generateKeyEntry } from "../crypto/keyring";
import { acknowledgeGuide, hasAcknowledged, unacknowledgedGuides } from "./acknowledgements";
import { guidesForChecklistItem, linkGuide } from "./links";
import { getGuide, updateGuide } from "./service";
import { publishedGuide, runningChecklist } from "./test-support";
import { upsertTranslation } from "./translations";
import { acknowledgeSchema, guideLinkSchema, guideUpdateSchema, translationUpsertSchema } from "./validators";

process.env.GROUNDWORK_ENCRYPTION_KEYS ??= generateKeyEntry("guides-acknowledgements-test");

const { db } = await openTestDatabase();

const acknowledge = (principal: Principal, id: number, body?: unknown) =>
  acknowledgeGuide(db, principal, { id, input: acknowledgeSchema.parse(body) });

const rowsOf = (guideId: number, userId: number) =>
  db
    .select()
    .from(guideAcknowledgements)
    .where(and(eq(guideAcknowledgements.guideId, guideId), eq(guideAcknowledgements.userId, userId)));

describe("acknowledging a guide", () => {
  it("records the reader, the language served and the guide version once, and hasAcknowledged turns true", async () => {
    const org = await createOrganisation(db);
    const guide = await publishedGuide(db, org.admin.principal);
    const [de] = await db.select().from(languages).where(eq(languages.code, "de"));
    await db
      .update(users)
      .set({ languageId: de?.id ?? null })
      .where(eq(users.id, org.employee.user.id));
    expect(await hasAcknowledged(db, org.employee.user.id, guide.id)).toBe(false);

    const result = await acknowledge(org.employee.principal, guide.id);
    expect(result).toMatchObject({
      created: true,
      acknowledgement: { guide_id: guide.id, user_id: org.employee.user.id, language: "de", guide_version: guide.version, is_current: true },
    });
    expect(await hasAcknowledged(db, org.employee.user.id, guide.id)).toBe(true);
    expect(await hasAcknowledged(db, org.peer.user.id, guide.id)).toBe(false);
    expect(await rowsOf(guide.id, org.employee.user.id)).toMatchObject([{ languageId: de?.id, guideVersion: guide.version }]);

    const [event] = await db.select().from(events).where(and(eq(events.type, "guide.acknowledged"), eq(events.userId, org.employee.user.id)));
    expect(event).toMatchObject({ actorId: org.employee.user.id, entityId: org.department.id, payload: { guide_id: guide.id, language: "de", first_time: true } });
  });

  it("is idempotent per user and guide: acknowledging again refreshes the row instead of adding one", async () => {
    const org = await createOrganisation(db);
    const guide = await publishedGuide(db, org.admin.principal);
    await acknowledge(org.employee.principal, guide.id);
    const [before] = await rowsOf(guide.id, org.employee.user.id);
    await upsertTranslation(db, org.admin.principal, { id: guide.id, language: "en", input: translationUpsertSchema.parse({ title: "Lifting safely, v2" }) });
    expect((await getGuide(db, org.employee.principal, { id: guide.id })).acknowledgement).toMatchObject({ guide_version: 1, is_current: false });

    const again = await acknowledge(org.employee.principal, guide.id, { language: "en" });
    expect(again).toMatchObject({ created: false, acknowledgement: { guide_version: 2, language: "en" } });
    const rows = await rowsOf(guide.id, org.employee.user.id);
    expect(rows).toHaveLength(1);
    expect(rows[0]?.guideVersion).toBe(2);
    expect(rows[0]?.acknowledgedAt.getTime()).toBeGreaterThanOrEqual(before?.acknowledgedAt.getTime() ?? Infinity);
    expect((await getGuide(db, org.employee.principal, { id: guide.id })).acknowledgement).toMatchObject({ guide_version: 2, is_current: true });
  });

  it("refuses a language the guide has no translation in (422)", async () => {
    const org = await createOrganisation(db);
    const guide = await publishedGuide(db, org.admin.principal);
    await expect(acknowledge(org.employee.principal, guide.id, { language: "fr" })).rejects.toMatchObject({ status: 422 });
    expect(await hasAcknowledged(db, org.employee.user.id, guide.id)).toBe(false);
  });

  it("refuses a version the reader did not see (409)", async () => {
    const org = await createOrganisation(db);
    const guide = await publishedGuide(db, org.admin.principal);
    await updateGuide(db, org.admin.principal, { id: guide.id, changes: guideUpdateSchema.parse({ name: "Renamed" }) });
    await expect(acknowledge(org.employee.principal, guide.id, { version: 1 })).rejects.toMatchObject({ status: 409 });
    expect((await acknowledge(org.employee.principal, guide.id, { version: 2 })).created).toBe(true);
  });

  it("cannot acknowledge a draft: invisible to employees (404), refused for its authors (409)", async () => {
    const org = await createOrganisation(db);
    const draft = await publishedGuide(db, org.admin.principal, { is_published: false });
    await expect(acknowledge(org.employee.principal, draft.id)).rejects.toMatchObject({ status: 404 });
    await expect(acknowledge(org.admin.principal, draft.id)).rejects.toMatchObject({ status: 409 });
    expect(await hasAcknowledged(db, org.employee.user.id, draft.id)).toBe(false);
  });

  it("cannot acknowledge another organisation's guide (404)", async () => {
    const org = await createOrganisation(db);
    const other = await createOrganisation(db);
    const guide = await publishedGuide(db, org.admin.principal);
    await expect(acknowledge(other.employee.principal, guide.id)).rejects.toMatchObject({ status: 404 });
    expect(await hasAcknowledged(db, other.employee.user.id, guide.id)).toBe(false);
  });
});

describe("the checklist validation rule's view", () => {
  it("reports an item's linked guides as pending until its assignee acknowledges them", async () => {
    const org = await createOrganisation(db);
    const guide = await publishedGuide(db, org.admin.principal);
    const run = await runningChecklist(db, { entityId: org.company.id, onboardeeId: org.employee.user.id });
    await linkGuide(db, org.admin.principal, {
      id: guide.id,
      input: guideLinkSchema.parse({ guideable_type: "checklist_item", guideable_id: run.itemId }),
    });
    const linked = (await guidesForChecklistItem(db, run.itemId)).map((g) => g.id);
    expect(linked).toEqual([guide.id]);
    expect(await unacknowledgedGuides(db, org.employee.user.id, linked)).toEqual([guide.id]);
    // Someone else reading it does not satisfy the assignee's item.
    await acknowledge(org.peer.principal, guide.id);
    expect(await unacknowledgedGuides(db, org.employee.user.id, linked)).toEqual([guide.id]);
    await acknowledge(org.employee.principal, guide.id);
    expect(await unacknowledgedGuides(db, org.employee.user.id, linked)).toEqual([]);
    expect(await hasAcknowledged(db, org.employee.user.id, guide.id)).toBe(true);
  });
});
