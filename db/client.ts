// The database client: node-postgres when DATABASE_URL is set, embedded PGlite otherwise.
// Opened lazily on first use (so `next build` never connects) and kept on globalThis, because the
// custom server and Next's bundled route modules are separate module graphs that must share one
// PGlite instance: two instances on one folder would corrupt it.
import { mkdirSync } from "node:fs";
import type { ExtractTablesWithRelations, SQL } from "drizzle-orm";
import type { PgDatabase, PgQueryResultHKT, PgTransaction } from "drizzle-orm/pg-core";
import { logger } from "../lib/observability/logger";
import { pgliteDir } from "../lib/platform/local-data";
import { releaseConnectionsAlways } from "./pool-transactions";
import * as schema from "./schema";

export type Schema = typeof schema;
export type Db = PgDatabase<PgQueryResultHKT, Schema>;
export type Tx = PgTransaction<PgQueryResultHKT, Schema, ExtractTablesWithRelations<Schema>>;
/** A service accepts either the database or a transaction, so services compose inside one transaction. */
export type DbOrTx = Db | Tx;

export type DatabaseKind = "postgres" | "pglite";

export interface Database {
  kind: DatabaseKind;
  db: Db;
  /** Runs one SQL text (several statements allowed) outside Drizzle, e.g. for bulk loads. */
  exec(sqlText: string): Promise<void>;
  close(): Promise<void>;
  /** The underlying driver object: a pg.Pool or a PGlite instance. */
  raw: unknown;
}

const GLOBAL_KEY = Symbol.for("groundwork.database");
const OPTIONS_KEY = Symbol.for("groundwork.databaseOptions");
type GlobalWithDb = typeof globalThis & { [GLOBAL_KEY]?: Promise<Database>; [OPTIONS_KEY]?: PostgresOptions };
const globalStore = globalThis as GlobalWithDb;

export type PostgresOptions = {
  max?: number;
  applicationName?: string;
  /** Server-side limit on one statement (PostgreSQL cancels it and the connection stays usable). */
  statementTimeoutMs?: number;
  /**
   * Client-side limit on waiting for an answer: the guard against a server that vanished without
   * closing the connection, where no statement timeout can ever arrive.
   */
  queryTimeoutMs?: number;
};

export function databaseKind(): DatabaseKind {
  return process.env.DATABASE_URL ? "postgres" : "pglite";
}

export { pgliteDir };

export async function openPostgres(url: string, options: PostgresOptions = {}): Promise<Database> {
  const [{ default: pg }, { drizzle }] = await Promise.all([import("pg"), import("drizzle-orm/node-postgres")]);
  const pool = new pg.Pool({
    connectionString: url,
    max: options.max ?? Number(process.env.DATABASE_POOL_SIZE ?? 10),
    application_name: options.applicationName ?? "groundwork",
    // Waiting for a connection (a new one, or a free one from a busy pool) ends after 5 s.
    connectionTimeoutMillis: 5_000,
    idleTimeoutMillis: 30_000,
    // Probes idle connections, so one to a server that went away is noticed and replaced.
    keepAlive: true,
    keepAliveInitialDelayMillis: 10_000,
    // The app's queries are short and indexed; JIT compilation cost seconds on the entity dashboards
    // at 10k employees (plans that run in 0.2–0.4 s took 2–4 s), so it is off for this pool.
    options: "-c jit=off",
    ...(options.statementTimeoutMs ? { statement_timeout: options.statementTimeoutMs } : {}),
    ...(options.queryTimeoutMs ? { query_timeout: options.queryTimeoutMs } : {}),
  });
  // An idle client losing its connection must not crash the process; the pool replaces it.
  pool.on("error", (err) => logger.warn({ err }, "database: idle connection lost"));
  const db = releaseConnectionsAlways(drizzle(pool, { schema }), pool, (client) => drizzle(client, { schema }));
  return {
    kind: "postgres",
    db,
    raw: pool,
    exec: async (sqlText) => {
      await pool.query(sqlText);
    },
    close: () => pool.end(),
  };
}

/** Opens PGlite in `dir` (created if missing), or in memory when dir is undefined. */
export async function openPglite(dir: string | undefined, loadDataDir?: Blob | File): Promise<Database> {
  const [{ PGlite }, { drizzle }] = await Promise.all([import("@electric-sql/pglite"), import("drizzle-orm/pglite")]);
  if (dir) mkdirSync(dir, { recursive: true });
  const client = await PGlite.create({ dataDir: dir, loadDataDir });
  const db = drizzle(client, { schema }) as unknown as Db;
  return {
    kind: "pglite",
    db,
    raw: client,
    exec: async (sqlText) => {
      await client.exec(sqlText);
    },
    close: () => client.close(),
  };
}

/**
 * Options for the process-wide PostgreSQL pool, set before its first use: the server sets its
 * timeouts here; scripts (migrations, seeding, rebuilds) run without them.
 */
export function configureProcessDatabase(options: PostgresOptions): void {
  globalStore[OPTIONS_KEY] = options;
}

/** The pool timeouts the server runs with, from DATABASE_STATEMENT_TIMEOUT_MS (0 turns them off). */
export function serverPoolOptions(env: Readonly<Record<string, string | undefined>> = process.env): PostgresOptions {
  const statementTimeoutMs = Number(env.DATABASE_STATEMENT_TIMEOUT_MS ?? 30_000);
  if (!Number.isFinite(statementTimeoutMs) || statementTimeoutMs <= 0) return {};
  // The client gives up a little after the server would have cancelled: only a silent server trips it.
  return { statementTimeoutMs, queryTimeoutMs: statementTimeoutMs + 5_000 };
}

/** The process-wide database, opened on first call. */
export function getDatabase(): Promise<Database> {
  let pending = globalStore[GLOBAL_KEY];
  if (!pending) {
    const url = process.env.DATABASE_URL;
    pending = url ? openPostgres(url, globalStore[OPTIONS_KEY]) : openPglite(pgliteDir());
    // A failed open must not be cached forever: the next caller tries again.
    pending.catch(() => {
      if (globalStore[GLOBAL_KEY] === pending) globalStore[GLOBAL_KEY] = undefined;
    });
    globalStore[GLOBAL_KEY] = pending;
  }
  return pending;
}

export async function getDb(): Promise<Db> {
  return (await getDatabase()).db;
}

/** Closes the process-wide database if it was opened (SIGTERM, end of a script). */
export async function closeDatabase(): Promise<void> {
  const pending = globalStore[GLOBAL_KEY];
  if (!pending) return;
  globalStore[GLOBAL_KEY] = undefined;
  const database = await pending.catch(() => undefined);
  await database?.close();
}

export type PoolStats = { total: number; idle: number; waiting: number; max: number };

/**
 * Connections of the process-wide pool, for the metrics: null on PGlite (one embedded instance,
 * no pool) or when the database has not been opened (this never opens it).
 */
export async function poolStats(): Promise<PoolStats | null> {
  const pending = globalStore[GLOBAL_KEY];
  const database = pending ? await pending.catch(() => undefined) : undefined;
  if (database?.kind !== "postgres") return null;
  const pool = database.raw as { totalCount: number; idleCount: number; waitingCount: number; options: { max?: number } };
  return { total: pool.totalCount, idle: pool.idleCount, waiting: pool.waitingCount, max: pool.options.max ?? 10 };
}

/** Rows of a raw SQL query; both drivers answer `{ rows }`, which the shared Db type cannot express. */
export async function queryRows<T>(db: DbOrTx, query: SQL): Promise<T[]> {
  const result: unknown = await db.execute(query);
  return (result as { rows: T[] }).rows;
}
