// Which guides a principal reads and which they may change. Readers see the published guides of
// their whole organisation plus the global ones (entity_id null); authors (guides:write) also see
// the drafts of their own subtree and change only guides of that subtree. Global guides are
// maintained by the operator, never over the API. A guide outside what one reads is a 404.
import "server-only";
import { type SQL, and, eq, sql } from "drizzle-orm";
import type { DbOrTx } from "../../db/client";
import { formats, guides, type FormatCode, type Guide } from "../../db/schema";
import { forbidden, notFound } from "../api/errors";
import { authorize } from "../api/handler";
import { roleAllows, type Permission } from "../auth/permissions";
import type { Principal } from "../auth/principal";
import { inEntitySubtree } from "../auth/scope";

export type GuideRecord = Guide & { format: FormatCode };

/**
 * Services check the permission again although routes already did: server components and other
 * services call them directly, and a check that depends on the caller is a hole.
 */
export function requirePermission(principal: Principal, permission: Permission): void {
  authorize(principal, permission);
}

/** The principal's tenant root ("/1/4/9/" → "/1/"): everyone reads their organisation's guides. */
export function organisationPath(principal: Pick<Principal, "entityPath">): string {
  return `/${principal.entityPath.split("/")[1] ?? ""}/`;
}

/** Authors see their subtree's drafts; a read-only token of an author still reads what its owner reads. */
function isAuthor(principal: Principal): boolean {
  return roleAllows(principal.role, "guides:write");
}

/** Guides the principal may read. */
export function readableGuides(principal: Principal): SQL {
  const inOrganisation = sql`(${guides.entityId} is null or ${inEntitySubtree({ entityPath: organisationPath(principal) }, guides.entityId)})`;
  const shown = isAuthor(principal) ? sql`(${guides.isPublished} or ${inEntitySubtree(principal, guides.entityId)})` : sql`${guides.isPublished}`;
  return sql`(${inOrganisation} and ${shown})`;
}

/** Guides the principal may change: those of their own subtree (a null entity is in no subtree). */
export function writableGuides(principal: Principal): SQL {
  return inEntitySubtree(principal, guides.entityId);
}

const guideColumns = { guide: guides, format: formats.code };

export function toRecord(row: { guide: Guide; format: FormatCode }): GuideRecord {
  return { ...row.guide, format: row.format };
}

/** A guide the principal reads, or 404. */
export async function findReadableGuide(db: DbOrTx, principal: Principal, id: number): Promise<GuideRecord & { writable: boolean }> {
  const [row] = await db
    .select({ ...guideColumns, writable: sql<boolean>`coalesce(${writableGuides(principal)}, false)` })
    .from(guides)
    .innerJoin(formats, eq(formats.id, guides.formatId))
    .where(and(eq(guides.id, id), readableGuides(principal)))
    .limit(1);
  if (!row) throw notFound("guide");
  return { ...toRecord(row), writable: row.writable };
}

/**
 * Locks a guide the principal may change (FOR UPDATE, so concurrent writes to it and its
 * translations serialize). Unreadable → 404; readable but owned elsewhere or global → 403,
 * since its existence is no secret to this reader.
 */
export async function lockWritableGuide(db: DbOrTx, principal: Principal, id: number): Promise<GuideRecord> {
  const [row] = await db
    .select({ ...guideColumns, writable: sql<boolean>`coalesce(${writableGuides(principal)}, false)` })
    .from(guides)
    .innerJoin(formats, eq(formats.id, guides.formatId))
    .where(and(eq(guides.id, id), readableGuides(principal)))
    .for("update", { of: guides });
  if (!row) throw notFound("guide");
  if (!row.writable) {
    throw forbidden(
      row.guide.entityId === null
        ? "Global guides are maintained by the operator and cannot be changed over the API."
        : "This guide is maintained by another part of the organisation.",
    );
  }
  return toRecord(row);
}
