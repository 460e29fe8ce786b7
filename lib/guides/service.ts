// Guides: list and read (in the reader's language, with the fallback chain), create, update and
// delete. Admins write the guides of their entity subtree; everyone reads the published guides of
// their organisation and the global ones. Translations are in translations.ts, links in links.ts.
import "server-only";
import { type SQL, and, eq, sql } from "drizzle-orm";
import type { Db, DbOrTx, Tx } from "../../db/client";
import { entities, formats, guideAcknowledgements, guideables, guides, guideTranslations } from "../../db/schema";
import { ApiError, conflict, notFound } from "../api/errors";
import { afterCursor, containsText, type Page, pageLimit } from "../api/pagination";
import { assertVersion } from "../api/versioning";
import { withAudit } from "../audit/context";
import { auditContextOf, type Principal } from "../auth/principal";
import { inEntitySubtree } from "../auth/scope";
import { emitEvent } from "../realtime/outbox";
import { acknowledgementsOf } from "./acknowledgements";
import { type GuideRecord, findReadableGuide, lockWritableGuide, readableGuides, requirePermission, toRecord } from "./access";
import { assertFitsFormat, type GuideDto, type GuideSummaryDto, toGuideDto, toGuideSummaryDto, translationsOf } from "./dto";
import { formatIdOf, languageByCode, readerLanguages } from "./languages";
import type { GuideCreateInput, GuideListQuery, GuideUpdateInput } from "./validators";

export async function listGuides(db: DbOrTx, principal: Principal, query: GuideListQuery): Promise<Page<GuideSummaryDto>> {
  requirePermission(principal, "guides:read");
  const limit = pageLimit(query.limit);
  const conditions: (SQL | undefined)[] = [readableGuides(principal), afterCursor(guides.id, query.cursor)];
  if (query.is_published !== undefined) conditions.push(eq(guides.isPublished, query.is_published));
  if (query.format) conditions.push(eq(formats.code, query.format));
  if (query.q) {
    // Admins know guides by name, readers by the title they see: either matches.
    conditions.push(
      sql`(${containsText(guides.name, query.q)} or exists (select 1 from ${guideTranslations} where ${guideTranslations.guideId} = ${guides.id} and ${containsText(guideTranslations.title, query.q)}))`,
    );
  }
  const rows = await db
    .select({ guide: guides, format: formats.code })
    .from(guides)
    .innerJoin(formats, eq(formats.id, guides.formatId))
    .where(and(...conditions))
    .orderBy(guides.id)
    .limit(limit + 1);
  const items = await summarize(db, principal, rows.slice(0, limit).map(toRecord), query.lang ?? null);
  const last = items.at(-1);
  return { items, next_cursor: rows.length > limit && last ? String(last.id) : null };
}

/** Summaries of guides the principal reads (already filtered), in the reader's language. */
export async function summarize(db: DbOrTx, principal: Principal, records: GuideRecord[], requested: string | null): Promise<GuideSummaryDto[]> {
  const ids = records.map((r) => r.id);
  // One after another: inside a transaction the queries share one connection anyway.
  const translations = await translationsOf(db, ids);
  const acknowledgements = await acknowledgementsOf(db, principal.userId, ids);
  const reader = await readerLanguages(db, principal);
  return records.map((record) =>
    toGuideSummaryDto(record, translations.get(record.id) ?? [], { requested, ...reader }, acknowledgements.get(record.id)?.acknowledgedAt ?? null),
  );
}

/** One guide in the reader's language: requested → own language → entity default → English → any. */
export async function getGuide(db: DbOrTx, principal: Principal, params: { id: number; lang?: string }): Promise<GuideDto> {
  requirePermission(principal, "guides:read");
  return readGuide(db, principal, params.id, params.lang ?? null);
}

async function readGuide(db: DbOrTx, principal: Principal, id: number, requested: string | null): Promise<GuideDto> {
  const guide = await findReadableGuide(db, principal, id);
  const translations = await translationsOf(db, [guide.id]);
  const acknowledgements = await acknowledgementsOf(db, principal.userId, [guide.id]);
  const reader = await readerLanguages(db, principal);
  return toGuideDto(guide, translations.get(guide.id) ?? [], { requested, ...reader }, acknowledgements.get(guide.id) ?? null);
}

export async function createGuide(db: Db, principal: Principal, input: GuideCreateInput): Promise<GuideDto> {
  requirePermission(principal, "guides:write");
  const entityId = input.entity_id ?? principal.entityId;
  return withAudit(db, auditContextOf(principal), async (tx) => {
    await assertOwnEntity(tx, principal, entityId);
    const formatId = await formatIdOf(tx, input.format);
    const translations: { languageId: number; title: string; body: string; mediaUrl: string | null }[] = [];
    for (const [i, t] of input.translations.entries()) {
      assertFitsFormat(input.format, t.media_url, `translations.${i}.media_url`);
      const language = await languageByCode(tx, t.language, `translations.${i}.language`);
      translations.push({ languageId: language.id, title: t.title, body: t.body, mediaUrl: t.media_url ?? null });
    }
    if (new Set(translations.map((t) => t.languageId)).size !== translations.length) {
      throw invalid("translations", "Give each language at most one translation.");
    }
    const [guide] = await tx
      .insert(guides)
      .values({ name: input.name, formatId, entityId, createdBy: principal.userId, isPublished: input.is_published })
      .returning({ id: guides.id });
    if (!guide) throw new Error("insert into guides returned no row");
    await tx.insert(guideTranslations).values(translations.map((t) => ({ ...t, guideId: guide.id })));
    await emitEvent(tx, {
      type: "guide.created",
      entityId,
      actorId: principal.userId,
      payload: { guide_id: guide.id, is_published: input.is_published },
    });
    return readGuide(tx, principal, guide.id, null);
  });
}

