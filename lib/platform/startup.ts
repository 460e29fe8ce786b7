// Start-up of the database: migrate, make sure reference data exists, and fill a brand-new
// embedded database with the demo organisation so `npm start` shows a working product.
import { closeDatabase, getDatabase, openPostgres, type Database } from "../../db/client";
import { migrateDatabase } from "../../db/migrate";
import { ensureReferenceData } from "../../db/reference-data";
import { hasOrganisationData } from "../../db/seed/state";
import { logger } from "../observability/logger";

export async function prepareDatabase(log: (line: string) => void = (line) => logger.info(line)): Promise<Database> {
  const database = await getDatabase();
  const started = Date.now();
  const url = process.env.DATABASE_URL;
  if (database.kind === "postgres" && url) {
    // Migrations get a connection of their own, without the pool's statement timeout: a long
    // index build, or waiting for another replica's migration lock, is not a stuck request.
    const migrator = await openPostgres(url, { max: 1, applicationName: "groundwork-migrate" });
    try {
      await migrateDatabase(migrator);
    } finally {
      await migrator.close();
    }
  } else {
    await migrateDatabase(database);
  }
  await ensureReferenceData(database.db);
  log(`[db] ${database.kind} ready, migrations applied in ${Date.now() - started} ms`);

  const autoSeed = database.kind === "pglite" && process.env.GROUNDWORK_AUTO_SEED !== "0";
  if (autoSeed && !(await hasOrganisationData(database.db))) {
    log("[db] empty embedded database: loading the demo organisation (first start only)…");
    const { seedDemo } = await import("../../db/seed/demo");
    await seedDemo(database.db, (line) => log(`[seed] ${line}`));
  } else if (database.kind === "postgres" && !(await hasOrganisationData(database.db))) {
    log("[db] the database holds no organisation yet: run `npm run db:seed` for demo data.");
  }
  return database;
}

export { closeDatabase };
