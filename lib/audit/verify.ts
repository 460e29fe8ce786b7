// Checks the audit log's hash chain by recomputing every hash in JavaScript, so a verifier does not
// have to trust the database code that wrote it. The canonical text must match groundwork_audit_seal_pending()
// in db/migrations/0010_audit_background_seal.sql byte for byte.
// No `import "server-only"`: the audit:verify CLI command runs this outside Next.js.
import { createHash } from "node:crypto";
import { sql } from "drizzle-orm";
import { type DbOrTx, queryRows } from "../../db/client";

export type AuditChainResult =
  | { ok: true; rows: number }
  | { ok: false; rows: number; brokenAt: { id: number; seq: number | null; reason: string } };

/** The columns exactly as the database renders them as text, so no driver conversion alters them. */
interface ChainRow {
  id: string;
  seq: string;
  prev_hash: string | null;
  hash: string | null;
  at_us: string;
  actor_id: string | null;
  action: string;
  table_name: string;
  row_key: string;
  before: string | null;
  after: string | null;
  request_id: string | null;
  ip: string | null;
}

const DEFAULT_BATCH_SIZE = 1000;

/** Mirrors groundwork_audit_field(): NULL → \N, backslash and | escaped, so the encoding is injective. */
function field(value: string | null): string {
  return value === null ? "\\N" : value.replaceAll("\\", "\\\\").replaceAll("|", "\\|");
}

function expectedHash(row: ChainRow): string {
  const canonical = [
    row.seq,
    field(row.prev_hash),
    row.id,
    row.at_us,
    field(row.actor_id),
    field(row.action),
    field(row.table_name),
    field(row.row_key),
    field(row.before),
    field(row.after),
    field(row.request_id),
    field(row.ip),
  ].join("|");
  return createHash("sha256").update(canonical, "utf8").digest("hex");
}

function readBatch(db: DbOrTx, afterSeq: string, lastSeq: string, limit: number): Promise<ChainRow[]> {
  return queryRows<ChainRow>(
    db,
    sql`select id::text as id, seq::text as seq, prev_hash, hash,
          ((extract(epoch from at) * 1000000)::bigint)::text as at_us,
          actor_id::text as actor_id, action, table_name, row_key,
          before::text as before, after::text as after, request_id, ip
        from audit_log
        where seq > ${afterSeq}::bigint and seq <= ${lastSeq}::bigint
        order by audit_log.seq
        limit ${limit}`,
  );
}

/**
 * Walks the sealed rows in seq order (keyset batches, constant memory) up to the last row sealed
 * when the walk starts, checking seq continuity, prev_hash links and each hash.
 * `rows` counts the rows found intact before the first broken one.
 * Committed rows still without a seal after a minute are reported too: a running server seals
 * within a second of commit (lib/audit/sealer.ts), so such a row means no sealer has run since it
 * was written (audit:verify seals first) or that it was written around the chain.
 */
export async function verifyAuditChain(db: DbOrTx, opts: { batchSize?: number } = {}): Promise<AuditChainResult> {
  const batchSize = opts.batchSize ?? DEFAULT_BATCH_SIZE;
  if (!Number.isSafeInteger(batchSize) || batchSize < 1) throw new RangeError(`batchSize must be a positive integer, got ${batchSize}`);

  const [head] = await queryRows<{ last_seq: string | null }>(db, sql`select max(seq)::text as last_seq from audit_log`);
  const lastSeq = head?.last_seq ?? "0";

  let verified = 0;
  let expectedSeq = 1n;
  let previousHash: string | null = null;
  let afterSeq = "0";
  for (;;) {
    const batch = await readBatch(db, afterSeq, lastSeq, batchSize);
    for (const row of batch) {
      const reason =
        BigInt(row.seq) !== expectedSeq
          ? "seq gap before this row"
          : row.prev_hash !== previousHash
            ? "prev_hash does not match previous row"
            : row.hash !== expectedHash(row)
              ? "hash mismatch"
              : null;
      if (reason) return { ok: false, rows: verified, brokenAt: { id: Number(row.id), seq: Number(row.seq), reason } };
      verified += 1;
      expectedSeq += 1n;
      previousHash = row.hash;
      afterSeq = row.seq;
    }
    if (batch.length < batchSize) break;
  }

  const [unsealed] = await queryRows<{ id: string }>(
    db,
    sql`select id::text as id from audit_log
        where seq is null and at < clock_timestamp() - interval '1 minute'
        order by id limit 1`,
  );
  if (unsealed) {
    return { ok: false, rows: verified, brokenAt: { id: Number(unsealed.id), seq: null, reason: "not sealed a minute after it was written (no seq or hash)" } };
  }
  return { ok: true, rows: verified };
}