export type UpdateGuideParams = { id: number; changes: GuideUpdateInput; ifMatch?: number };

export async function updateGuide(db: Db, principal: Principal, params: UpdateGuideParams): Promise<GuideDto> {
  requirePermission(principal, "guides:write");
  const { changes } = params;
  return withAudit(db, auditContextOf(principal), async (tx) => {
    const current = await lockWritableGuide(tx, principal, params.id);
    assertVersion(current.version, { version: changes.version, ifMatch: params.ifMatch }, "guide");
    if (changes.entity_id !== undefined && changes.entity_id !== current.entityId) await assertOwnEntity(tx, principal, changes.entity_id);
    let formatId: number | undefined;
    if (changes.format !== undefined && changes.format !== current.format) {
      await assertTranslationsFit(tx, current.id, changes.format);
      formatId = await formatIdOf(tx, changes.format);
    }
    const set = {
      name: changes.name === current.name ? undefined : changes.name,
      formatId,
      entityId: changes.entity_id === current.entityId ? undefined : changes.entity_id,
      isPublished: changes.is_published === current.isPublished ? undefined : changes.is_published,
    };
    const changed = Object.entries(set).filter(([, value]) => value !== undefined);
    // A PATCH that changes nothing writes nothing: no version bump, no audit row, no event.
    if (changed.length === 0) return readGuide(tx, principal, current.id, null);
    await tx
      .update(guides)
      .set({ ...set, version: sql`${guides.version} + 1` })
      .where(eq(guides.id, current.id));
    await emitEvent(tx, {
      type: set.isPublished === true ? "guide.published" : "guide.updated",
      entityId: set.entityId ?? current.entityId,
      actorId: principal.userId,
      payload: { guide_id: current.id, changed: changed.map(([key]) => key) },
    });
    return readGuide(tx, principal, current.id, null);
  });
}

/**
 * Deletes a guide with its translations, template links and acknowledgements. A guide linked to
 * checklist items is refused (409): running work validates against it; unpublish it instead.
 */
export async function deleteGuide(db: Db, principal: Principal, params: { id: number; ifMatch?: number }): Promise<void> {
  requirePermission(principal, "guides:write");
  await withAudit(db, auditContextOf(principal), async (tx) => {
    const current = await lockWritableGuide(tx, principal, params.id);
    assertVersion(current.version, { ifMatch: params.ifMatch }, "guide");
    const [linked] = await tx
      .select({ n: sql<number>`count(*)::int` })
      .from(guideables)
      .where(and(eq(guideables.guideId, current.id), eq(guideables.guideableType, "checklist_item")));
    if (linked && linked.n > 0) {
      throw conflict(`This guide validates ${linked.n} checklist item(s) of running work; unpublish it instead of deleting it.`, {
        checklist_items: linked.n,
      });
    }
    const [acknowledged] = await tx
      .select({ n: sql<number>`count(*)::int` })
      .from(guideAcknowledgements)
      .where(eq(guideAcknowledgements.guideId, current.id));
    await tx.delete(guides).where(eq(guides.id, current.id));
    await emitEvent(tx, {
      type: "guide.deleted",
      entityId: current.entityId,
      actorId: principal.userId,
      payload: { guide_id: current.id, acknowledgements_removed: acknowledged?.n ?? 0 },
    });
  });
}

/** A guide is owned by an active entity of the admin's own subtree. */
async function assertOwnEntity(tx: Tx, principal: Principal, entityId: number): Promise<void> {
  const [entity] = await tx
    .select({ isActive: entities.isActive })
    .from(entities)
    .where(and(eq(entities.id, entityId), inEntitySubtree(principal, entities.id)))
    .limit(1);
  if (!entity) throw notFound("entity");
  if (!entity.isActive) throw invalid("entity_id", "This entity is deactivated; choose an active one.");
}

/** Changing the format must leave every translation valid for it (media_url present or absent). */
async function assertTranslationsFit(tx: Tx, guideId: number, format: GuideRecord["format"]): Promise<void> {
  const translations = (await translationsOf(tx, [guideId])).get(guideId) ?? [];
  const misfits = translations.filter((t) => (format === "text") !== (t.mediaUrl === null)).map((t) => t.language);
  if (misfits.length) {
    throw invalid(
      "format",
      format === "text"
        ? `The translations ${misfits.join(", ")} have a media_url, which text guides do not carry; clear it first.`
        : `The translations ${misfits.join(", ")} have no media_url, which ${format} guides need; add it first.`,
    );
  }
}

function invalid(path: string, message: string): ApiError {
  return new ApiError("validation_failed", message, { issues: [{ path, message }] });
}
