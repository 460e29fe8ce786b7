// The org tree: entities with a materialised path ("/1/4/9/") kept correct on create and move.
// Admins create, rename, move and deactivate entities inside their own subtree only.
import "server-only";
import { type SQL, and, eq, sql } from "drizzle-orm";
import type { PgUpdateSetSource } from "drizzle-orm/pg-core";
import { type Db, type DbOrTx, queryRows, type Tx } from "../../db/client";
import { entities, languages, users, type ScoreWeights } from "../../db/schema";
import { ApiError, conflict, forbidden, notFound } from "../api/errors";
import { withAudit } from "../audit/context";
import { auditContextOf, type Principal } from "../auth/principal";
import { visibleEntities } from "../auth/scope";
import { afterCursor, containsText, type Page, pageLimit, toPage } from "../api/pagination";
import { assertVersion, invalidField, languageIdOf, requirePermission, setsAnything } from "./rules";
import type { EntityCreateInput, EntityListQuery, EntityUpdateInput } from "./validators";

export type EntityDto = {
  id: number;
  name: string;
  parent_id: number | null;
  root_id: number | null;
  path: string;
  default_language: string | null;
  time_zone: string;
  advanced_threshold: number;
  score_weights: ScoreWeights | null;
  is_active: boolean;
  created_at: string;
  updated_at: string;
  version: number;
};

export type EntityTreeNode = EntityDto & { active_users: number };

const PATH_MAX = 512;
/** Tree edits of one tenant are serialised, so a create never reads a parent path a concurrent move is rewriting. */
const TREE_LOCK_CLASS = 727100;

const entitySelection = {
  id: entities.id,
  name: entities.name,
  parentId: entities.parentId,
  rootId: entities.rootId,
  path: entities.path,
  defaultLanguage: languages.code,
  timeZone: entities.timeZone,
  advancedThreshold: entities.advancedThreshold,
  scoreWeights: entities.scoreWeights,
  isActive: entities.isActive,
  createdAt: entities.createdAt,
  updatedAt: entities.updatedAt,
  version: entities.version,
};

type EntityRecord = {
  id: number;
  name: string;
  parentId: number | null;
  rootId: number | null;
  path: string;
  defaultLanguage: string | null;
  timeZone: string;
  advancedThreshold: number;
  scoreWeights: ScoreWeights | null;
  isActive: boolean;
  createdAt: Date;
  updatedAt: Date;
  version: number;
};

function toEntityDto(row: EntityRecord): EntityDto {
  return {
    id: row.id,
    name: row.name,
    parent_id: row.parentId,
    root_id: row.rootId,
    path: row.path,
    default_language: row.defaultLanguage,
    time_zone: row.timeZone,
    advanced_threshold: row.advancedThreshold,
    score_weights: row.scoreWeights,
    is_active: row.isActive,
    created_at: row.createdAt.toISOString(),
    updated_at: row.updatedAt.toISOString(),
    version: row.version,
  };
}

function selectEntities(db: DbOrTx) {
  return db.select(entitySelection).from(entities).leftJoin(languages, eq(languages.id, entities.defaultLanguageId));
}

export async function listEntities(db: DbOrTx, principal: Principal, query: EntityListQuery): Promise<Page<EntityDto>> {
  requirePermission(principal, "entities:read");
  const limit = pageLimit(query.limit);
  const conditions: (SQL | undefined)[] = [visibleEntities(principal), afterCursor(entities.id, query.cursor)];
  if (query.parent_id) conditions.push(eq(entities.parentId, query.parent_id));
  if (query.is_active !== undefined) conditions.push(eq(entities.isActive, query.is_active));
  if (query.q) conditions.push(containsText(entities.name, query.q));
  const rows = await selectEntities(db)
    .where(and(...conditions))
    .orderBy(entities.id)
    .limit(limit + 1);
  return toPage(rows, limit, toEntityDto);
}

/** The whole visible tree in path order, with active head counts, for the organisation page. */
export async function entityTree(db: DbOrTx, principal: Principal): Promise<EntityTreeNode[]> {
  requirePermission(principal, "entities:read");
  const rows = await db
    .select({
      ...entitySelection,
      activeUsers: sql<number>`(select count(*)::int from ${users} where ${users.entityId} = ${entities.id} and ${users.isActive})`,
    })
    .from(entities)
    .leftJoin(languages, eq(languages.id, entities.defaultLanguageId))
    .where(visibleEntities(principal))
    .orderBy(entities.path)
    .limit(5000);
  return rows.map((row) => ({ ...toEntityDto(row), active_users: row.activeUsers }));
}

