// A guide's translations: at most one per language (the database's unique key), written by PUT
// as an upsert — the first PUT for a language creates it, later ones replace it under its own
// version. A guide keeps at least one translation, so the last one cannot be deleted. Every
// content change also bumps the guide's version: that is the version readers acknowledge.
import "server-only";
import { and, eq, sql } from "drizzle-orm";
import type { Db, DbOrTx, Tx } from "../../db/client";
import { guides, guideTranslations, languages } from "../../db/schema";
import { ApiError, conflict, notFound } from "../api/errors";
import { assertVersion } from "../api/versioning";
import { withAudit } from "../audit/context";
import { auditContextOf, type Principal } from "../auth/principal";
import { emitEvent } from "../realtime/outbox";
import { type GuideRecord, findReadableGuide, lockWritableGuide, requirePermission } from "./access";
import { assertFitsFormat, toTranslationDto, type TranslationDto, translationsOf } from "./dto";
import { languageByCode } from "./languages";
import type { TranslationUpsertInput } from "./validators";

/** Every translation of a guide the principal reads (for editors and language pickers). */
export async function listTranslations(db: DbOrTx, principal: Principal, params: { id: number }): Promise<{ items: TranslationDto[] }> {
  requirePermission(principal, "guides:read");
  const guide = await findReadableGuide(db, principal, params.id);
  return { items: ((await translationsOf(db, [guide.id])).get(guide.id) ?? []).map(toTranslationDto) };
}

/** Exactly this language's translation, without fallback: what an editor loads before a PUT. */
export async function getTranslation(db: DbOrTx, principal: Principal, params: { id: number; language: string }): Promise<TranslationDto> {
  requirePermission(principal, "guides:read");
  const guide = await findReadableGuide(db, principal, params.id);
  const found = await findTranslation(db, guide.id, params.language, false);
  if (!found) throw notFound("translation");
  return toTranslationDto(found);
}

export type UpsertTranslationParams = {
  id: number;
  language: string;
  input: TranslationUpsertInput;
  /** If-Match: the translation version the client read (stale → 412; no translation yet → 412). */
  ifMatch?: number;
  /** If-None-Match: * — create only; an existing translation is answered 412 instead of replaced. */
  createOnly?: boolean;
};

export async function upsertTranslation(
  db: Db,
  principal: Principal,
  params: UpsertTranslationParams,
): Promise<{ created: boolean; translation: TranslationDto }> {
  requirePermission(principal, "guides:write");
  const { input } = params;
  return withAudit(db, auditContextOf(principal), async (tx) => {
    // The guide row lock serializes writers of its translations: no lost update, no duplicate insert.
    const guide = await lockWritableGuide(tx, principal, params.id);
    const language = await languageByCode(tx, params.language, "language");
    assertFitsFormat(guide.format, input.media_url, "media_url");
    const content = { title: input.title, body: input.body, mediaUrl: input.media_url ?? null };
    const existing = await findTranslation(tx, guide.id, language.code, true);
    if (existing) {
      if (params.createOnly) {
        throw new ApiError("precondition_failed", `This guide already has a ${language.code} translation (If-None-Match: *).`, {
          extra: { current_version: existing.version },
        });
      }
      assertVersion(existing.version, { version: input.version, ifMatch: params.ifMatch }, "translation");
      const unchanged = existing.title === content.title && existing.body === content.body && existing.mediaUrl === content.mediaUrl;
      if (unchanged) return { created: false, translation: toTranslationDto(existing) };
      const [row] = await tx
        .update(guideTranslations)
        .set({ ...content, version: sql`${guideTranslations.version} + 1` })
        .where(eq(guideTranslations.id, existing.id))
        .returning();
      if (!row) throw notFound("translation");
      await contentChanged(tx, principal, guide, "guide.translation_updated", language.code);
      return { created: false, translation: toTranslationDto({ ...row, language: language.code }) };
    }
    if (params.ifMatch !== undefined) {
      throw new ApiError("precondition_failed", `This guide has no ${language.code} translation to match (If-Match).`);
    }
    if (input.version !== undefined) throw conflict(`This guide has no ${language.code} translation any more; it may have been deleted.`);
    const [row] = await tx
      .insert(guideTranslations)
      .values({ ...content, guideId: guide.id, languageId: language.id })
      .returning();
    if (!row) throw new Error("insert into guide_translations returned no row");
    await contentChanged(tx, principal, guide, "guide.translation_created", language.code);
    return { created: true, translation: toTranslationDto({ ...row, language: language.code }) };
  });
}

export async function deleteTranslation(db: Db, principal: Principal, params: { id: number; language: string; ifMatch?: number }): Promise<void> {
  requirePermission(principal, "guides:write");
  await withAudit(db, auditContextOf(principal), async (tx) => {
    const guide = await lockWritableGuide(tx, principal, params.id);
    const existing = await findTranslation(tx, guide.id, params.language, true);
    if (!existing) throw notFound("translation");
    assertVersion(existing.version, { ifMatch: params.ifMatch }, "translation");
    const [count] = await tx
      .select({ n: sql<number>`count(*)::int` })
      .from(guideTranslations)
      .where(eq(guideTranslations.guideId, guide.id));
    if ((count?.n ?? 0) <= 1) {
      throw conflict("A guide keeps at least one translation; add another language before deleting this one, or delete the guide.");
    }
    await tx.delete(guideTranslations).where(eq(guideTranslations.id, existing.id));
    await contentChanged(tx, principal, guide, "guide.translation_deleted", existing.language);
  });
}

/** The translation of a language code (matched case-insensitively), or undefined. */
async function findTranslation(db: DbOrTx, guideId: number, code: string, lock: boolean) {
  const query = db
    .select({ translation: guideTranslations, language: languages.code })
    .from(guideTranslations)
    .innerJoin(languages, eq(languages.id, guideTranslations.languageId))
    .where(and(eq(guideTranslations.guideId, guideId), sql`lower(${languages.code}) = lower(${code})`))
    .limit(1);
  const [row] = lock ? await query.for("update", { of: guideTranslations }) : await query;
  return row && { ...row.translation, language: row.language };
}

/** The guide's content changed: its version moves on, so earlier acknowledgements read as not current. */
async function contentChanged(tx: Tx, principal: Principal, guide: GuideRecord, type: string, language: string): Promise<void> {
  await tx
    .update(guides)
    .set({ version: sql`${guides.version} + 1` })
    .where(eq(guides.id, guide.id));
  await emitEvent(tx, { type, entityId: guide.entityId, actorId: principal.userId, payload: { guide_id: guide.id, language } });
}
