// Appends committed audit rows to the hash chain. The audit triggers write each row unsealed in the
// changing transaction; sealing after commit, in batches, keeps audited writes from queuing behind
// one another's commit (a seal inside the commit held one lock across every writer's disk flush).
// groundwork_audit_seal_pending() (db/migrations/0010_audit_background_seal.sql) does the work
// under an advisory lock, so any number of replicas may run a sealer: one seals, the rest skip.
// No `import "server-only"`: the server and the audit:verify command run this outside Next.js.
import { sql } from "drizzle-orm";
import { type Db, queryRows } from "../../db/client";
import { isDatabaseUnavailable } from "../../db/unavailable";

const BATCH_ROWS = 1_000;

/**
 * Seals every committed row waiting, a batch per transaction; returns how many it sealed. Returns
 * early (possibly 0) when another sealer holds the chain: that one seals the rest.
 */
export async function sealAuditLog(db: Db, batchRows = BATCH_ROWS): Promise<number> {
  if (!Number.isSafeInteger(batchRows) || batchRows < 1) throw new RangeError(`batchRows must be a positive integer, got ${batchRows}`);
  let total = 0;
  for (;;) {
    // Read committed whatever the database's default: after taking the lock, the function's next
    // statement must see the chain as the previous sealer committed it.
    const [row] = await db.transaction(
      (tx) => queryRows<{ sealed: number }>(tx, sql`select groundwork_audit_seal_pending(${batchRows}) as sealed`),
      { isolationLevel: "read committed" },
    );
    const sealed = row?.sealed ?? 0;
    total += sealed;
    if (sealed < batchRows) return total;
  }
}

export type AuditSealer = {
  /** Seals now (or joins the run in progress). */
  sealNow(): Promise<void>;
  /** Stops the timer and seals what is left. */
  stop(): Promise<void>;
};

/** Seals every `intervalMs` in the background; failures are logged, and retried on the next tick. */
export function startAuditSealer(db: Db, options: { intervalMs: number; log: (err: unknown, unavailable: boolean) => void }): AuditSealer {
  if (!Number.isFinite(options.intervalMs) || options.intervalMs < 10) throw new RangeError(`the sealing interval must be at least 10 ms, got ${options.intervalMs}`);
  let running: Promise<void> | null = null;
  const sealNow = (): Promise<void> => {
    running ??= sealAuditLog(db)
      .then(() => undefined)
      .catch((err: unknown) => options.log(err, isDatabaseUnavailable(err)))
      .finally(() => {
        running = null;
      });
    return running;
  };
  const timer = setInterval(() => void sealNow(), options.intervalMs);
  timer.unref();
  return {
    sealNow,
    async stop() {
      clearInterval(timer);
      await running;
      await sealNow();
    },
  };
}
