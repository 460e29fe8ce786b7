// Rules every organisation service shares: who may act at all, role ranks, optimistic versions
// and language codes. Row scope lives in lib/auth/scope.ts and is applied in each query's WHERE.
import "server-only";
import { eq } from "drizzle-orm";
import type { DbOrTx } from "../../db/client";
import { languages, type UserRole } from "../../db/schema";
import { ApiError } from "../api/errors";
import { authorize } from "../api/handler";
import type { Permission } from "../auth/permissions";
import type { Principal } from "../auth/principal";

/**
 * Services check the permission again although routes already did: server components and other
 * services call them directly, and an authorization check that depends on the caller is a hole.
 */
export function requirePermission(principal: Principal, permission: Permission): void {
  authorize(principal, permission);
}

const ROLE_RANK: Record<UserRole, number> = { employee: 0, manager: 1, admin: 2 };

/** Nobody grants or edits a role above their own. */
export function assertRoleWithin(principal: Principal, role: UserRole): void {
  if (ROLE_RANK[role] > ROLE_RANK[principal.role]) {
    throw new ApiError("forbidden", `You cannot give or manage the role ${role}, which is above your own.`);
  }
}
export { assertVersion, type ExpectedVersion } from "../api/versioning";

/** The id of a language by BCP 47 code; null clears it; an unknown code is the client's error. */
export async function languageIdOf(db: DbOrTx, code: string | null, field: string): Promise<number | null> {
  if (code === null) return null;
  const [row] = await db.select({ id: languages.id }).from(languages).where(eq(languages.code, code)).limit(1);
  if (!row) {
    throw new ApiError("validation_failed", `The language ${code} is not available.`, {
      issues: [{ path: field, message: `The language ${code} is not available.` }],
    });
  }
  return row.id;
}

/**
 * Whether an update's SET has any column to write: a PATCH that changes nothing writes nothing,
 * so it neither bumps the version nor leaves an audit row.
 */
export function setsAnything(set: object): boolean {
  return Object.values(set).some((value: unknown) => value !== undefined);
}

/** A refusal tied to one input field, shown beside that field in forms. */
export function invalidField(path: string, message: string): ApiError {
  return new ApiError("validation_failed", message, { issues: [{ path, message }] });
}

/** Every language users and entities may choose (reference data, the same for every tenant). */
export async function listLanguages(db: DbOrTx): Promise<{ code: string; name: string }[]> {
  return db.select({ code: languages.code, name: languages.name }).from(languages).orderBy(languages.name);
}
