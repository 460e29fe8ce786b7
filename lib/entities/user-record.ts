// How a user row is read and shown: the columns selected (never password_hash), the snake_case
// DTO, and the encrypted personal fields, decrypted only for the user themself and admins in scope.
import "server-only";
import { eq, getTableName } from "drizzle-orm";
import type { DbOrTx } from "../../db/client";
import type { PgColumn } from "drizzle-orm/pg-core";
import { entities, languages, users, type UserRole } from "../../db/schema";
import type { Principal } from "../auth/principal";
import { decryptNullable, encryptNullable } from "../crypto/fields";

/** Columns of a user read; the encrypted columns are read to decrypt them, never serialized. */
export const userSelection = {
  id: users.id,
  email: users.email,
  name: users.name,
  role: users.role,
  entityId: users.entityId,
  entityName: entities.name,
  entityPath: entities.path,
  managerId: users.managerId,
  professionId: users.professionId,
  language: languages.code,
  timeZone: users.timeZone,
  isActive: users.isActive,
  sessionVersion: users.sessionVersion,
  hiredAt: users.hiredAt,
  lastSignInAt: users.lastSignInAt,
  createdAt: users.createdAt,
  updatedAt: users.updatedAt,
  version: users.version,
  phoneEnc: users.phoneEnc,
  personalNotesEnc: users.personalNotesEnc,
  emergencyContactEnc: users.emergencyContactEnc,
};

export type UserRecord = {
  id: number;
  email: string;
  name: string;
  role: UserRole;
  entityId: number;
  entityName: string;
  entityPath: string;
  managerId: number | null;
  professionId: number | null;
  language: string | null;
  timeZone: string | null;
  isActive: boolean;
  sessionVersion: number;
  hiredAt: Date | null;
  lastSignInAt: Date | null;
  createdAt: Date;
  updatedAt: Date;
  version: number;
  phoneEnc: string | null;
  personalNotesEnc: string | null;
  emergencyContactEnc: string | null;
};

export type PersonalFields = { phone: string | null; personal_notes: string | null; emergency_contact: string | null };

export type UserDto = {
  id: number;
  email: string;
  name: string;
  role: UserRole;
  entity_id: number;
  entity_name: string;
  manager_id: number | null;
  profession_id: number | null;
  language: string | null;
  time_zone: string | null;
  is_active: boolean;
  hired_at: string | null;
  last_sign_in_at: string | null;
  created_at: string;
  updated_at: string;
  version: number;
} & Partial<PersonalFields>;

const PERSONAL: { key: keyof PersonalFields; column: PgColumn; field: "phoneEnc" | "personalNotesEnc" | "emergencyContactEnc" }[] = [
  { key: "phone", column: users.phoneEnc, field: "phoneEnc" },
  { key: "personal_notes", column: users.personalNotesEnc, field: "personalNotesEnc" },
  { key: "emergency_contact", column: users.emergencyContactEnc, field: "emergencyContactEnc" },
];

const USERS_TABLE = getTableName(users);

/** The base read of users with their entity's name and language code; callers add the scope. */
export function selectUsers(db: DbOrTx) {
  return db
    .select(userSelection)
    .from(users)
    .innerJoin(entities, eq(entities.id, users.entityId))
    .leftJoin(languages, eq(languages.id, users.languageId));
}

/**
 * Encrypted column values for the personal fields present in `input`, bound to the row id (the
 * AAD names table, column and row, so a value copied into another row fails to decrypt).
 */
export function encryptPersonalFields(
  input: Partial<Record<keyof PersonalFields, string | null | undefined>>,
  rowId: number,
): Partial<Record<(typeof PERSONAL)[number]["field"], string | null>> {
  const values: Partial<Record<(typeof PERSONAL)[number]["field"], string | null>> = {};
  for (const { key, column, field } of PERSONAL) {
    const plaintext = input[key];
    if (plaintext === undefined) continue;
    values[field] = encryptNullable(plaintext, { table: USERS_TABLE, column: column.name, rowId });
  }
  return values;
}

/** Whether this principal may read the personal fields of a user already known to be in scope. */
export function seesPersonalFields(principal: Principal, userId: number): boolean {
  return principal.userId === userId || principal.role === "admin";
}

function decryptPersonal(row: UserRecord): PersonalFields {
  const result: PersonalFields = { phone: null, personal_notes: null, emergency_contact: null };
  for (const { key, column, field } of PERSONAL) {
    result[key] = decryptNullable(row[field], { table: USERS_TABLE, column: column.name, rowId: row.id });
  }
  return result;
}

/**
 * The API shape of a user. Personal fields are omitted (not null) when the reader may not see
 * them, so a client can tell "hidden from you" from "empty"; lists never include them.
 */
export function toUserDto(row: UserRecord, withPersonal: boolean): UserDto {
  return {
    id: row.id,
    email: row.email,
    name: row.name,
    role: row.role,
    entity_id: row.entityId,
    entity_name: row.entityName,
    manager_id: row.managerId,
    profession_id: row.professionId,
    language: row.language,
    time_zone: row.timeZone,
    is_active: row.isActive,
    hired_at: row.hiredAt?.toISOString() ?? null,
    last_sign_in_at: row.lastSignInAt?.toISOString() ?? null,
    created_at: row.createdAt.toISOString(),
    updated_at: row.updatedAt.toISOString(),
    version: row.version,
    ...(withPersonal ? decryptPersonal(row) : {}),
  };
}
