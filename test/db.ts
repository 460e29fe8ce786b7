// A fresh database for one test file, cloned from the run's migrated template (test/global-setup.ts).
import { randomBytes } from "node:crypto";
import { readFileSync } from "node:fs";
import { afterAll, inject } from "vitest";
import { type Database, openPglite, openPostgres } from "../db/client";
import { adminUrl, databaseUrlFor } from "./pg-urls";

export async function createTestDatabase(): Promise<Database> {
  const target = inject("testDatabase");
  if (target.kind === "pglite") {
    const dump = new Blob([readFileSync(target.dumpFile)]);
    return openPglite(undefined, dump);
  }
  const url = process.env.DATABASE_URL;
  if (!url) throw new Error("DATABASE_URL disappeared between global setup and the test file");
  const name = `gw_t_${randomBytes(6).toString("hex")}`;
  const admin = await openPostgres(adminUrl(url), { max: 1 });
  try {
    await admin.exec(`create database "${name}" template "${target.template}"`);
  } finally {
    await admin.close();
  }
  const database = await openPostgres(databaseUrlFor(url, name), { max: 4 });
  return {
    ...database,
    close: async () => {
      await database.close();
      const cleanup = await openPostgres(adminUrl(url), { max: 1 });
      try {
        await cleanup.exec(`drop database if exists "${name}" with (force)`);
      } finally {
        await cleanup.close();
      }
    },
  };
}

/**
 * The test file's own database, closed after its last test: call it once at the top of the file
 * (`const { db } = await openTestDatabase();`). For code that reaches the database through getDb(),
 * use openTestProcessDatabase() (test/use-database.ts) instead.
 */
export async function openTestDatabase(): Promise<Database> {
  const database = await createTestDatabase();
  afterAll(() => database.close());
  return database;
}
