// npm run -s cli -- audit:verify [--batch-size N] — seals the audit rows still waiting, then
// recomputes the audit log's hash chain of the process database (DATABASE_URL or the embedded
// PGlite) and exits 1 when it is broken.
import { closeDatabase, getDatabase } from "../../db/client";
import { sealAuditLog } from "../../lib/audit/sealer";
import { verifyAuditChain } from "../../lib/audit/verify";

const USAGE = "usage: audit:verify [--batch-size N]";

function parseBatchSize(args: string[]): number | undefined | Error {
  let batchSize: number | undefined;
  for (let i = 0; i < args.length; i++) {
    const arg = args[i] ?? "";
    const inline = arg.startsWith("--batch-size=") ? arg.slice("--batch-size=".length) : undefined;
    if (arg !== "--batch-size" && inline === undefined) return new Error(`unknown argument ${arg}`);
    const value = inline ?? args[++i];
    batchSize = Number(value);
    if (!Number.isSafeInteger(batchSize) || batchSize < 1) return new Error(`--batch-size needs a positive integer, got ${String(value)}`);
  }
  return batchSize;
}

/** Returns the exit code: 0 when the chain is intact, 1 when it is broken, 2 for bad arguments. */
export async function auditVerify(args: string[]): Promise<number> {
  const batchSize = parseBatchSize(args);
  if (batchSize instanceof Error) {
    console.error(`${batchSize.message}\n${USAGE}`);
    return 2;
  }
  try {
    const database = await getDatabase();
    // Rows written while no server ran (CLI commands, imports) are still waiting for their seal.
    const sealed = await sealAuditLog(database.db);
    if (sealed > 0) console.log(`sealed ${sealed} audit rows that were waiting`);
    const result = await verifyAuditChain(database.db, { batchSize });
    if (result.ok) {
      console.log(`audit chain OK: ${result.rows} rows`);
      return 0;
    }
    const { id, seq, reason } = result.brokenAt;
    console.log(`audit chain BROKEN at row id=${id} seq=${seq ?? "null"}: ${reason}`);
    return 1;
  } finally {
    await closeDatabase();
  }
}