export async function getEntity(db: DbOrTx, principal: Principal, params: { id: number }): Promise<EntityDto> {
  requirePermission(principal, "entities:read");
  return readEntity(db, principal, params.id);
}

async function readEntity(db: DbOrTx, principal: Principal, id: number): Promise<EntityDto> {
  const [row] = await selectEntities(db)
    .where(and(eq(entities.id, id), visibleEntities(principal)))
    .limit(1);
  if (!row) throw notFound("entity");
  return toEntityDto(row);
}

export async function createEntity(db: Db, principal: Principal, input: EntityCreateInput): Promise<EntityDto> {
  requirePermission(principal, "entities:write");
  return withAudit(db, auditContextOf(principal), async (tx) => {
    await lockTree(tx, principal);
    const parent = await activeParent(tx, principal, input.parent_id);
    const defaultLanguageId = await languageIdOf(tx, input.default_language ?? null, "default_language");
    // The id is reserved first so path and root_id are right in the one insert: one audit row,
    // and no moment where the row exists with a wrong path.
    const id = await nextEntityId(tx);
    const path = `${parent.path}${id}/`;
    if (path.length > PATH_MAX) throw invalidField("parent_id", "The tree is too deep below this parent.");
    await tx.insert(entities).values({
      id,
      name: input.name,
      parentId: parent.id,
      rootId: parent.rootId ?? parent.id,
      path,
      defaultLanguageId,
      timeZone: input.time_zone,
      advancedThreshold: input.advanced_threshold,
      scoreWeights: input.score_weights ?? null,
    });
    return readEntity(tx, principal, id);
  });
}

export type UpdateEntityParams = { id: number; changes: EntityUpdateInput; ifMatch?: number };

export async function updateEntity(db: Db, principal: Principal, params: UpdateEntityParams): Promise<EntityDto> {
  requirePermission(principal, "entities:write");
  const { changes } = params;
  return withAudit(db, auditContextOf(principal), async (tx) => {
    await lockTree(tx, principal);
    const current = await lockEntity(tx, principal, params.id);
    assertVersion(current.version, { version: changes.version, ifMatch: params.ifMatch }, "entity");

    const set: PgUpdateSetSource<typeof entities> = {
      name: changes.name,
      timeZone: changes.time_zone,
      advancedThreshold: changes.advanced_threshold,
      scoreWeights: changes.score_weights,
    };
    if (changes.default_language !== undefined) {
      set.defaultLanguageId = await languageIdOf(tx, changes.default_language, "default_language");
    }
    if (changes.is_active === false && current.isActive) await assertDeactivatable(tx, principal, current.id);
    if (changes.is_active === true && !current.isActive) await assertParentActive(tx, current.parentId);
    if (changes.is_active !== undefined) set.isActive = changes.is_active;
    if (changes.parent_id !== undefined && changes.parent_id !== current.parentId) {
      Object.assign(set, await moveSubtree(tx, principal, current, changes.parent_id));
    }
    if (!setsAnything(set)) return readEntity(tx, principal, current.id);
    await tx
      .update(entities)
      .set({ ...set, version: sql`${entities.version} + 1` })
      .where(eq(entities.id, current.id));
    return readEntity(tx, principal, current.id);
  });
}

/** DELETE deactivates: an entity keeps its history; it is refused while people or units still work in it. */
export async function deactivateEntity(db: Db, principal: Principal, params: { id: number; ifMatch?: number }): Promise<EntityDto> {
  requirePermission(principal, "entities:write");
  return withAudit(db, auditContextOf(principal), async (tx) => {
    await lockTree(tx, principal);
    const current = await lockEntity(tx, principal, params.id);
    assertVersion(current.version, { ifMatch: params.ifMatch }, "entity");
    if (current.isActive) {
      await assertDeactivatable(tx, principal, current.id);
      await tx
        .update(entities)
        .set({ isActive: false, version: sql`${entities.version} + 1` })
        .where(eq(entities.id, current.id));
    }
    return readEntity(tx, principal, current.id);
  });
}

