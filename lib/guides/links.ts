// Guideables: a guide attached to a template, a step template or a checklist item. Admins link any
// guide they can read (their organisation's or a global one) to targets of their own subtree;
// everyone lists the guides of a target they can see. Other services call unlinkGuidesFrom when
// they delete targets, since the polymorphic link has no foreign key to cascade.
import "server-only";
import { and, eq, inArray } from "drizzle-orm";
import type { Db, DbOrTx } from "../../db/client";
import { formats, GUIDEABLE_TYPES, guideables, guides, type GuideableType } from "../../db/schema";
import { notFound } from "../api/errors";
import { withAudit } from "../audit/context";
import { auditContextOf, type Principal } from "../auth/principal";
import { emitEvent } from "../realtime/outbox";
import { findReadableGuide, readableGuides, requirePermission, toRecord } from "./access";
import type { GuideSummaryDto } from "./dto";
import { summarize } from "./service";
import { assertTarget, targetAccess } from "./targets";
import type { GuideableQuery, GuideLinkInput } from "./validators";

export type GuideLinkDto = { guide_id: number; guideable_type: GuideableType; guideable_id: number; created_at: string };

export async function linkGuide(db: Db, principal: Principal, params: { id: number; input: GuideLinkInput }): Promise<{ created: boolean; link: GuideLinkDto }> {
  requirePermission(principal, "guides:write");
  const { guideable_type: type, guideable_id: targetId } = params.input;
  return withAudit(db, auditContextOf(principal), async (tx) => {
    const guide = await findReadableGuide(tx, principal, params.id);
    const target = await assertTarget(tx, principal, type, targetId, "write");
    const [inserted] = await tx
      .insert(guideables)
      .values({ guideId: guide.id, guideableType: type, guideableId: targetId })
      .onConflictDoNothing()
      .returning();
    // Linking twice is answered with the existing link, not duplicated.
    const row = inserted ?? (await findLink(tx, guide.id, type, targetId));
    if (!row) throw notFound("link");
    if (inserted) {
      await emitEvent(tx, {
        type: "guide.linked",
        entityId: target.entityId,
        actorId: principal.userId,
        payload: { guide_id: guide.id, guideable_type: type, guideable_id: targetId },
      });
    }
    return { created: inserted !== undefined, link: toLinkDto(row) };
  });
}

export async function unlinkGuide(db: Db, principal: Principal, params: { id: number; input: GuideLinkInput }): Promise<void> {
  requirePermission(principal, "guides:write");
  const { guideable_type: type, guideable_id: targetId } = params.input;
  await withAudit(db, auditContextOf(principal), async (tx) => {
    const guide = await findReadableGuide(tx, principal, params.id);
    const target = await assertTarget(tx, principal, type, targetId, "write");
    const removed = await tx
      .delete(guideables)
      .where(and(eq(guideables.guideId, guide.id), eq(guideables.guideableType, type), eq(guideables.guideableId, targetId)))
      .returning({ guideId: guideables.guideId });
    if (!removed.length) throw notFound("link");
    await emitEvent(tx, {
      type: "guide.unlinked",
      entityId: target.entityId,
      actorId: principal.userId,
      payload: { guide_id: guide.id, guideable_type: type, guideable_id: targetId },
    });
  });
}

/** Where a guide is used, limited to the targets the principal may see. */
export async function listGuideLinks(db: DbOrTx, principal: Principal, params: { id: number }): Promise<{ items: GuideLinkDto[] }> {
  requirePermission(principal, "guides:read");
  const guide = await findReadableGuide(db, principal, params.id);
  const links = await db.select().from(guideables).where(eq(guideables.guideId, guide.id)).orderBy(guideables.guideableType, guideables.guideableId);
  const visible = new Set<string>();
  for (const type of GUIDEABLE_TYPES) {
    const ids = links.filter((l) => l.guideableType === type).map((l) => l.guideableId);
    for (const target of await targetAccess(db, principal, type, ids)) if (target.readable) visible.add(`${type}:${target.id}`);
  }
  return { items: links.filter((l) => visible.has(`${l.guideableType}:${l.guideableId}`)).map(toLinkDto) };
}

/** GET /api/guideables — the guides of one target the principal sees, in the reader's language. */
export async function guidesForTarget(db: DbOrTx, principal: Principal, query: GuideableQuery): Promise<{ items: GuideSummaryDto[] }> {
  requirePermission(principal, "guides:read");
  await assertTarget(db, principal, query.type, query.id, "read");
  const rows = await db
    .select({ guide: guides, format: formats.code })
    .from(guideables)
    .innerJoin(guides, eq(guides.id, guideables.guideId))
    .innerJoin(formats, eq(formats.id, guides.formatId))
    .where(and(eq(guideables.guideableType, query.type), eq(guideables.guideableId, query.id), readableGuides(principal)))
    .orderBy(guides.id);
  return { items: await summarize(db, principal, rows.map(toRecord), query.lang ?? null) };
}

export type LinkedGuide = { id: number; name: string; isPublished: boolean; version: number };

/**
 * The guides linked to a checklist item, for the checklist validation rule: an item that requires
 * validation completes once its assignee has acknowledged them (hasAcknowledged) or a manager
 * validates it. No principal: the caller has already authorized the item.
 */
export async function guidesForChecklistItem(db: DbOrTx, itemId: number): Promise<LinkedGuide[]> {
  return db
    .select({ id: guides.id, name: guides.name, isPublished: guides.isPublished, version: guides.version })
    .from(guideables)
    .innerJoin(guides, eq(guides.id, guideables.guideId))
    .where(and(eq(guideables.guideableType, "checklist_item"), eq(guideables.guideableId, itemId)))
    .orderBy(guides.id);
}

/** Removes the links of deleted targets (call it in the deleting transaction); returns how many went. */
export async function unlinkGuidesFrom(tx: DbOrTx, type: GuideableType, targetIds: readonly number[]): Promise<number> {
  if (!targetIds.length) return 0;
  const removed = await tx
    .delete(guideables)
    .where(and(eq(guideables.guideableType, type), inArray(guideables.guideableId, [...targetIds])))
    .returning({ guideId: guideables.guideId });
  return removed.length;
}

async function findLink(db: DbOrTx, guideId: number, type: GuideableType, targetId: number) {
  const [row] = await db
    .select()
    .from(guideables)
    .where(and(eq(guideables.guideId, guideId), eq(guideables.guideableType, type), eq(guideables.guideableId, targetId)))
    .limit(1);
  return row;
}

function toLinkDto(row: typeof guideables.$inferSelect): GuideLinkDto {
  return { guide_id: row.guideId, guideable_type: row.guideableType, guideable_id: row.guideableId, created_at: row.createdAt.toISOString() };
}
