// API tokens: minted once (only their SHA-256 is kept), listed and revoked by their owner, or by an
// admin for the users of their entity tree. principalFromToken (./principal.ts) is the reading side.
// No `import "server-only"` here: the CLI (scripts/commands/token.ts) runs under plain Node, where
// that marker package throws on import (it resolves to a no-op only under the react-server condition).
import { randomBytes } from "node:crypto";
import { and, count, desc, eq, getTableColumns, gt, isNull, lt, or, type SQL, sql } from "drizzle-orm";
import type { Db, DbOrTx } from "../../db/client";
import { type ApiToken, apiTokens, TOKEN_SCOPES, type TokenScope, users } from "../../db/schema";
import { ApiError, forbidden, notFound } from "../api/errors";
import { withAudit } from "../audit/context";
import { scopeAllows } from "./permissions";
import { auditContextOf, hashToken, type Principal } from "./principal";
import { visibleUsers } from "./scope";

export const TOKEN_PREFIX = "gwt_";
/** Characters of the token kept in clear: "gwt_" plus 8 random ones, enough to tell tokens apart. */
export const TOKEN_DISPLAY_PREFIX_LENGTH = 12;
export const MAX_ACTIVE_TOKENS_PER_USER = 50;
const TOKEN_NAME_MAX = 100;
const LIST_DEFAULT = 100;
const LIST_MAX = 200;

export type TokenStatus = "active" | "expired" | "revoked";

/** What the API and pages see of a token: never its hash, and the token itself only once, at creation. */
export type TokenDTO = {
  id: number;
  user_id: number;
  name: string;
  prefix: string;
  scopes: TokenScope[];
  status: TokenStatus;
  created_at: string;
  last_used_at: string | null;
  expires_at: string | null;
  revoked_at: string | null;
};

export type TokenPage = { items: TokenDTO[]; next_cursor: number | null };

/** Who creates a token: a signed-in principal (for themselves), or an operator tool acting as the owner. */
export type TokenCreator = Principal | { systemUserId: number };

export type CreateApiTokenParams = { name: string; scopes: TokenScope[]; expiresAt?: Date | null };

// The hash is left out of every select, so no code path can hand it on by accident.
const { tokenHash: _tokenHash, ...tokenColumns } = getTableColumns(apiTokens);
type TokenRow = Omit<ApiToken, "tokenHash">;

export async function createApiToken(
  db: Db,
  creator: TokenCreator,
  params: CreateApiTokenParams,
): Promise<{ token: string; record: TokenDTO }> {
  const now = new Date();
  const name = params.name.trim();
  const scopes = normaliseScopes(params.scopes);
  const expiresAt = params.expiresAt ?? null;
  if (name.length < 1 || name.length > TOKEN_NAME_MAX) throw invalid("name", `The name must be 1 to ${TOKEN_NAME_MAX} characters long.`);
  if (expiresAt && !(expiresAt.getTime() > now.getTime())) throw invalid("expires_at", "The expiry must be in the future.");

  const system = "systemUserId" in creator;
  const ownerId = system ? creator.systemUserId : creator.userId;
  const callerScopes = system ? null : creator.scopes;
  const audit = system ? { actorId: creator.systemUserId } : auditContextOf(creator);

  return withAudit(db, audit, async (tx) => {
    // Locking the owner row serialises concurrent creates for one user, so the active-token cap
    // holds; NO KEY UPDATE does not block other transactions' foreign-key checks on the user.
    const [owner] = await tx
      .select({ role: users.role, isActive: users.isActive })
      .from(users)
      .where(eq(users.id, ownerId))
      .for("no key update");
    if (!owner?.isActive) throw notFound("user");
    // The role is read here rather than trusted from the caller: it is the owner's current role.
    if (scopes.includes("admin") && owner.role !== "admin") {
      throw invalid("scopes", "Only administrators can create tokens with the admin scope.");
    }
    // A token minting a token must not hand out more than it carries itself (a write token → admin).
    if (callerScopes && !scopes.every((scope) => scopeAllows(callerScopes, scope))) {
      throw forbidden("An API token cannot create a token with scopes it does not carry itself.");
    }
    const [active] = await tx.select({ n: count() }).from(apiTokens).where(and(eq(apiTokens.userId, ownerId), activeAt(now)));
    if ((active?.n ?? 0) >= MAX_ACTIVE_TOKENS_PER_USER) {
      throw new ApiError("validation_failed", `A user may hold at most ${MAX_ACTIVE_TOKENS_PER_USER} active tokens; revoke one first.`);
    }

    const token = TOKEN_PREFIX + randomBytes(32).toString("base64url");
    const [row] = await tx
      .insert(apiTokens)
      .values({
        userId: ownerId,
        name,
        tokenHash: hashToken(token),
        prefix: token.slice(0, TOKEN_DISPLAY_PREFIX_LENGTH),
        scopes,
        expiresAt,
      })
      .returning(tokenColumns);
    if (!row) throw new Error("api_tokens insert returned no row");
    return { token, record: toTokenDTO(row, now) };
  });
}

