// People: list, read, create, update, deactivate and revoke sessions. Admins write users inside
// their entity subtree; managers read their subtree and direct reports; anything else is a 404.
import "server-only";
import { type SQL, and, eq, ne, or, sql } from "drizzle-orm";
import type { PgUpdateSetSource } from "drizzle-orm/pg-core";
import { type Db, type DbOrTx, queryRows, type Tx } from "../../db/client";
import { entities, professions, users } from "../../db/schema";
import { ApiError, conflict, forbidden, notFound } from "../api/errors";
import { withAudit } from "../audit/context";
import { hashPassword } from "../auth/password";
import { auditContextOf, type Principal } from "../auth/principal";
import { visibleEntities, visibleUsers } from "../auth/scope";
import { afterCursor, containsText, type Page, pageLimit, toPage } from "../api/pagination";
import { evaluateSpecializations } from "../specializations/evaluate";
import { visibleProfessions } from "./professions";
import { assertRoleWithin, assertVersion, invalidField, languageIdOf, requirePermission, setsAnything, type ExpectedVersion } from "./rules";
import { encryptPersonalFields, seesPersonalFields, selectUsers, toUserDto, type UserDto } from "./user-record";
import type { UserCreateInput, UserListQuery, UserUpdateInput } from "./validators";

export type { UserDto } from "./user-record";

export async function listUsers(db: DbOrTx, principal: Principal, query: UserListQuery): Promise<Page<UserDto>> {
  requirePermission(principal, "users:read");
  const limit = pageLimit(query.limit);
  const conditions: (SQL | undefined)[] = [visibleUsers(principal), afterCursor(users.id, query.cursor)];
  if (query.role) conditions.push(eq(users.role, query.role));
  if (query.profession_id) conditions.push(eq(users.professionId, query.profession_id));
  if (query.is_active !== undefined) conditions.push(eq(users.isActive, query.is_active));
  if (query.q) conditions.push(or(containsText(users.name, query.q), containsText(users.email, query.q)));
  if (query.entity_id) {
    // The entity and everything below it: "people in Engineering" includes its teams.
    conditions.push(sql`${users.entityId} in (select sub.id from entities sub join entities top
      on sub.path like top.path || '%' where top.id = ${query.entity_id})`);
  }
  const rows = await selectUsers(db)
    .where(and(...conditions))
    .orderBy(users.id)
    .limit(limit + 1);
  // Lists never decrypt personal fields: a page of 100 is not the place to read phone numbers.
  return toPage(rows, limit, (row) => toUserDto(row, false));
}

export async function getUser(db: DbOrTx, principal: Principal, params: { id: number }): Promise<UserDto> {
  requirePermission(principal, "users:read");
  return readUser(db, principal, params.id);
}

async function readUser(db: DbOrTx, principal: Principal, id: number): Promise<UserDto> {
  const [row] = await selectUsers(db)
    .where(and(eq(users.id, id), visibleUsers(principal)))
    .limit(1);
  if (!row) throw notFound("user");
  return toUserDto(row, seesPersonalFields(principal, row.id));
}

export async function createUser(db: Db, principal: Principal, input: UserCreateInput): Promise<UserDto> {
  requirePermission(principal, "users:write");
  assertRoleWithin(principal, input.role);
  // Hashed before the transaction: argon2 takes tens of milliseconds that no lock should wait for.
  const passwordHash = input.password === undefined ? null : await hashPassword(input.password);
  return withEmailConflict(() =>
    withAudit(db, auditContextOf(principal), async (tx) => {
      await assertPlacement(tx, principal, input.entity_id);
      if (input.manager_id != null) await assertManager(tx, principal, input.manager_id, null);
      if (input.profession_id != null) await assertProfession(tx, principal, input.profession_id);
      await assertEmailFree(tx, input.email, null);
      const languageId = await languageIdOf(tx, input.language ?? null, "language");
      // The id is reserved first so the encrypted fields, bound to it, go in with the one insert
      // (one audit row per created user, and no moment where the row exists without them).
      const id = await nextUserId(tx);
      await tx.insert(users).values({
        id,
        email: input.email,
        name: input.name,
        role: input.role,
        entityId: input.entity_id,
        managerId: input.manager_id ?? null,
        professionId: input.profession_id ?? null,
        languageId,
        timeZone: input.time_zone ?? null,
        passwordHash,
        ...encryptPersonalFields(input, id),
      });
      return readUser(tx, principal, id);
    }),
  );
}

