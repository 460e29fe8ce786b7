// What every baseline handler shares: the bearer token check with the app's three statements
// (token lookup, per-token rate limit upsert and throttled last-used stamp, prepared under the
// app's names), the status catalogue, transactions with the audit context, and the error type.
import { createHash, randomUUID } from "node:crypto";
import { fillPlaceholders, type SQL } from "drizzle-orm";
import { PgDialect } from "drizzle-orm/pg-core";
import type pg from "pg";

export class HttpError extends Error {
  constructor(
    readonly status: number,
    message: string,
  ) {
    super(message);
  }
}

export type Principal = { userId: number; role: "admin" | "manager" | "employee"; entityId: number; entityPath: string; name: string; email: string; requestId: string; ip: string };

/** pg.Pool or a client inside a transaction. */
export type Queryable = Pick<pg.PoolClient, "query">;

export async function rows<T extends pg.QueryResultRow>(db: Queryable, text: string, values: unknown[] = []): Promise<T[]> {
  return (await db.query<T>(text, values)).rows;
}

/**
 * A statement built by one of the lib's SQL builders with `sql.placeholder(…)` values, rendered once
 * per name and run as a named prepared statement, as db/prepared.ts's preparedSql does in the app.
 */
const rendered = new Map<string, { sql: string; params: unknown[] }>();
export async function namedSql<T extends pg.QueryResultRow>(db: Queryable, name: string, build: () => SQL, values: Record<string, unknown>): Promise<T[]> {
  let query = rendered.get(name);
  if (!query) {
    query = dialect.sqlToQuery(build());
    rendered.set(name, query);
  }
  return (await db.query<T>({ name, text: query.sql, values: fillPlaceholders(query.params, values) })).rows;
}

/** A named prepared statement, where the app prepares the same text under the same name (db/prepared.ts). */
export async function namedRows<T extends pg.QueryResultRow>(db: Queryable, name: string, text: string, values: unknown[]): Promise<T[]> {
  return (await db.query<T>({ name, text, values })).rows;
}

const dialect = new PgDialect();
/** A statement built by one of the lib's SQL builders, rendered to text and run as it is. */
export async function runSql<T extends pg.QueryResultRow>(db: Queryable, fragment: SQL): Promise<T[]> {
  const query = dialect.sqlToQuery(fragment);
  return rows<T>(db, query.sql, query.params);
}

const TOKEN_USE = { points: 600, durationMs: 60_000 };

const TOKEN_SQL = `select "users"."id", "users"."role", "users"."entity_id", "entities"."path", "users"."name", "users"."email", "users"."is_active", "users"."session_version", "api_tokens"."id", "api_tokens"."scopes", "api_tokens"."last_used_at" from "api_tokens" inner join "users" on "users"."id" = "api_tokens"."user_id" inner join "entities" on "entities"."id" = "users"."entity_id" where ("api_tokens"."token_hash" = $1 and "api_tokens"."revoked_at" is null and ("api_tokens"."expires_at" is null or "api_tokens"."expires_at" > $2)) limit $3`;
// The per-token limit as the app counts it: rate-limiter-flexible's upsert, prepared (lib/ratelimit/limiters.ts).
const RATE_SQL = `insert into "rate_limits" ("key", "points", "expire") values ($1, $2, $3) on conflict ("key") do update set "points" = CASE WHEN "rate_limits"."expire" <= $4 THEN $5 ELSE "rate_limits"."points" + $6 END, "expire" = CASE WHEN "rate_limits"."expire" <= $7 THEN $8 ELSE "rate_limits"."expire" END returning "key", "points", "expire"`;
const LAST_USED_SQL = `update "api_tokens" set "last_used_at" = $1::timestamptz where ("api_tokens"."id" = $2 and ("api_tokens"."last_used_at" is null or "api_tokens"."last_used_at" < $3::timestamptz - interval '1 minute'))`;

