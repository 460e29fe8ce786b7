// Data for the fault test: a fresh database on the throwaway cluster, migrated and filled with the
// demo organisation, and one API token per writer (the token limit is per token, so writers do not
// throttle each other) plus one for the recovery probe.
import { inArray } from "drizzle-orm";
import pg from "pg";
import { openPostgres } from "../../db/client";
import { migrateDatabase } from "../../db/migrate";
import { ensureReferenceData } from "../../db/reference-data";
import { users } from "../../db/schema";
import { seedDemo } from "../../db/seed/demo";
import { createApiToken } from "../../lib/auth/tokens";

/** Who writes: employees ask for tasks (pending approval); managers and the admin grant them at once (a task is created too). */
export const WRITER_EMAILS = [
  "employee@demo.test",
  "tomas.alvarez@demo.test",
  "hannah.lindqvist@demo.test",
  "ravi.patel@demo.test",
  "manager@demo.test",
  "priya.raman@demo.test",
  "sofia.martinez@demo.test",
  "admin@demo.test",
] as const;
const PROBE_EMAIL = "admin@demo.test";

export type Writer = { index: number; email: string; userId: number; role: string; token: string };
export type TestData = { writers: Writer[]; probeToken: string; seedMs: number };

export async function createDatabase(adminUrl: string, name: string): Promise<void> {
  const client = new pg.Client({ connectionString: adminUrl });
  await client.connect();
  try {
    await client.query(`create database "${name}"`);
  } finally {
    await client.end();
  }
}

/** Migrates and seeds `url` (GROUNDWORK_ENCRYPTION_KEYS must be set), then mints the tokens. */
export async function prepareTestData(url: string, writerCount: number): Promise<TestData> {
  if (writerCount < 1 || writerCount > WRITER_EMAILS.length) throw new Error(`writers must be 1–${WRITER_EMAILS.length}`);
  const database = await openPostgres(url, { max: 4, applicationName: "fault-setup" });
  try {
    const started = Date.now();
    await migrateDatabase(database);
    await ensureReferenceData(database.db);
    await seedDemo(database.db, () => undefined);
    const seedMs = Date.now() - started;

    const emails = WRITER_EMAILS.slice(0, writerCount);
    const rows = await database.db
      .select({ id: users.id, email: users.email, role: users.role })
      .from(users)
      .where(inArray(users.email, [...emails, PROBE_EMAIL]));
    const byEmail = new Map(rows.map((r) => [r.email, r]));
    const mint = async (email: string, name: string) => {
      const user = byEmail.get(email);
      if (!user) throw new Error(`the demo organisation has no user ${email}`);
      const { token } = await createApiToken(database.db, { systemUserId: user.id }, { name, scopes: ["read", "write"] });
      return { user, token };
    };
    const writers: Writer[] = [];
    for (const [index, email] of emails.entries()) {
      const { user, token } = await mint(email, `fault-writer-${index}`);
      writers.push({ index, email, userId: user.id, role: user.role, token });
    }
    const probeToken = (await mint(PROBE_EMAIL, "fault-probe")).token;
    return { writers, probeToken, seedMs };
  } finally {
    await database.close();
  }
}