export type UpdateUserParams = { id: number; changes: UserUpdateInput; ifMatch?: number };

export async function updateUser(db: Db, principal: Principal, params: UpdateUserParams): Promise<UserDto> {
  requirePermission(principal, "users:write");
  const { changes, id } = params;
  if (changes.role !== undefined) assertRoleWithin(principal, changes.role);
  const passwordHash = changes.password === undefined ? undefined : await hashPassword(changes.password);
  return withEmailConflict(() =>
    withAudit(db, auditContextOf(principal), async (tx) => {
      const target = await lockUser(tx, principal, id, { version: changes.version, ifMatch: params.ifMatch });
      assertRoleWithin(principal, target.role);
      if (target.id === principal.userId) assertNotLockingSelfOut(target, changes);
      if (changes.entity_id !== undefined && changes.entity_id !== target.entityId) await assertPlacement(tx, principal, changes.entity_id);
      if (changes.manager_id != null && changes.manager_id !== target.managerId) await assertManager(tx, principal, changes.manager_id, id);
      if (changes.profession_id != null && changes.profession_id !== target.professionId) await assertProfession(tx, principal, changes.profession_id);
      if (changes.email !== undefined) await assertEmailFree(tx, changes.email, id);

      const set: PgUpdateSetSource<typeof users> = {
        email: changes.email,
        name: changes.name,
        role: changes.role,
        entityId: changes.entity_id,
        managerId: changes.manager_id,
        professionId: changes.profession_id,
        timeZone: changes.time_zone,
        isActive: changes.is_active,
        passwordHash,
        ...encryptPersonalFields(changes, id),
      };
      if (changes.language !== undefined) set.languageId = await languageIdOf(tx, changes.language, "language");
      if (!setsAnything(set)) return readUser(tx, principal, id);
      // A new password or a deactivation must end the sessions that exist now, not at their expiry.
      const endSessions = passwordHash !== undefined || (changes.is_active === false && target.isActive);
      await tx
        .update(users)
        .set({
          ...set,
          version: sql`${users.version} + 1`,
          ...(endSessions ? { sessionVersion: sql`${users.sessionVersion} + 1` } : {}),
        })
        .where(eq(users.id, id));
      // Levels are per profession: a new profession may already be met by the person's record.
      if (changes.profession_id != null && changes.profession_id !== target.professionId) {
        await evaluateSpecializations(tx, [id], { actorId: principal.userId });
      }
      return readUser(tx, principal, id);
    }),
  );
}

/** DELETE: users are never deleted (their work and audit trail stay); they are deactivated. */
export async function deactivateUser(db: Db, principal: Principal, params: { id: number; ifMatch?: number }): Promise<UserDto> {
  requirePermission(principal, "users:write");
  return withAudit(db, auditContextOf(principal), async (tx) => {
    const target = await lockUser(tx, principal, params.id, { ifMatch: params.ifMatch });
    if (target.id === principal.userId) throw forbidden("You cannot deactivate your own account; ask another admin.");
    assertRoleWithin(principal, target.role);
    if (target.isActive) {
      await tx
        .update(users)
        .set({ isActive: false, sessionVersion: sql`${users.sessionVersion} + 1`, version: sql`${users.version} + 1` })
        .where(eq(users.id, target.id));
    }
    return readUser(tx, principal, target.id);
  });
}

/** Ends every session of the user at their next request (the session carries session_version). */
export async function revokeUserSessions(db: Db, principal: Principal, params: { id: number }): Promise<void> {
  requirePermission(principal, "sessions:revoke");
  await withAudit(db, auditContextOf(principal), async (tx) => {
    const target = await lockUser(tx, principal, params.id, {});
    assertRoleWithin(principal, target.role);
    await tx
      .update(users)
      .set({ sessionVersion: sql`${users.sessionVersion} + 1` })
      .where(eq(users.id, target.id));
  });
}

// ── rules shared by the writes ───────────────────────────────────────────────────────────────

