// npm run db:migrate — applies the committed migrations to DATABASE_URL or the embedded database.
// Never run it against a PGlite folder a running server has open: the server migrates at start.
import { closeDatabase, databaseKind, getDatabase, pgliteDir } from "../db/client";
import { migrateDatabase } from "../db/migrate";

const database = await getDatabase();
const started = Date.now();
await migrateDatabase(database);
console.log(`migrations applied to ${databaseKind() === "postgres" ? "PostgreSQL (DATABASE_URL)" : `PGlite at ${pgliteDir()}`} in ${Date.now() - started} ms`);
await closeDatabase();
