// Makes a test file's database the process-wide one, for code that reaches it through getDb() /
// getDatabase() rather than a `db` argument (the rate limiters, route handlers, CLI commands).
import { afterAll } from "vitest";
import { type Database } from "../db/client";
import { resetLimiters } from "../lib/ratelimit/limiters";
import { createTestDatabase } from "./db";

// The key db/client.ts caches the process database under (Symbol.for is shared across module graphs).
const DATABASE_KEY = Symbol.for("groundwork.database");
type GlobalWithDb = typeof globalThis & { [DATABASE_KEY]?: Promise<Database> };

/**
 * Installs `database` as the process database and drops cached rate limiters (they hold the
 * database they were created with). The installed copy's close() does nothing, so code under test
 * that calls closeDatabase() cannot close the database the test file still owns and closes in its
 * afterAll. closeDatabase() does forget it, though: call this again after such code, or the next
 * getDb() would open the real DATABASE_URL or the .data/ PGlite folder.
 */
export function installTestProcessDatabase(database: Database): void {
  const borrowed: Database = { ...database, close: () => Promise.resolve() };
  (globalThis as GlobalWithDb)[DATABASE_KEY] = Promise.resolve(borrowed);
  resetLimiters();
}

/**
 * The same function under its first name. The `use` prefix makes eslint's react-hooks rule treat
 * calls outside a callback (in loops, in helpers) as hook calls, so prefer the name above there.
 */
export const useTestDatabaseAsProcessDatabase = installTestProcessDatabase;

/** Forgets the installed database and the limiters built on it (afterAll, before closing it). */
export function releaseProcessDatabase(): void {
  (globalThis as GlobalWithDb)[DATABASE_KEY] = undefined;
  resetLimiters();
}

/**
 * Opens the test file's database and installs it as the process database for the whole file:
 * call it once at the top of the file (`const { db } = await openTestProcessDatabase();`). It is
 * released and closed after the file's other afterAll hooks, once its last test has run.
 */
export async function openTestProcessDatabase(): Promise<Database> {
  const database = await createTestDatabase();
  installTestProcessDatabase(database);
  afterAll(async () => {
    releaseProcessDatabase();
    await database.close();
  });
  return database;
}
