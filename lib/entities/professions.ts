// Professions (job families): everyone in an organisation reads its professions; admins write
// the ones owned by their entity subtree. A profession with no entity is shared by every tenant.
import "server-only";
import { type SQL, and, eq, ne, sql } from "drizzle-orm";
import type { Db, DbOrTx, Tx } from "../../db/client";
import { professions, type Profession } from "../../db/schema";
import { conflict, forbidden, notFound } from "../api/errors";
import { withAudit } from "../audit/context";
import { auditContextOf, type Principal } from "../auth/principal";
import { inEntitySubtree } from "../auth/scope";
import { afterCursor, containsText, type Page, pageLimit, toPage } from "../api/pagination";
import { ensureSpecializationLevels } from "../specializations/levels";
import { requirePermission } from "./rules";
import type { ProfessionCreateInput, ProfessionListQuery, ProfessionUpdateInput } from "./validators";

export type ProfessionDto = {
  id: number;
  name: string;
  description: string | null;
  entity_id: number | null;
  is_active: boolean;
  created_at: string;
  updated_at: string;
};

/** The principal's tenant: the root of their entity path ("/1/4/" → "/1/"). */
function tenantPath(principal: Principal): string {
  const root = principal.entityPath.split("/")[1] ?? "";
  return `/${root}/`;
}

/** Professions of the principal's whole organisation (not only their subtree), plus shared ones. */
export function visibleProfessions(principal: Principal): SQL {
  return sql`(${professions.entityId} is null or ${inEntitySubtree({ entityPath: tenantPath(principal) }, professions.entityId)})`;
}

/**
 * Which of the visible professions this admin may change: their subtree's. Shared professions
 * (no entity) belong to every organisation, so no organisation's admin may change them over the API.
 */
function writableProfessions(principal: Principal): SQL {
  return inEntitySubtree(principal, professions.entityId);
}

export function toProfessionDto(row: Profession): ProfessionDto {
  return {
    id: row.id,
    name: row.name,
    description: row.description,
    entity_id: row.entityId,
    is_active: row.isActive,
    created_at: row.createdAt.toISOString(),
    updated_at: row.updatedAt.toISOString(),
  };
}

export async function listProfessions(db: DbOrTx, principal: Principal, query: ProfessionListQuery): Promise<Page<ProfessionDto>> {
  requirePermission(principal, "professions:read");
  const limit = pageLimit(query.limit);
  const rows = await db
    .select()
    .from(professions)
    .where(
      and(
        visibleProfessions(principal),
        afterCursor(professions.id, query.cursor),
        query.is_active === undefined ? undefined : eq(professions.isActive, query.is_active),
        query.q ? containsText(professions.name, query.q) : undefined,
      ),
    )
    .orderBy(professions.id)
    .limit(limit + 1);
  return toPage(rows, limit, toProfessionDto);
}

export async function getProfession(db: DbOrTx, principal: Principal, params: { id: number }): Promise<ProfessionDto> {
  requirePermission(principal, "professions:read");
  const [row] = await db
    .select()
    .from(professions)
    .where(and(eq(professions.id, params.id), visibleProfessions(principal)))
    .limit(1);
  if (!row) throw notFound("profession");
  return toProfessionDto(row);
}

export async function createProfession(db: Db, principal: Principal, input: ProfessionCreateInput): Promise<ProfessionDto> {
  requirePermission(principal, "professions:write");
  return withAudit(db, auditContextOf(principal), async (tx) => {
    await assertNameFree(tx, principal, input.name, null);
    const [row] = await tx
      .insert(professions)
      .values({
        name: input.name,
        description: input.description ?? null,
        // Owned by the creator's entity, so admins of that subtree (and above) can maintain it.
        entityId: principal.entityId,
        isActive: input.is_active ?? true,
      })
      .returning();
    if (!row) throw new Error("insert into professions returned no row");
    // Every profession has its three specialization levels from the start.
    await ensureSpecializationLevels(tx, [row.id]);
    return toProfessionDto(row);
  });
}

export type UpdateProfessionParams = { id: number; changes: ProfessionUpdateInput };

export async function updateProfession(db: Db, principal: Principal, params: UpdateProfessionParams): Promise<ProfessionDto> {
  requirePermission(principal, "professions:write");
  const { changes } = params;
  return withAudit(db, auditContextOf(principal), async (tx) => {
    const current = await lockWritable(tx, principal, params.id);
    if (changes.name !== undefined) await assertNameFree(tx, principal, changes.name, current.id);
    const set = { name: changes.name, description: changes.description, isActive: changes.is_active };
    if (Object.values(set).every((value) => value === undefined)) return toProfessionDto(current);
    const [row] = await tx.update(professions).set(set).where(eq(professions.id, current.id)).returning();
    if (!row) throw notFound("profession");
    return toProfessionDto(row);
  });
}

/** DELETE deactivates: task templates and users keep their link, but it is no longer offered. */
export async function deactivateProfession(db: Db, principal: Principal, params: { id: number }): Promise<ProfessionDto> {
  requirePermission(principal, "professions:write");
  return withAudit(db, auditContextOf(principal), async (tx) => {
    const current = await lockWritable(tx, principal, params.id);
    if (!current.isActive) return toProfessionDto(current);
    const [row] = await tx.update(professions).set({ isActive: false }).where(eq(professions.id, current.id)).returning();
    if (!row) throw notFound("profession");
    return toProfessionDto(row);
  });
}

/** Invisible → 404; visible but owned by another part of the organisation → 403 (its existence is no secret). */
async function lockWritable(tx: Tx, principal: Principal, id: number): Promise<Profession> {
  const [found] = await tx
    .select({ row: professions, writable: sql<boolean>`${writableProfessions(principal)}` })
    .from(professions)
    .where(and(eq(professions.id, id), visibleProfessions(principal)))
    .for("update");
  if (!found) throw notFound("profession");
  if (!found.writable) throw forbidden("This profession is maintained by another part of the organisation.");
  return found.row;
}

async function assertNameFree(tx: Tx, principal: Principal, name: string, exceptId: number | null): Promise<void> {
  const [taken] = await tx
    .select({ id: professions.id })
    .from(professions)
    .where(
      and(
        visibleProfessions(principal),
        sql`lower(${professions.name}) = lower(${name})`,
        exceptId === null ? undefined : ne(professions.id, exceptId),
      ),
    )
    .limit(1);
  if (taken) throw conflict(`A profession named “${name}” already exists.`, { field: "name" });
}
