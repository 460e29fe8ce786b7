// Prepares one migrated template database per test run; every test file clones it (test/db.ts).
// PostgreSQL (DATABASE_URL set): a template database created with CREATE DATABASE … TEMPLATE.
// PGlite: a data-directory dump written to a temporary file and loaded by each file.
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import type { PGlite } from "@electric-sql/pglite";
import type { TestProject } from "vitest/node";
import { openPglite, openPostgres } from "../db/client";
import { migrateDatabase } from "../db/migrate";
import { ensureReferenceData } from "../db/reference-data";
import { adminUrl, databaseUrlFor } from "./pg-urls";

declare module "vitest" {
  export interface ProvidedContext {
    testDatabase: { kind: "postgres"; template: string } | { kind: "pglite"; dumpFile: string };
  }
}

export default async function setup(project: TestProject) {
  const url = process.env.DATABASE_URL;
  if (url) {
    const template = `gw_tpl_${process.pid}_${Date.now().toString(36)}`;
    const admin = await openPostgres(adminUrl(url), { max: 1 });
    await admin.exec(`create database "${template}"`);
    const tpl = await openPostgres(databaseUrlFor(url, template), { max: 2 });
    await migrateDatabase(tpl);
    await ensureReferenceData(tpl.db);
    await tpl.close();
    project.provide("testDatabase", { kind: "postgres", template });
    return async () => {
      await admin.exec(`drop database if exists "${template}" with (force)`);
      await admin.close();
    };
  }
  const dir = mkdtempSync(path.join(os.tmpdir(), "groundwork-test-"));
  const database = await openPglite(undefined);
  await migrateDatabase(database);
  await ensureReferenceData(database.db);
  const dump = await (database.raw as PGlite).dumpDataDir("none");
  await database.close();
  const dumpFile = path.join(dir, "template.tar");
  writeFileSync(dumpFile, Buffer.from(await dump.arrayBuffer()));
  project.provide("testDatabase", { kind: "pglite", dumpFile });
  return () => rmSync(dir, { recursive: true, force: true });
}
