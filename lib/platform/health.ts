// Liveness and readiness facts for /api/health and the status page.
import "server-only";
import { sql } from "drizzle-orm";
import { getDatabase, queryRows } from "@/db";
import { logger } from "@/lib/observability/logger";

export type Readiness =
  | { ready: true; database: { kind: string; latencyMs: number; migrations: number } }
  | { ready: false; database: { kind: string; error: string } };

const startedAt = Date.now();

// Set by server.ts on SIGTERM; on globalThis because the route modules are a separate module graph.
const DRAINING = Symbol.for("groundwork.draining");
type WithDraining = typeof globalThis & { [DRAINING]?: boolean };

/** From now on readiness answers 503, so a load balancer stops sending new requests here. */
export function markDraining(): void {
  (globalThis as WithDraining)[DRAINING] = true;
}

export function isDraining(): boolean {
  return (globalThis as WithDraining)[DRAINING] === true;
}

export function liveness() {
  return { status: "ok" as const, uptimeSeconds: Math.round((Date.now() - startedAt) / 1000) };
}

/** Ready means: not shutting down, the database answers and the migrations table is present. */
export async function readiness(timeoutMs = 3_000): Promise<Readiness> {
  const kind = process.env.DATABASE_URL ? "postgres" : "pglite";
  if (isDraining()) return { ready: false, database: { kind, error: "server shutting down" } };
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
    logger.warn({ err }, "readiness: database not ready");
    return { ready: false, database: { kind, error: "database unavailable" } };
  } finally {
    clearTimeout(timer);
  }
}
