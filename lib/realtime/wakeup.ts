// Wakes this replica's delivery when any replica commits events: a statement trigger on `events`
// sends NOTIFY, which PostgreSQL delivers after commit. On PostgreSQL one dedicated connection
// LISTENs (reconnecting with backoff if it drops); PGlite has its own listen/notify. Missed
// notifications only delay delivery: the hub also polls.
import type { PGlite } from "@electric-sql/pglite";
import type { Client as PgClient, Pool } from "pg";
import type { Database } from "../../db/client";

export const EVENTS_CHANNEL = "groundwork_events";

export type Wakeup = { close(): Promise<void> };

export async function listenForEvents(database: Database, onWake: () => void, log: (line: string) => void = console.error): Promise<Wakeup> {
  if (database.kind === "pglite") {
    const unlisten = await (database.raw as PGlite).listen(EVENTS_CHANNEL, onWake);
    return { close: () => unlisten() };
  }

  const { default: pg } = await import("pg");
  const options = (database.raw as Pool).options;
  let client: PgClient | null = null;
  let closed = false;
  let retryMs = 500;
  let retryTimer: NodeJS.Timeout | null = null;

  const connect = async (): Promise<void> => {
    const next = new pg.Client({ ...options, application_name: "groundwork-listen" });
    next.on("notification", onWake);
    next.on("error", (err) => {
      log(`[realtime] LISTEN connection lost: ${err.message}`);
      void next.end().catch(() => undefined);
      if (client === next) client = null;
      schedule();
    });
    try {
      await next.connect();
      await next.query(`LISTEN ${EVENTS_CHANNEL}`);
      if (closed) {
        await next.end();
        return;
      }
      client = next;
      retryMs = 500;
      // Events committed while no one listened are picked up by the next read.
      onWake();
    } catch (err) {
      void next.end().catch(() => undefined);
      log(`[realtime] LISTEN failed: ${(err as Error).message}; retrying in ${retryMs} ms`);
      schedule();
    }
  };

  const schedule = () => {
    if (closed || retryTimer) return;
    retryTimer = setTimeout(() => {
      retryTimer = null;
      void connect();
    }, retryMs);
    retryTimer.unref();
    retryMs = Math.min(retryMs * 2, 10_000);
  };

  await connect();
  return {
    close: async () => {
      closed = true;
      if (retryTimer) clearTimeout(retryTimer);
      const current = client;
      client = null;
      // Released before the pool ends, or shutdown waits on it.
      if (current) await current.end().catch(() => undefined);
    },
  };
}
