// The benchmark database: created and filled with `db:seed --scale N` on first use, reused (and
// migrated) afterwards; and the API tokens the load is sent with, minted fresh for every run.
import { spawn } from "node:child_process";
import { randomBytes } from "node:crypto";
import pg from "pg";
import { openPostgres } from "../db/client";
import { migrateDatabase } from "../db/migrate";
import { ensureReferenceData } from "../db/reference-data";
import { sealAuditLog } from "../lib/audit/sealer";
import { hashToken } from "../lib/auth/principal";
import { TOKEN_DISPLAY_PREFIX_LENGTH, TOKEN_PREFIX } from "../lib/auth/tokens";
import { databaseUrlFor } from "../test/pg-urls";

/** The name the benchmark's tokens carry: each run revokes the previous run's. */
export const TOKEN_NAME = "bench";

export async function ensureDatabase(baseUrl: string, database: string): Promise<void> {
  if (!/^[a-z_][a-z0-9_]*$/.test(database)) throw new Error(`--database must be a plain lower-case name, got "${database}"`);
  const admin = new pg.Client({ connectionString: databaseUrlFor(baseUrl, "postgres") });
  await admin.connect();
  try {
    const exists = await admin.query("select 1 from pg_database where datname = $1", [database]);
    if (exists.rowCount === 0) {
      console.log(`creating database ${database}`);
      await admin.query(`create database "${database}"`);
    }
  } finally {
    await admin.end();
  }
}

/**
 * Seeds an empty database with N employees (minutes at 10 000: run once, then reused); refuses a
 * database holding other data, and brings a reused one up to the current migrations.
 */
export async function ensureSeeded(url: string, employees: number): Promise<number> {
  const database = await openPostgres(url, { max: 2, applicationName: "gw-bench" });
  try {
    await migrateDatabase(database);
    await ensureReferenceData(database.db);
    const pool = database.raw as pg.Pool;
    const { rows } = await pool.query<{ employees: number; users: number }>(
      "select count(*) filter (where email like 'e%@scale.test' and role = 'employee')::int as employees, count(*)::int as users from users",
    );
    const found = rows[0] ?? { employees: 0, users: 0 };
    if (found.users > 0 && found.employees === 0) throw new Error("the benchmark database holds users that are not scale data; name another --database");
    if (found.employees > 0) {
      // Rows an earlier run left unsealed would be sealed by the app server during the measurement;
      // and what earlier runs wrote is vacuumed, so each run starts from a settled database.
      await sealAuditLog(database.db);
      await pool.query("vacuum (analyze)");
      if (found.employees !== employees) console.log(`note: ${found.employees} seeded employees found (asked for ${employees}); using them`);
      return found.employees;
    }
  } finally {
    await database.close();
  }
  console.log(`seeding ${employees} employees (db:seed --scale ${employees}); this takes minutes and happens once`);
  const started = Date.now();
  // The seed prints its progress; it is the same command a person would run.
  const child = spawn("npm", ["run", "-s", "db:seed", "--", "--scale", String(employees)], { env: { ...process.env, DATABASE_URL: url }, stdio: "inherit" });
  const code = await new Promise<number | null>((resolve, reject) => {
    child.once("error", reject);
    child.once("exit", resolve);
  });
  if (code !== 0) throw new Error(`db:seed --scale ${employees} failed (exit code ${String(code)})`);
  console.log(`seeded in ${Math.round((Date.now() - started) / 1000)} s`);
  return employees;
}

/**
 * `perUser` read+write tokens for each user, written in bulk (the per-user cap of 50 active tokens
 * still holds). Every token may be used 600 times a minute, so the load spreads over many of them.
 */
export async function mintTokens(pool: pg.Pool, userIds: readonly number[], perUser = 1): Promise<Map<number, string[]>> {
  if (perUser > 50) throw new Error("a user holds at most 50 active tokens");
  const tokens = new Map<number, string[]>();
  const rows: { userId: number; token: string }[] = [];
  for (const userId of new Set(userIds)) {
    const mine = Array.from({ length: perUser }, () => TOKEN_PREFIX + randomBytes(32).toString("base64url"));
    tokens.set(userId, mine);
    for (const token of mine) rows.push({ userId, token });
  }
  for (let i = 0; i < rows.length; i += 2_000) {
    const chunk = rows.slice(i, i + 2_000);
    await pool.query(
      `insert into api_tokens (user_id, name, token_hash, prefix, scopes)
       select u, $1, h, p, array['read', 'write']::text[] from unnest($2::int[], $3::text[], $4::text[]) as t(u, h, p)`,
      [TOKEN_NAME, chunk.map((r) => r.userId), chunk.map((r) => hashToken(r.token)), chunk.map((r) => r.token.slice(0, TOKEN_DISPLAY_PREFIX_LENGTH))],
    );
  }
  return tokens;
}

/** Revokes the tokens of earlier runs, so the per-user cap and the token table stay small. */
export async function revokeOldTokens(pool: pg.Pool): Promise<void> {
  await pool.query("update api_tokens set revoked_at = now() where name = $1 and revoked_at is null", [TOKEN_NAME]);
}