/** Tokens of one user, newest first: the caller's own, or (admins) those of a user in their tree. */
export async function listApiTokens(
  db: DbOrTx,
  principal: Principal,
  params: { userId?: number; cursor?: number; limit?: number } = {},
): Promise<TokenPage> {
  const ownerId = params.userId ?? principal.userId;
  if (ownerId !== principal.userId) {
    if (!managesOthersTokens(principal)) throw notFound("user");
    const [visible] = await db
      .select({ id: users.id })
      .from(users)
      .where(and(eq(users.id, ownerId), visibleUsers(principal)))
      .limit(1);
    if (!visible) throw notFound("user");
  }
  const limit = Math.min(Math.max(Math.trunc(params.limit ?? LIST_DEFAULT), 1), LIST_MAX);
  const rows = await db
    .select(tokenColumns)
    .from(apiTokens)
    .where(and(eq(apiTokens.userId, ownerId), params.cursor === undefined ? undefined : lt(apiTokens.id, params.cursor)))
    .orderBy(desc(apiTokens.id))
    .limit(limit + 1);
  const now = new Date();
  const items = rows.slice(0, limit).map((row) => toTokenDTO(row, now));
  const last = items.at(-1);
  return { items, next_cursor: rows.length > limit && last ? last.id : null };
}

export async function getApiToken(db: DbOrTx, principal: Principal, params: { id: number }): Promise<TokenDTO> {
  const [row] = await db
    .select(tokenColumns)
    .from(apiTokens)
    .innerJoin(users, eq(users.id, apiTokens.userId))
    .where(and(eq(apiTokens.id, params.id), manageableBy(principal)))
    .limit(1);
  if (!row) throw notFound("API token");
  return toTokenDTO(row, new Date());
}

/**
 * Revokes a token at once: principalFromToken refuses it from the next request on. Idempotent —
 * revoking a revoked token answers it unchanged and keeps the first revocation time.
 */
export async function revokeApiToken(db: Db, principal: Principal, params: { id: number }): Promise<TokenDTO> {
  return withAudit(db, auditContextOf(principal), async (tx) => {
    const [row] = await tx
      .select(tokenColumns)
      .from(apiTokens)
      .innerJoin(users, eq(users.id, apiTokens.userId))
      .where(and(eq(apiTokens.id, params.id), manageableBy(principal)))
      .for("update", { of: apiTokens });
    if (!row) throw notFound("API token");
    const now = new Date();
    if (row.revokedAt) return toTokenDTO(row, now);
    const [revoked] = await tx.update(apiTokens).set({ revokedAt: now }).where(eq(apiTokens.id, row.id)).returning(tokenColumns);
    if (!revoked) throw new Error("api_tokens update returned no row");
    return toTokenDTO(revoked, now);
  });
}

/**
 * Whether the principal may see and revoke other users' tokens: admins only (managers manage work,
 * not credentials), and through an API token only when that token carries the admin scope.
 */
export function managesOthersTokens(principal: Principal): boolean {
  return principal.role === "admin" && (principal.scopes === null || principal.scopes.includes("admin"));
}

/** Rows of api_tokens joined with users that the principal may manage, as a WHERE condition. */
function manageableBy(principal: Principal): SQL {
  const own = eq(apiTokens.userId, principal.userId);
  return managesOthersTokens(principal) ? sql`(${own} or ${visibleUsers(principal)})` : own;
}

function activeAt(now: Date): SQL | undefined {
  return and(isNull(apiTokens.revokedAt), or(isNull(apiTokens.expiresAt), gt(apiTokens.expiresAt, now)));
}

/** Unique, known scopes in a stable order; the CLI passes strings that no zod schema has checked. */
function normaliseScopes(requested: readonly string[]): TokenScope[] {
  const unknown = requested.filter((scope) => !(TOKEN_SCOPES as readonly string[]).includes(scope));
  if (unknown.length > 0) throw invalid("scopes", `Unknown scope ${unknown.join(", ")}; use ${TOKEN_SCOPES.join(", ")}.`);
  const scopes = TOKEN_SCOPES.filter((scope) => requested.includes(scope));
  if (scopes.length === 0) throw invalid("scopes", "Choose at least one scope.");
  return scopes;
}

function invalid(path: string, message: string): ApiError {
  return new ApiError("validation_failed", message, { issues: [{ path, message }] });
}

export function toTokenDTO(row: TokenRow, now: Date): TokenDTO {
  const status: TokenStatus = row.revokedAt ? "revoked" : row.expiresAt && row.expiresAt <= now ? "expired" : "active";
  return {
    id: row.id,
    user_id: row.userId,
    name: row.name,
    prefix: row.prefix,
    scopes: row.scopes,
    status,
    created_at: row.createdAt.toISOString(),
    last_used_at: row.lastUsedAt?.toISOString() ?? null,
    expires_at: row.expiresAt?.toISOString() ?? null,
    revoked_at: row.revokedAt?.toISOString() ?? null,
  };
}
