// Who is acting: resolved from a bearer API token or the session cookie, re-checked against the
// database on every request so deactivation and session revocation take effect at once.
import { createHash } from "node:crypto";
import { and, eq, gt, isNull, lt, or, sql } from "drizzle-orm";
import { getToken } from "next-auth/jwt";
import type { DbOrTx } from "../../db/client";
import { prepared } from "../../db/prepared";
import { apiTokens, entities, users, type TokenScope, type UserRole } from "../../db/schema";
import { ApiError } from "../api/errors";
import { consume } from "../ratelimit/limiters";
import { authSecret } from "./secret";

export type Principal = {
  userId: number;
  role: UserRole;
  entityId: number;
  /** Materialised path of the user's entity ("/1/4/"): the root of what an admin or manager sees. */
  entityPath: string;
  name: string;
  email: string;
  via: "session" | "token";
  /** Scopes of the API token; null for a browser session (the role alone decides). */
  scopes: TokenScope[] | null;
  tokenId: number | null;
  /** Request context, recorded with every audit row the principal's writes leave. */
  requestId?: string;
  ip?: string | null;
};

export type SessionClaims = { uid: number; sv: number };

const userColumns = {
  userId: users.id,
  role: users.role,
  entityId: users.entityId,
  entityPath: entities.path,
  name: users.name,
  email: users.email,
  isActive: users.isActive,
  sessionVersion: users.sessionVersion,
};

export function hashToken(token: string): string {
  return createHash("sha256").update(token).digest("hex");
}

/** The principal of a request, or null when it carries no valid credentials. */
export async function resolvePrincipal(db: DbOrTx, request: Request): Promise<Principal | null> {
  const authorization = request.headers.get("authorization");
  if (authorization !== null) {
    const match = /^Bearer\s+(\S+)$/i.exec(authorization);
    if (!match?.[1]) throw new ApiError("unauthenticated", "The Authorization header must be `Bearer <token>`.");
    return principalFromToken(db, match[1]);
  }
  const claims = await sessionClaims(request);
  return claims ? principalFromSession(db, claims) : null;
}

async function sessionClaims(request: Request): Promise<SessionClaims | null> {
  const forwardedProto = request.headers.get("x-forwarded-proto");
  const secure = (forwardedProto ?? new URL(request.url).protocol.replace(":", "")) === "https";
  // Only the cookies are handed over: a bearer header must never be read as a session token.
  const token = await getToken({
    req: { cookies: parseCookies(request.headers.get("cookie")), headers: {} } as never,
    secret: authSecret(),
    secureCookie: secure,
  });
  if (!token || typeof token.uid !== "number" || typeof token.sv !== "number") return null;
  return { uid: token.uid, sv: token.sv };
}

function parseCookies(header: string | null): Map<string, string> {
  const cookies = new Map<string, string>();
  for (const part of (header ?? "").split(";")) {
    const eq = part.indexOf("=");
    if (eq <= 0) continue;
    const value = part.slice(eq + 1).trim();
    try {
      cookies.set(part.slice(0, eq).trim(), decodeURIComponent(value));
    } catch {
      cookies.set(part.slice(0, eq).trim(), value);
    }
  }
  return cookies;
}

export async function principalFromSession(db: DbOrTx, claims: SessionClaims): Promise<Principal | null> {
  const [row] = await db
    .select(userColumns)
    .from(users)
    .innerJoin(entities, eq(entities.id, users.entityId))
    .where(eq(users.id, claims.uid))
    .limit(1);
  // A bumped session_version or a deactivated account ends every session at its next request.
  if (!row?.isActive || row.sessionVersion !== claims.sv) return null;
  return toPrincipal(row, "session", null, null);
}

export async function principalFromToken(db: DbOrTx, token: string): Promise<Principal> {
  const now = new Date();
  const [row] = await tokenOwner(db).execute({ hash: hashToken(token), now });
  if (!row?.isActive) throw new ApiError("unauthenticated", "The API token is unknown, expired or revoked.");
  await consume("tokenUse", String(row.tokenId), "This API token made too many requests.");
  // last_used_at is written at most once a minute per token, not on every request.
  await tokenUsed(db).execute({ id: row.tokenId, now });
  return toPrincipal(row, "token", row.scopes, row.tokenId);
}

// Run on every API request: prepared (db/prepared.ts).
const tokenOwner = (db: DbOrTx) =>
  prepared(db, "auth_token_owner", (on) =>
    on
      .select({ ...userColumns, tokenId: apiTokens.id, scopes: apiTokens.scopes, lastUsedAt: apiTokens.lastUsedAt })
      .from(apiTokens)
      .innerJoin(users, eq(users.id, apiTokens.userId))
      .innerJoin(entities, eq(entities.id, users.entityId))
      .where(
        and(
          eq(apiTokens.tokenHash, sql.placeholder("hash")),
          isNull(apiTokens.revokedAt),
          or(isNull(apiTokens.expiresAt), gt(apiTokens.expiresAt, sql.placeholder("now"))),
        ),
      )
      .limit(1),
  );

const tokenUsed = (db: DbOrTx) =>
  prepared(db, "auth_token_used", (on) =>
    on
      .update(apiTokens)
      .set({ lastUsedAt: sql`${sql.placeholder("now")}::timestamptz` })
      .where(
        and(
          eq(apiTokens.id, sql.placeholder("id")),
          or(isNull(apiTokens.lastUsedAt), lt(apiTokens.lastUsedAt, sql`${sql.placeholder("now")}::timestamptz - interval '1 minute'`)),
        ),
      ),
  );

function toPrincipal(
  row: { userId: number; role: UserRole; entityId: number; entityPath: string; name: string; email: string },
  via: Principal["via"],
  scopes: TokenScope[] | null,
  tokenId: number | null,
): Principal {
  return {
    userId: row.userId,
    role: row.role,
    entityId: row.entityId,
    entityPath: row.entityPath,
    name: row.name,
    email: row.email,
    via,
    scopes,
    tokenId,
  };
}

/** What the audit rows of this principal's writes record. */
export function auditContextOf(principal: Principal): { actorId: number; requestId: string | null; ip: string | null } {
  return { actorId: principal.userId, requestId: principal.requestId ?? null, ip: principal.ip ?? null };
}
