// Key rotation: re-encrypts every encrypted column value not yet under the ring's active key, so an
// old key can be removed from GROUNDWORK_ENCRYPTION_KEYS once a rotation reports nothing left.
import { sql } from "drizzle-orm";
import { type Db, queryRows } from "../../db/client";
import { setAuditContext } from "../audit/context";
import { ENCRYPTED_COLUMNS, type EncryptedColumn } from "./columns";
import { FieldDecryptionError, decryptField, encryptField, envelopePrefix } from "./fields";
import { type KeyRing, loadKeyRing } from "./keyring";

export interface RotateOptions {
  /** Rows per transaction (default 500): short transactions keep row locks brief on a live system. */
  batchSize?: number;
  log?: (line: string) => void;
}

export interface ColumnRotation {
  table: string;
  column: string;
  /** Values re-encrypted under the active key. */
  rotated: number;
  /** Values already under the active key, or changed by someone else while this batch ran. */
  skipped: number;
  /** Values that could not be decrypted (unknown key, tampered, not an envelope): left untouched. */
  failed: number;
}

/** request_id of the audit rows rotation writes, so a reviewer can tell them from real edits. */
export const ROTATION_REQUEST_ID = "keys:rotate";

interface BatchRow {
  id: number | string;
  /** Null when the value is already under the active key: those rows cost only their id. */
  stale: string | null;
}

/** Rotates every column of ENCRYPTED_COLUMNS, one after the other. */
export async function rotateEncryptedColumns(
  db: Db,
  ring: KeyRing = loadKeyRing(),
  opts: RotateOptions = {},
): Promise<ColumnRotation[]> {
  const batchSize = opts.batchSize ?? 500;
  if (!Number.isInteger(batchSize) || batchSize < 1) throw new RangeError("batchSize must be a positive integer");
  const log = opts.log ?? (() => undefined);
  const results: ColumnRotation[] = [];
  for (const target of ENCRYPTED_COLUMNS) {
    const result = await rotateColumn(db, target, ring, batchSize, log);
    log(`${target.table}.${target.column}: rotated ${result.rotated}, skipped ${result.skipped}, failed ${result.failed}`);
    results.push(result);
  }
  return results;
}

async function rotateColumn(
  db: Db,
  target: EncryptedColumn,
  ring: KeyRing,
  batchSize: number,
  log: (line: string) => void,
): Promise<ColumnRotation> {
  const table = sql.identifier(target.table);
  const column = sql.identifier(target.column);
  const idColumn = sql.identifier(target.idColumn);
  const activePrefix = envelopePrefix(ring.active.id);
  const result: ColumnRotation = { table: target.table, column: target.column, rotated: 0, skipped: 0, failed: 0 };

  // Keyset pagination on the primary key: each page starts after the last id seen, so rows
  // inserted or updated meanwhile neither shift pages nor make the walk revisit rows.
  let after: number | string | undefined;
  for (;;) {
    const cursor = after;
    const pageSize = await db.transaction(async (tx) => {
      // The audit triggers log each rewritten row (values redacted); this names the cause there.
      await setAuditContext(tx, { actorId: null, requestId: ROTATION_REQUEST_ID });
      const rows = await queryRows<BatchRow>(
        tx,
        sql`select ${idColumn} as id,
                   case when starts_with(${column}, ${activePrefix}) then null else ${column} end as stale
              from ${table}
             where ${column} is not null ${cursor === undefined ? sql`` : sql`and ${idColumn} > ${cursor}`}
             order by ${idColumn}
             limit ${batchSize}`,
      );
      for (const row of rows) {
        after = row.id;
        if (row.stale === null) {
          result.skipped++;
          continue;
        }
        const aad = { table: target.table, column: target.column, rowId: row.id };
        let plaintext: string;
        try {
          plaintext = decryptField(row.stale, aad, ring);
        } catch (error) {
          if (!(error instanceof FieldDecryptionError)) throw error;
          result.failed++;
          log(`${target.table}.${target.column} row ${String(row.id)}: not rotated (${error.reason}: ${error.message})`);
          continue;
        }
        // Compare-and-set on the old ciphertext: a value a service rewrote since the read above is
        // newer than ours and already under the active key, so it is left alone. The row's version
        // and updated_at stay as they are: the plaintext did not change, and bumping the version
        // would turn every editor's pending If-Match into a spurious conflict.
        const updated = await queryRows<{ id: number | string }>(
          tx,
          sql`update ${table} set ${column} = ${encryptField(plaintext, aad, ring)}
               where ${idColumn} = ${row.id} and ${column} = ${row.stale}
               returning ${idColumn} as id`,
        );
        if (updated.length > 0) result.rotated++;
        else result.skipped++;
      }
      return rows.length;
    });
    if (pageSize < batchSize) return result;
  }
}
