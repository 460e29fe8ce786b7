// Acknowledgements: a reader confirms they read a guide. One row per user and guide; acknowledging
// again refreshes the time, language and guide version. The checklist validation rule reads them
// through hasAcknowledged: an item that requires validation completes once the assignee has
// acknowledged its linked guide (or a manager validates it).
import "server-only";
import { and, eq, inArray, sql } from "drizzle-orm";
import type { Db, DbOrTx } from "../../db/client";
import { guideAcknowledgements, guides, languages } from "../../db/schema";
import { ApiError, conflict } from "../api/errors";
import { assertVersion } from "../api/versioning";
import { withAudit } from "../audit/context";
import { auditContextOf, type Principal } from "../auth/principal";
import { emitEvent } from "../realtime/outbox";
import { findReadableGuide, requirePermission } from "./access";
import { type AcknowledgementDto, serveTranslation, translationsOf } from "./dto";
import { matchLanguage, readerLanguages } from "./languages";
import type { AcknowledgeInput } from "./validators";

/** Whether the user has acknowledged the guide (any version of it). */
export async function hasAcknowledged(db: DbOrTx, userId: number, guideId: number): Promise<boolean> {
  const [row] = await db
    .select({ id: guideAcknowledgements.id })
    .from(guideAcknowledgements)
    .where(and(eq(guideAcknowledgements.userId, userId), eq(guideAcknowledgements.guideId, guideId)))
    .limit(1);
  return row !== undefined;
}

export type AcknowledgementRecord = { guideId: number; acknowledgedAt: Date; guideVersion: number; language: string | null };

/** The user's acknowledgements of the given guides, by guide id. */
export async function acknowledgementsOf(db: DbOrTx, userId: number, guideIds: readonly number[]): Promise<Map<number, AcknowledgementRecord>> {
  if (!guideIds.length) return new Map();
  const rows = await db
    .select({
      guideId: guideAcknowledgements.guideId,
      acknowledgedAt: guideAcknowledgements.acknowledgedAt,
      guideVersion: guideAcknowledgements.guideVersion,
      language: languages.code,
    })
    .from(guideAcknowledgements)
    .leftJoin(languages, eq(languages.id, guideAcknowledgements.languageId))
    .where(and(eq(guideAcknowledgements.userId, userId), inArray(guideAcknowledgements.guideId, [...guideIds])));
  return new Map(rows.map((row) => [row.guideId, row]));
}

export type AcknowledgeResult = { created: boolean; acknowledgement: AcknowledgementDto & { guide_id: number; user_id: number } };

/**
 * Records that the principal read a published guide they can see. Idempotent per user and guide:
 * the first call creates the row (created: true), later ones refresh it.
 */
export async function acknowledgeGuide(db: Db, principal: Principal, params: { id: number; input: AcknowledgeInput }): Promise<AcknowledgeResult> {
  requirePermission(principal, "guides:read");
  return withAudit(db, auditContextOf(principal), async (tx) => {
    const guide = await findReadableGuide(tx, principal, params.id);
    // A draft is not yet what readers are asked to read; only its authors see it at all.
    if (!guide.isPublished) throw conflict("This guide is not published; only published guides can be acknowledged.");
    assertVersion(guide.version, { version: params.input.version }, "guide");
    const translations = (await translationsOf(tx, [guide.id])).get(guide.id) ?? [];
    const requested = params.input.language;
    const translation = requested
      ? translations.find((t) => t.language === matchLanguage(requested, translations.map((x) => x.language)))
      : serveTranslation(translations, { requested: null, ...(await readerLanguages(tx, principal)) })?.translation;
    if (requested && !translation) {
      const message = `This guide has no ${requested} translation to acknowledge.`;
      throw new ApiError("validation_failed", message, { issues: [{ path: "language", message }] });
    }
    // A guide with no translation yet (written outside the API) is acknowledged without a language.
    const languageId = translation?.languageId ?? null;
    const [row] = await tx
      .insert(guideAcknowledgements)
      .values({ guideId: guide.id, userId: principal.userId, languageId, guideVersion: guide.version })
      .onConflictDoUpdate({
        target: [guideAcknowledgements.guideId, guideAcknowledgements.userId],
        set: { languageId, guideVersion: guide.version, acknowledgedAt: sql`now()` },
      })
      .returning({
        acknowledgedAt: guideAcknowledgements.acknowledgedAt,
        guideVersion: guideAcknowledgements.guideVersion,
        // xmax is 0 for a row this statement inserted, the updating transaction's id otherwise.
        created: sql<boolean>`(xmax = 0)`,
      });
    if (!row) throw new Error("upsert into guide_acknowledgements returned no row");
    await emitEvent(tx, {
      type: "guide.acknowledged",
      entityId: principal.entityId,
      userId: principal.userId,
      actorId: principal.userId,
      payload: { guide_id: guide.id, language: translation?.language ?? null, guide_version: guide.version, first_time: row.created },
    });
    return {
      created: row.created,
      acknowledgement: {
        guide_id: guide.id,
        user_id: principal.userId,
        acknowledged_at: row.acknowledgedAt.toISOString(),
        guide_version: row.guideVersion,
        language: translation?.language ?? null,
        is_current: true,
      },
    };
  });
}

/** Ids of the given guides that the user has not acknowledged yet (what still blocks a checklist item). */
export async function unacknowledgedGuides(db: DbOrTx, userId: number, guideIds: readonly number[]): Promise<number[]> {
  if (!guideIds.length) return [];
  const rows = await db
    .select({ id: guides.id })
    .from(guides)
    .where(
      and(
        inArray(guides.id, [...guideIds]),
        sql`not exists (select 1 from ${guideAcknowledgements} where ${guideAcknowledgements.guideId} = ${guides.id} and ${guideAcknowledgements.userId} = ${userId})`,
      ),
    )
    .orderBy(guides.id);
  return rows.map((r) => r.id);
}