// ── tree rules ───────────────────────────────────────────────────────────────────────────────

type LockedEntity = { id: number; parentId: number | null; rootId: number | null; path: string; isActive: boolean; version: number };

async function lockTree(tx: Tx, principal: Principal): Promise<void> {
  const tenant = Number(principal.entityPath.split("/")[1]);
  await tx.execute(sql`select pg_advisory_xact_lock(${TREE_LOCK_CLASS}, ${tenant}::int)`);
}

async function lockEntity(tx: Tx, principal: Principal, id: number): Promise<LockedEntity> {
  const [row] = await tx
    .select({ id: entities.id, parentId: entities.parentId, rootId: entities.rootId, path: entities.path, isActive: entities.isActive, version: entities.version })
    .from(entities)
    .where(and(eq(entities.id, id), visibleEntities(principal)))
    .for("update");
  if (!row) throw notFound("entity");
  return row;
}

/** A parent inside the admin's own subtree; anything else is answered as unknown. */
async function activeParent(tx: Tx, principal: Principal, parentId: number): Promise<LockedEntity> {
  const [parent] = await tx
    .select({ id: entities.id, parentId: entities.parentId, rootId: entities.rootId, path: entities.path, isActive: entities.isActive, version: entities.version })
    .from(entities)
    .where(and(eq(entities.id, parentId), visibleEntities(principal)))
    .limit(1);
  if (!parent) throw notFound("parent entity");
  if (!parent.isActive) throw invalidField("parent_id", "This parent entity is deactivated; choose an active one.");
  return parent;
}

/** Rewrites the path prefix of every descendant; returns the moved entity's own new columns. */
async function moveSubtree(tx: Tx, principal: Principal, current: LockedEntity, parentId: number): Promise<PgUpdateSetSource<typeof entities>> {
  const parent = await activeParent(tx, principal, parentId);
  if (parent.path.startsWith(current.path)) {
    throw invalidField("parent_id", "An entity cannot move below itself or one of its own descendants.");
  }
  const newPath = `${parent.path}${current.id}/`;
  const rootId = parent.rootId ?? parent.id;
  const [deepest] = await queryRows<{ length: number | null }>(
    tx,
    sql`select max(length(${entities.path}))::int as length from ${entities} where ${entities.path} like ${`${current.path}%`}`,
  );
  if ((deepest?.length ?? current.path.length) - current.path.length + newPath.length > PATH_MAX) {
    throw invalidField("parent_id", "The tree would be too deep below this parent.");
  }
  await tx
    .update(entities)
    .set({ path: sql`${newPath} || substr(${entities.path}, ${current.path.length + 1})`, rootId })
    .where(and(sql`${entities.path} like ${`${current.path}%`}`, sql`${entities.id} <> ${current.id}`));
  return { parentId: parent.id, path: newPath, rootId };
}

async function assertDeactivatable(tx: Tx, principal: Principal, id: number): Promise<void> {
  if (id === principal.entityId) throw forbidden("You cannot deactivate the entity you belong to; ask an admin above it.");
  const [counts] = await queryRows<{ users: number; children: number }>(
    tx,
    sql`select
      (select count(*)::int from ${users} where ${users.entityId} = ${id} and ${users.isActive}) as users,
      (select count(*)::int from ${entities} where ${entities.parentId} = ${id} and ${entities.isActive}) as children`,
  );
  if (counts && (counts.users > 0 || counts.children > 0)) {
    throw conflict(
      `This entity still has ${counts.users} active user(s) and ${counts.children} active child entit${counts.children === 1 ? "y" : "ies"}; move or deactivate them first.`,
      { active_users: counts.users, active_children: counts.children },
    );
  }
}

async function assertParentActive(tx: Tx, parentId: number | null): Promise<void> {
  if (parentId === null) return;
  const [parent] = await tx.select({ isActive: entities.isActive }).from(entities).where(eq(entities.id, parentId)).limit(1);
  if (parent && !parent.isActive) throw invalidField("is_active", "Reactivate the parent entity first.");
}

async function nextEntityId(tx: Tx): Promise<number> {
  const [row] = await queryRows<{ id: number }>(tx, sql`select nextval(pg_get_serial_sequence('entities', 'id'))::int as id`);
  if (row?.id === undefined) throw new ApiError("internal", "Could not reserve an entity id.");
  return row.id;
}
