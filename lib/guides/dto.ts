// The JSON shapes of guides (snake_case), and loading a guide's translations with their language
// codes so a reader can be served the best one.
import "server-only";
import { asc, eq, inArray } from "drizzle-orm";
import type { DbOrTx } from "../../db/client";
import { guideTranslations, languages, type FormatCode, type GuideTranslation } from "../../db/schema";
import { ApiError } from "../api/errors";
import type { GuideRecord } from "./access";
import { chooseLanguage, type LanguageSource, type ReaderLanguages } from "./languages";

export type TranslationRecord = GuideTranslation & { language: string };

export type TranslationDto = {
  language: string;
  title: string;
  body: string;
  media_url: string | null;
  version: number;
  created_at: string;
  updated_at: string;
};

export type AcknowledgementDto = {
  acknowledged_at: string;
  guide_version: number;
  language: string | null;
  /** False once the guide changed after it was acknowledged: the reader may want to read it again. */
  is_current: boolean;
};

export type GuideDto = {
  id: number;
  name: string;
  format: FormatCode;
  entity_id: number | null;
  is_published: boolean;
  version: number;
  created_at: string;
  updated_at: string;
  /** Whether the caller may change this guide (admins of its subtree). */
  editable: boolean;
  requested_language: string | null;
  /** The language served, and which step of the fallback chain chose it (null: no translation yet). */
  language: string | null;
  language_source: LanguageSource | null;
  available_languages: string[];
  translation: TranslationDto | null;
  acknowledgement: AcknowledgementDto | null;
};

export type GuideSummaryDto = {
  id: number;
  name: string;
  format: FormatCode;
  entity_id: number | null;
  is_published: boolean;
  version: number;
  updated_at: string;
  language: string | null;
  /** The served translation's title; the guide's name while it has no translation. */
  title: string;
  available_languages: string[];
  acknowledged_at: string | null;
};

export function toTranslationDto(row: TranslationRecord): TranslationDto {
  return {
    language: row.language,
    title: row.title,
    body: row.body,
    media_url: row.mediaUrl,
    version: row.version,
    created_at: row.createdAt.toISOString(),
    updated_at: row.updatedAt.toISOString(),
  };
}

/** Translations of the given guides, by guide id, each list ordered by language code. */
export async function translationsOf(db: DbOrTx, guideIds: readonly number[]): Promise<Map<number, TranslationRecord[]>> {
  const byGuide = new Map<number, TranslationRecord[]>();
  if (!guideIds.length) return byGuide;
  const rows = await db
    .select({ translation: guideTranslations, language: languages.code })
    .from(guideTranslations)
    .innerJoin(languages, eq(languages.id, guideTranslations.languageId))
    .where(inArray(guideTranslations.guideId, [...guideIds]))
    .orderBy(asc(languages.code));
  for (const { translation, language } of rows) {
    const list = byGuide.get(translation.guideId) ?? [];
    list.push({ ...translation, language });
    byGuide.set(translation.guideId, list);
  }
  return byGuide;
}

/**
 * The translation to serve. The API keeps at least one per guide, but rows written outside it
 * (seed, operator) may have none yet: then nothing is served rather than the read failing.
 */
export function serveTranslation(
  translations: readonly TranslationRecord[],
  preferences: { requested?: string | null } & ReaderLanguages,
): { translation: TranslationRecord; source: LanguageSource } | undefined {
  const chosen = chooseLanguage(
    translations.map((t) => t.language),
    preferences,
  );
  const translation = chosen && translations.find((t) => t.language === chosen.code);
  return chosen && translation ? { translation, source: chosen.source } : undefined;
}

export function toGuideDto(
  guide: GuideRecord & { writable: boolean },
  translations: readonly TranslationRecord[],
  preferences: { requested?: string | null } & ReaderLanguages,
  acknowledgement: { acknowledgedAt: Date; guideVersion: number; language: string | null } | null,
): GuideDto {
  const served = serveTranslation(translations, preferences);
  return {
    id: guide.id,
    name: guide.name,
    format: guide.format,
    entity_id: guide.entityId,
    is_published: guide.isPublished,
    version: guide.version,
    created_at: guide.createdAt.toISOString(),
    updated_at: guide.updatedAt.toISOString(),
    editable: guide.writable,
    requested_language: preferences.requested ?? null,
    language: served?.translation.language ?? null,
    language_source: served?.source ?? null,
    available_languages: translations.map((t) => t.language),
    translation: served ? toTranslationDto(served.translation) : null,
    acknowledgement: acknowledgement && {
      acknowledged_at: acknowledgement.acknowledgedAt.toISOString(),
      guide_version: acknowledgement.guideVersion,
      language: acknowledgement.language,
      is_current: acknowledgement.guideVersion === guide.version,
    },
  };
}

export function toGuideSummaryDto(
  guide: GuideRecord,
  translations: readonly TranslationRecord[],
  preferences: { requested?: string | null } & ReaderLanguages,
  acknowledgedAt: Date | null,
): GuideSummaryDto {
  const served = serveTranslation(translations, preferences);
  return {
    id: guide.id,
    name: guide.name,
    format: guide.format,
    entity_id: guide.entityId,
    is_published: guide.isPublished,
    version: guide.version,
    updated_at: guide.updatedAt.toISOString(),
    language: served?.translation.language ?? null,
    title: served?.translation.title ?? guide.name,
    available_languages: translations.map((t) => t.language),
    acknowledged_at: acknowledgedAt?.toISOString() ?? null,
  };
}

/** Text guides carry no media; video and interactive guides need their https content URL. */
export function assertFitsFormat(format: FormatCode, mediaUrl: string | null | undefined, path: string): void {
  const message =
    format === "text"
      ? mediaUrl
        ? "Text guides have no media_url; use the video or interactive format for embedded content."
        : null
      : mediaUrl
        ? null
        : `A ${format} guide needs a media_url (an https:// URL of its ${format === "video" ? "video" : "interactive content"}).`;
  if (message) throw new ApiError("validation_failed", message, { issues: [{ path, message }] });
}
