// The signed-in user's own profile (/api/me): read with personal fields, and the few things a
// person may change about themselves. Role, entity, manager and activation stay with admins.
import "server-only";
import { eq, sql } from "drizzle-orm";
import type { PgUpdateSetSource } from "drizzle-orm/pg-core";
import type { Db, DbOrTx } from "../../db/client";
import { users } from "../../db/schema";
import { notFound } from "../api/errors";
import { withAudit } from "../audit/context";
import { hashPassword, verifyPassword } from "../auth/password";
import { ROLE_PERMISSIONS, type Permission } from "../auth/permissions";
import { auditContextOf, type Principal } from "../auth/principal";
import { assertVersion, invalidField, languageIdOf, requirePermission, setsAnything } from "./rules";
import { encryptPersonalFields, selectUsers, toUserDto, type PersonalFields, type UserDto } from "./user-record";
import type { MeUpdateInput } from "./validators";

export type MeDto = UserDto & PersonalFields & { entity_path: string; permissions: Permission[] };

async function readMe(db: DbOrTx, principal: Principal): Promise<MeDto> {
  const [row] = await selectUsers(db).where(eq(users.id, principal.userId)).limit(1);
  if (!row) throw notFound("user");
  const dto = toUserDto(row, true);
  return {
    ...dto,
    phone: dto.phone ?? null,
    personal_notes: dto.personal_notes ?? null,
    emergency_contact: dto.emergency_contact ?? null,
    entity_path: row.entityPath,
    // What this session may do, so clients show only what will work (the server still checks).
    permissions: [...ROLE_PERMISSIONS[row.role]],
  };
}

export async function getMe(db: DbOrTx, principal: Principal): Promise<MeDto> {
  requirePermission(principal, "me:read");
  return readMe(db, principal);
}

export type UpdateMeParams = { changes: MeUpdateInput; ifMatch?: number };

export async function updateMe(db: Db, principal: Principal, params: UpdateMeParams): Promise<MeDto> {
  requirePermission(principal, "me:write");
  const { changes } = params;
  const id = principal.userId;
  const passwordHash = changes.password === undefined ? undefined : await hashPassword(changes.password);
  return withAudit(db, auditContextOf(principal), async (tx) => {
    const [current] = await tx
      .select({ version: users.version, passwordHash: users.passwordHash })
      .from(users)
      .where(eq(users.id, id))
      .for("update");
    if (!current) throw notFound("user");
    assertVersion(current.version, { version: changes.version, ifMatch: params.ifMatch }, "profile");
    if (changes.password !== undefined) {
      // Someone at an unlocked screen must not be able to take the account over.
      const ok = current.passwordHash !== null && (await verifyPassword(current.passwordHash, changes.current_password ?? ""));
      if (!ok) throw invalidField("current_password", "Your current password is not correct.");
    }
    const set: PgUpdateSetSource<typeof users> = {
      name: changes.name,
      timeZone: changes.time_zone,
      passwordHash,
      ...encryptPersonalFields(changes, id),
    };
    if (changes.language !== undefined) set.languageId = await languageIdOf(tx, changes.language, "language");
    if (!setsAnything(set)) return readMe(tx, principal);
    await tx
      .update(users)
      .set({
        ...set,
        version: sql`${users.version} + 1`,
        // A new password ends every existing session, including one an attacker may hold; the
        // user signs in again with the new password.
        ...(passwordHash !== undefined ? { sessionVersion: sql`${users.sessionVersion} + 1` } : {}),
      })
      .where(eq(users.id, id));
    return readMe(tx, principal);
  });
}
