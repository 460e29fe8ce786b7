// Liveness and readiness facts for /api/health and the status page.
import "server-only";
import { sql } from "drizzle-orm";
import { getDatabase, queryRows } from "@/db";

export type Readiness =
  | { ready: true; database: { kind: string; latencyMs: number; migrations: number } }
  | { ready: false; database: { kind: string; error: string } };

const startedAt = Date.now();

export function liveness() {
  return { status: "ok" as const, uptimeSeconds: Math.round((Date.now() - startedAt) / 1000) };
}

/** Ready means: the database answers and the migrations table is present. */
export async function readiness(timeoutMs = 3_000): Promise<Readiness> {
  const kind = process.env.DATABASE_URL ? "postgres" : "pglite";
  const started = performance.now();
  let timer: NodeJS.Timeout | undefined;
  try {
    const check = (async () => {
      const database = await getDatabase();
      const rows = await queryRows<{ migrations: number }>(
        database.db,
        sql`select count(*)::int as migrations from drizzle.__drizzle_migrations`,
      );
      return rows[0]?.migrations ?? 0;
    })();
    const timeout = new Promise<never>((_, reject) => {
      timer = setTimeout(() => reject(new Error(`no answer within ${timeoutMs} ms`)), timeoutMs);
    });
    const migrations = await Promise.race([check, timeout]);
    return { ready: true, database: { kind, latencyMs: Math.round(performance.now() - started), migrations } };
  } catch (err) {
    // The cause is logged; the public answer names no internals.
    console.error("[health] database not ready:", err instanceof Error ? err.message : err);
    return { ready: false, database: { kind, error: "database unavailable" } };
  } finally {
    clearTimeout(timer);
  }
}
