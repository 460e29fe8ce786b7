import { defineConfig } from "drizzle-kit";

// Migrations are generated from db/schema and applied in-process at start (db/migrate.ts),
// so the same files serve PGlite and PostgreSQL.
export default defineConfig({
  dialect: "postgresql",
  schema: "./db/schema/index.ts",
  out: "./db/migrations",
  strict: true,
  verbose: true,
});