/** The app's principalFromToken: the token's owner, one rate-limit point, last_used_at at most once a minute. */
export async function authenticate(pool: pg.Pool, authorization: string | undefined, ip: string): Promise<Principal> {
  const token = /^Bearer\s+(\S+)$/i.exec(authorization ?? "")?.[1];
  if (!token) throw new HttpError(401, "Sign in or send an API token.");
  const now = new Date();
  const result = await pool.query({ name: "auth_token_owner", text: TOKEN_SQL, values: [createHash("sha256").update(token).digest("hex"), now, 1], rowMode: "array" });
  const row = result.rows[0] as [number, Principal["role"], number, string, string, string, boolean, number, number, string[], Date | null] | undefined;
  if (!row?.[6]) throw new HttpError(401, "The API token is unknown, expired or revoked.");
  const tokenId = row[8];
  const expire = new Date(now.getTime() + TOKEN_USE.durationMs);
  const [limit] = await namedRows<{ points: number }>(pool, "rate_limit_consume", RATE_SQL, [`tokenUse:${tokenId}`, 1, expire, now, 1, 1, now, expire]);
  if ((limit?.points ?? 0) > TOKEN_USE.points) throw new HttpError(429, "This API token made too many requests.");
  await pool.query({ name: "auth_token_used", text: LAST_USED_SQL, values: [now, tokenId, now] });
  return { userId: row[0], role: row[1], entityId: row[2], entityPath: row[3], name: row[4], email: row[5], requestId: randomUUID(), ip };
}

export type Status = { id: number; domain: string; code: string; name: string; is_final: boolean; position: number };
export type Catalogue = { byId: Map<number, Status>; byCode: (domain: string, code: string) => Status };

const STATUSES_SQL = `select "id", "domain", "code", "name", "is_final", "position", "created_at", "updated_at" from "statuses" order by "statuses"."domain", "statuses"."position"`;

/** The status rows; the app caches them per database handle: once for the pool, once per connection. */
export async function loadStatuses(db: Queryable): Promise<Catalogue> {
  const list = await rows<Status>(db, STATUSES_SQL);
  const byId = new Map(list.map((s) => [s.id, s]));
  const codes = new Map(list.map((s) => [`${s.domain}:${s.code}`, s]));
  return {
    byId,
    byCode: (domain, code) => {
      const status = codes.get(`${domain}:${code}`);
      if (!status) throw new Error(`status ${domain}:${code} missing`);
      return status;
    },
  };
}

/** The status rows once per connection, as the app caches them for transactions on pooled connections. */
const byConnection = new WeakMap<object, Promise<Catalogue>>();
export function connectionStatuses(client: Queryable): Promise<Catalogue> {
  let pending = byConnection.get(client);
  if (!pending) {
    pending = loadStatuses(client);
    byConnection.set(client, pending);
  }
  return pending;
}

let poolCatalogue: Promise<Catalogue> | undefined;
export function poolStatuses(pool: pg.Pool): Promise<Catalogue> {
  poolCatalogue ??= loadStatuses(pool);
  return poolCatalogue;
}

export const statusDto = (s: Status) => ({ id: s.id, domain: s.domain, code: s.code, name: s.name, is_final: s.is_final, position: s.position });

/** A transaction with the audit context set, as the app's withAudit opens it. */
export async function withAudit<T>(pool: pg.Pool, principal: Principal, work: (tx: pg.PoolClient) => Promise<T>): Promise<T> {
  const client = await pool.connect();
  try {
    await client.query("begin");
    await client.query({
      name: "audit_context",
      text: `select
    set_config('groundwork.actor_id', $1, true),
    set_config('groundwork.request_id', $2, true),
    set_config('groundwork.ip', $3, true)`,
      values: [String(principal.userId), principal.requestId, principal.ip],
    });
    const result = await work(client);
    await client.query("commit");
    return result;
  } catch (err) {
    await client.query("rollback").catch(() => undefined);
    throw err;
  } finally {
    client.release();
  }
}

export const iso = (d: Date | null) => (d === null ? null : d.toISOString());

/** `$n, $n+1, …` for a list spliced into IN (…), as Drizzle's sql.join writes one parameter per value. */
export function placeholders(count: number, first = 1): string {
  return Array.from({ length: count }, (_, i) => `$${first + i}`).join(", ");
}

/** The entity subtree condition on a path column (lib/auth/scope.ts): one parameter, `path%`. */
export const subtreeParam = (principal: Principal) => `${principal.entityPath}%`;
