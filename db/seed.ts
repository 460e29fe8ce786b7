// npm run db:seed [-- --scale N] [-- --force]
// Demo organisation by default; `--scale N` loads benchmark data for N employees instead.
// Refuses a database that already holds an organisation unless --force is given (demo data only).
import { parseArgs } from "node:util";
import { sealAuditLog } from "../lib/audit/sealer";
import { closeDatabase, databaseKind, getDatabase, pgliteDir } from "./client";
import { migrateDatabase } from "./migrate";
import { ensureReferenceData } from "./reference-data";
import { seedDemo } from "./seed/demo";
import { seedScale } from "./seed/scale";
import { hasOrganisationData } from "./seed/state";

const { values } = parseArgs({
  options: {
    scale: { type: "string" },
    force: { type: "boolean", default: false },
    help: { type: "boolean", short: "h", default: false },
  },
  strict: true,
});

if (values.help) {
  console.log("usage: npm run db:seed [-- --scale N] [-- --force]");
  process.exit(0);
}

const scale = values.scale === undefined ? undefined : Number(values.scale);
if (scale !== undefined && (!Number.isInteger(scale) || scale < 1 || scale > 1_000_000)) {
  console.error(`--scale must be a whole number of employees between 1 and 1000000 (got "${values.scale ?? ""}")`);
  process.exit(2);
}

if (scale !== undefined && values.force) {
  console.error("--scale fills an empty database only (its ids follow the employee numbers); --force cannot be combined with it.");
  process.exit(2);
}

const target = databaseKind() === "postgres" ? "PostgreSQL (DATABASE_URL)" : `PGlite at ${pgliteDir()}`;
const database = await getDatabase();
try {
  await migrateDatabase(database);
  await ensureReferenceData(database.db);
  if ((await hasOrganisationData(database.db)) && !values.force) {
    console.error(`${target} already holds an organisation; not seeding. Pass --force to add to it anyway.`);
    process.exitCode = 1;
  } else {
    const started = Date.now();
    const counts = scale === undefined ? await seedDemo(database.db) : await seedScale(database, scale);
    // The audit rows the seed wrote join the hash chain now, not in the first minutes of the server.
    await sealAuditLog(database.db);
    console.log(`seeded ${target} in ${((Date.now() - started) / 1000).toFixed(1)} s`);
    console.table(counts);
  }
} finally {
  await closeDatabase();
}
