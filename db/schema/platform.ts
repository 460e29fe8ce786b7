// Platform: the audit log (hash-chained), the real-time outbox, idempotency keys, API tokens, rate limits.
import { sql } from "drizzle-orm";
import {
  bigint,
  bigserial,
  check,
  index,
  integer,
  jsonb,
  pgTable,
  primaryKey,
  serial,
  smallint,
  text,
  unique,
  varchar,
} from "drizzle-orm/pg-core";
import { createdAt, inList, tstz } from "./columns";
import { entities, users } from "./entities";

export const AUDIT_ACTIONS = ["insert", "update", "delete"] as const;

export const auditLog = pgTable(
  "audit_log",
  {
    id: bigserial("id", { mode: "number" }).primaryKey(),
    at: tstz("at").notNull().defaultNow(),
    actorId: integer("actor_id").references(() => users.id),
    action: varchar("action", { length: 16 }).notNull(),
    tableName: varchar("table_name", { length: 63 }).notNull(),
    rowKey: varchar("row_key", { length: 200 }).notNull(),
    before: jsonb("before"),
    after: jsonb("after"),
    requestId: varchar("request_id", { length: 64 }),
    ip: varchar("ip", { length: 64 }),
    /**
     * Position in the hash chain, assigned after commit by the sealer (lib/audit/sealer.ts, in
     * the order it finds committed rows, not id order): a row not sealed yet has no seq or hash.
     */
    seq: bigint("seq", { mode: "number" }),
    prevHash: varchar("prev_hash", { length: 64 }),
    hash: varchar("hash", { length: 64 }),
  },
  (t) => [
    unique("audit_log_seq_key").on(t.seq),
    index("audit_log_actor_id_idx").on(t.actorId),
    index("audit_log_table_row_idx").on(t.tableName, t.rowKey),
    index("audit_log_at_idx").on(t.at),
    // The sealer's queue: the rows still waiting for their place in the chain.
    index("audit_log_unsealed_idx").on(t.id).where(sql`seq is null`),
    check("audit_log_action_check", sql.raw(`action in (${inList(AUDIT_ACTIONS)})`)),
  ],
);

/**
 * The real-time outbox: written in the transaction of the change, delivered by id after NOTIFY.
 * Topics are denormalised so delivery can authorize without re-reading the changed rows.
 */
export const events = pgTable(
  "events",
  {
    id: bigserial("id", { mode: "number" }).primaryKey(),
    type: varchar("type", { length: 64 }).notNull(),
    entityId: integer("entity_id").references(() => entities.id),
    userId: integer("user_id").references(() => users.id),
    /** A delivery topic, not a reference: events outlive deleted projects, so no FK. */
    projectId: integer("project_id"),
    actorId: integer("actor_id").references(() => users.id),
    payload: jsonb("payload").$type<Record<string, unknown>>().notNull().default({}),
    /**
     * The writing transaction's id. Ids are drawn before commit, so a later id can commit first;
     * readers take events in (tx_id, id) order and only below the oldest running transaction, so
     * nothing can still appear behind what they have read.
     */
    txId: bigint("tx_id", { mode: "number" })
      .notNull()
      .default(sql`(pg_current_xact_id()::text::bigint)`),
    createdAt: createdAt(),
  },
  (t) => [
    index("events_tx_id_id_idx").on(t.txId, t.id),
    index("events_entity_id_idx").on(t.entityId),
    index("events_user_id_idx").on(t.userId),
    index("events_actor_id_idx").on(t.actorId),
    index("events_project_id_idx").on(t.projectId),
    index("events_created_at_idx").on(t.createdAt),
  ],
);

/** Stored answers of POSTs with an Idempotency-Key: same key + same body → same answer. */
export const idempotencyKeys = pgTable(
  "idempotency_keys",
  {
    userId: integer("user_id")
      .notNull()
      .references(() => users.id),
    key: varchar("key", { length: 255 }).notNull(),
    method: varchar("method", { length: 8 }).notNull(),
    path: varchar("path", { length: 500 }).notNull(),
    requestHash: varchar("request_hash", { length: 64 }).notNull(),
    statusCode: smallint("status_code"),
    responseBody: jsonb("response_body"),
    /** Headers of the stored answer a replay must repeat (Location, Retry-After). */
    responseHeaders: jsonb("response_headers").$type<Record<string, string>>(),
    createdAt: createdAt(),
    expiresAt: tstz("expires_at").notNull(),
  },
  (t) => [
    primaryKey({ name: "idempotency_keys_pkey", columns: [t.userId, t.key] }),
    index("idempotency_keys_expires_at_idx").on(t.expiresAt),
  ],
);

export const TOKEN_SCOPES = ["read", "write", "admin"] as const;
export type TokenScope = (typeof TOKEN_SCOPES)[number];

export const apiTokens = pgTable(
  "api_tokens",
  {
    id: serial("id").primaryKey(),
    userId: integer("user_id")
      .notNull()
      .references(() => users.id),
    name: varchar("name", { length: 100 }).notNull(),
    /** SHA-256 of the token; the token itself is shown once and never stored. */
    tokenHash: varchar("token_hash", { length: 64 }).notNull(),
    /** First characters of the token, so a user can tell tokens apart. */
    prefix: varchar("prefix", { length: 16 }).notNull(),
    scopes: text("scopes").array().$type<TokenScope[]>().notNull(),
    expiresAt: tstz("expires_at"),
    lastUsedAt: tstz("last_used_at"),
    revokedAt: tstz("revoked_at"),
    createdAt: createdAt(),
  },
  (t) => [
    unique("api_tokens_token_hash_key").on(t.tokenHash),
    index("api_tokens_user_id_idx").on(t.userId),
    check("api_tokens_scopes_check", sql.raw(`scopes <@ array[${inList(TOKEN_SCOPES)}]::text[] and cardinality(scopes) > 0`)),
  ],
);

/** Counters of rate-limiter-flexible's Drizzle store, shared by every replica through the database; unlogged (migration 0009): no WAL flush per request, empty after a crash. */
export const rateLimits = pgTable(
  "rate_limits",
  {
    key: varchar("key", { length: 255 }).primaryKey(),
    points: integer("points").notNull().default(0),
    expire: tstz("expire"),
  },
  (t) => [index("rate_limits_expire_idx").on(t.expire)],
);

export type AuditLogRow = typeof auditLog.$inferSelect;
export type NewAuditLogRow = typeof auditLog.$inferInsert;
export type Event = typeof events.$inferSelect;
export type NewEvent = typeof events.$inferInsert;
export type IdempotencyKey = typeof idempotencyKeys.$inferSelect;
export type NewIdempotencyKey = typeof idempotencyKeys.$inferInsert;
export type ApiToken = typeof apiTokens.$inferSelect;
export type NewApiToken = typeof apiTokens.$inferInsert;
export type RateLimit = typeof rateLimits.$inferSelect;
