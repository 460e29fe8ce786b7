// The database client: node-postgres when DATABASE_URL is set, embedded PGlite otherwise.
// Opened lazily on first use (so `next build` never connects) and kept on globalThis, because the
// custom server and Next's bundled route modules are separate module graphs that must share one
// PGlite instance: two instances on one folder would corrupt it.
import { mkdirSync } from "node:fs";
import type { ExtractTablesWithRelations, SQL } from "drizzle-orm";
import type { PgDatabase, PgQueryResultHKT, PgTransaction } from "drizzle-orm/pg-core";
import { pgliteDir } from "../lib/platform/local-data";
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
type GlobalWithDb = typeof globalThis & { [GLOBAL_KEY]?: Promise<Database> };
const globalStore = globalThis as GlobalWithDb;

export function databaseKind(): DatabaseKind {
  return process.env.DATABASE_URL ? "postgres" : "pglite";
}

export { pgliteDir };

export async function openPostgres(url: string, options: { max?: number; applicationName?: string } = {}): Promise<Database> {
  const [{ default: pg }, { drizzle }] = await Promise.all([import("pg"), import("drizzle-orm/node-postgres")]);
  const pool = new pg.Pool({
    connectionString: url,
    max: options.max ?? Number(process.env.DATABASE_POOL_SIZE ?? 10),
    application_name: options.applicationName ?? "groundwork",
    connectionTimeoutMillis: 5_000,
    idleTimeoutMillis: 30_000,
  });
  // An idle client losing its connection must not crash the process; the pool replaces it.
  pool.on("error", (err) => console.error("[db] idle client error:", err.message));
  const db = drizzle(pool, { schema }) as unknown as Db;
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

/** The process-wide database, opened on first call. */
export function getDatabase(): Promise<Database> {
  let pending = globalStore[GLOBAL_KEY];
  if (!pending) {
    const url = process.env.DATABASE_URL;
    pending = url ? openPostgres(url) : openPglite(pgliteDir());
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

/** Rows of a raw SQL query; both drivers answer `{ rows }`, which the shared Db type cannot express. */
export async function queryRows<T>(db: DbOrTx, query: SQL): Promise<T[]> {
  const result: unknown = await db.execute(query);
  return (result as { rows: T[] }).rows;
}