type LockedUser = { id: number; role: Principal["role"]; entityId: number; managerId: number | null; professionId: number | null; isActive: boolean };

/** The target row, locked for the rest of the transaction; outside the writer's scope it does not exist. */
async function lockUser(tx: Tx, principal: Principal, id: number, expected: ExpectedVersion): Promise<LockedUser> {
  const [row] = await tx
    .select({
      id: users.id,
      role: users.role,
      entityId: users.entityId,
      managerId: users.managerId,
      professionId: users.professionId,
      isActive: users.isActive,
      version: users.version,
    })
    .from(users)
    .where(and(eq(users.id, id), visibleUsers(principal)))
    .for("update");
  if (!row) throw notFound("user");
  assertVersion(row.version, expected, "user");
  return row;
}

function assertNotLockingSelfOut(target: LockedUser, changes: UserUpdateInput): void {
  if (changes.role !== undefined && changes.role !== target.role) throw forbidden("You cannot change your own role; ask another admin.");
  if (changes.is_active === false) throw forbidden("You cannot deactivate your own account; ask another admin.");
  if (changes.entity_id !== undefined && changes.entity_id !== target.entityId) {
    throw forbidden("You cannot move yourself to another entity; ask another admin.");
  }
}

/** Users are placed only inside the writer's own subtree; any other entity reads as unknown. */
async function assertPlacement(tx: Tx, principal: Principal, entityId: number): Promise<void> {
  const [entity] = await tx
    .select({ isActive: entities.isActive })
    .from(entities)
    .where(and(eq(entities.id, entityId), visibleEntities(principal)))
    .limit(1);
  if (!entity) throw notFound("entity");
  if (!entity.isActive) throw invalidField("entity_id", "This entity is deactivated; choose an active one.");
}

async function assertManager(tx: Tx, principal: Principal, managerId: number, userId: number | null): Promise<void> {
  if (managerId === userId) throw invalidField("manager_id", "A user cannot be their own manager.");
  const [manager] = await tx
    .select({ isActive: users.isActive })
    .from(users)
    .where(and(eq(users.id, managerId), visibleUsers(principal)))
    .limit(1);
  if (!manager) throw notFound("manager");
  if (!manager.isActive) throw invalidField("manager_id", "This manager is deactivated; choose an active user.");
}

async function assertProfession(tx: Tx, principal: Principal, professionId: number): Promise<void> {
  const [profession] = await tx
    .select({ isActive: professions.isActive })
    .from(professions)
    .where(and(eq(professions.id, professionId), visibleProfessions(principal)))
    .limit(1);
  if (!profession) throw notFound("profession");
  if (!profession.isActive) throw invalidField("profession_id", "This profession is deactivated; choose an active one.");
}

const EMAIL_TAKEN = "A user with this email address already exists.";

async function assertEmailFree(tx: Tx, email: string, exceptId: number | null): Promise<void> {
  const [taken] = await tx
    .select({ id: users.id })
    .from(users)
    .where(and(sql`lower(${users.email}) = lower(${email})`, exceptId === null ? undefined : ne(users.id, exceptId)))
    .limit(1);
  if (taken) throw conflict(EMAIL_TAKEN, { field: "email" });
}

/** Two concurrent creates can both pass assertEmailFree; the unique index then decides, with the same answer. */
async function withEmailConflict<T>(run: () => Promise<T>): Promise<T> {
  try {
    return await run();
  } catch (err) {
    if (violates(err, "users_email_key")) throw conflict(EMAIL_TAKEN, { field: "email" });
    throw err;
  }
}

function violates(err: unknown, constraint: string): boolean {
  for (let current: unknown = err, depth = 0; current && typeof current === "object" && depth < 3; depth++) {
    const e = current as { code?: unknown; constraint?: unknown; cause?: unknown };
    if (e.code === "23505" && e.constraint === constraint) return true;
    current = e.cause;
  }
  return false;
}

async function nextUserId(tx: Tx): Promise<number> {
  const [row] = await queryRows<{ id: number }>(tx, sql`select nextval(pg_get_serial_sequence('users', 'id'))::int as id`);
  const id = row?.id;
  if (id === undefined) throw new ApiError("internal", "Could not reserve a user id.");
  return id;
}
