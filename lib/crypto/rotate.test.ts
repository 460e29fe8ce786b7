import { sql } from "drizzle-orm";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { type Database, type Db, queryRows } from "../../db/client";
import { createTestDatabase } from "../../test/db";
import { ENCRYPTED_COLUMNS } from "./columns";
import { decryptField, encryptField, encryptNullable, envelopeKeyId } from "./fields";
import { type KeyRing, generateKeyEntry, parseKeyRing } from "./keyring";
import { ROTATION_REQUEST_ID, rotateEncryptedColumns } from "./rotate";

const entryA = generateKeyEntry("keyA");
const entryB = generateKeyEntry("keyB");
const ringA = parseKeyRing(entryA);
const ringB = parseKeyRing(entryB);
const ringBA = parseKeyRing(`${entryB},${entryA}`);

interface Personal {
  phone: string | null;
  notes: string | null;
  emergency: string | null;
}

let database: Database;
let db: Db;
beforeEach(async () => {
  database = await createTestDatabase();
  db = database.db;
});
afterEach(async () => {
  await database.close();
});

async function insertEntity(): Promise<number> {
  const [row] = await queryRows<{ id: number }>(db, sql`insert into entities (name) values ('Crypto test') returning id`);
  if (!row) throw new Error("entity insert returned nothing");
  return row.id;
}

// Inserts first and encrypts in the same transaction, because the AAD needs the new row's id.
async function insertUser(entityId: number, n: number, personal: Personal, ring: KeyRing): Promise<number> {
  return db.transaction(async (tx) => {
    const [row] = await queryRows<{ id: number }>(
      tx,
      sql`insert into users (email, name, entity_id) values (${`user${n}@crypto.test`}, ${`User ${n}`}, ${entityId}) returning id`,
    );
    if (!row) throw new Error("user insert returned nothing");
    const aad = (column: string) => ({ table: "users", column, rowId: row.id });
    await tx.execute(sql`update users set
        phone_enc = ${encryptNullable(personal.phone, aad("phone_enc"), ring)},
        personal_notes_enc = ${encryptNullable(personal.notes, aad("personal_notes_enc"), ring)},
        emergency_contact_enc = ${encryptNullable(personal.emergency, aad("emergency_contact_enc"), ring)}
      where id = ${row.id}`);
    return row.id;
  });
}

async function insertSubmission(userId: number, feedback: string, ring: KeyRing): Promise<number> {
  const [task] = await queryRows<{ id: number }>(db, sql`insert into tasks (name) values ('Review me') returning id`);
  if (!task) throw new Error("task insert returned nothing");
  const [step] = await queryRows<{ id: number }>(
    db,
    sql`insert into task_steps (task_id, position, name, kind) values (${task.id}, 1, 'Upload', 'submission') returning id`,
  );
  if (!step) throw new Error("step insert returned nothing");
  const [submission] = await queryRows<{ id: number }>(
    db,
    sql`insert into submissions (task_id, task_step_id, user_id, body) values (${task.id}, ${step.id}, ${userId}, 'work') returning id`,
  );
  if (!submission) throw new Error("submission insert returned nothing");
  const envelope = encryptField(feedback, { table: "submissions", column: "private_feedback_enc", rowId: submission.id }, ring);
  await db.execute(sql`update submissions set private_feedback_enc = ${envelope} where id = ${submission.id}`);
  return submission.id;
}

function personalFor(n: number): Personal {
  return { phone: `PHONE-SECRET-${n}`, notes: `NOTES-SECRET-${n}`, emergency: n % 3 === 0 ? null : `EMERGENCY-SECRET-${n}` };
}

interface UserRow {
  id: number;
  phone_enc: string | null;
  personal_notes_enc: string | null;
  emergency_contact_enc: string | null;
  version: number;
}

async function userRows(): Promise<UserRow[]> {
  return queryRows<UserRow>(db, sql`select id, phone_enc, personal_notes_enc, emergency_contact_enc, version from users order by id`);
}

describe("rotateEncryptedColumns", () => {
  it("stores no plaintext, moves every value onto the active key, and has nothing left on a second run", async () => {
    const entityId = await insertEntity();
    const expected = new Map<number, Personal>();
    for (let n = 1; n <= 5; n++) {
      const personal = personalFor(n);
      expected.set(await insertUser(entityId, n, personal, ringA), personal);
    }
    const submissionId = await insertSubmission([...expected.keys()][0] ?? 0, "FEEDBACK-SECRET", ringA);

    const before = await userRows();
    expect(before).toHaveLength(5);
    for (const row of before) {
      for (const value of [row.phone_enc, row.personal_notes_enc, row.emergency_contact_enc]) {
        if (value === null) continue;
        expect(value).not.toMatch(/SECRET/);
        expect(envelopeKeyId(value)).toBe("keyA");
      }
    }
    // Every non-null value of the four columns: 5 phones, 5 notes, 4 emergency contacts, 1 feedback.
    const nonNull = { phone_enc: 5, personal_notes_enc: 5, emergency_contact_enc: 4, private_feedback_enc: 1 };

    const logged: string[] = [];
    const first = await rotateEncryptedColumns(db, ringBA, { batchSize: 2, log: (line) => logged.push(line) });
    expect(first).toEqual(
      ENCRYPTED_COLUMNS.map((c) => ({ table: c.table, column: c.column, rotated: nonNull[c.column as keyof typeof nonNull], skipped: 0, failed: 0 })),
    );
    expect(logged.join("\n")).not.toMatch(/SECRET/);

    // Decrypting with key B alone proves nothing still depends on key A.
    const after = await userRows();
    for (const row of after) {
      const personal = expected.get(row.id);
      const values: [string, string | null, string | null][] = [
        ["phone_enc", row.phone_enc, personal?.phone ?? null],
        ["personal_notes_enc", row.personal_notes_enc, personal?.notes ?? null],
        ["emergency_contact_enc", row.emergency_contact_enc, personal?.emergency ?? null],
      ];
      for (const [column, envelope, plaintext] of values) {
        if (plaintext === null) {
          expect(envelope).toBeNull();
          continue;
        }
        expect(envelope).not.toBeNull();
        expect(envelopeKeyId(envelope ?? "")).toBe("keyB");
        expect(decryptField(envelope ?? "", { table: "users", column, rowId: row.id }, ringB)).toBe(plaintext);
      }
      // Rotation does not change what the row means, so it must not break anyone's If-Match.
      expect(row.version).toBe(1);
    }
    const [feedback] = await queryRows<{ private_feedback_enc: string }>(
      db,
      sql`select private_feedback_enc from submissions where id = ${submissionId}`,
    );
    const aad = { table: "submissions", column: "private_feedback_enc", rowId: submissionId };
    expect(decryptField(feedback?.private_feedback_enc ?? "", aad, ringB)).toBe("FEEDBACK-SECRET");

    // Each rewritten row is audited under the rotation's request id, with the values redacted.
    const audited = await queryRows<{ table_name: string; before: unknown; after: unknown }>(
      db,
      sql`select table_name, before, after from audit_log where request_id = ${ROTATION_REQUEST_ID}`,
    );
    expect(audited).toHaveLength(Object.values(nonNull).reduce((sum, n) => sum + n, 0));
    expect(JSON.stringify(audited)).not.toMatch(/SECRET|v1\.key/);

    const second = await rotateEncryptedColumns(db, ringBA, { batchSize: 2 });
    expect(second.map((r) => r.rotated)).toEqual([0, 0, 0, 0]);
    expect(second.map((r) => r.skipped)).toEqual(ENCRYPTED_COLUMNS.map((c) => nonNull[c.column as keyof typeof nonNull]));
    expect(await userRows()).toEqual(after);
  });

  it("leaves values it cannot decrypt untouched and reports them, rotating the rest; refuses a bad batch size", async () => {
    const entityId = await insertEntity();
    const good = await insertUser(entityId, 1, { phone: "PHONE-SECRET-1", notes: null, emergency: null }, ringA);
    const unknownKey = await insertUser(entityId, 2, { phone: "PHONE-SECRET-2", notes: null, emergency: null }, parseKeyRing(generateKeyEntry("lost")));
    const moved = await insertUser(entityId, 3, { phone: null, notes: null, emergency: null }, ringA);
    // A ciphertext copied into another row must not be "repaired" by re-encrypting it for that row.
    await db.execute(sql`update users set phone_enc = (select phone_enc from users where id = ${good}) where id = ${moved}`);
    const stuck = (await userRows()).filter((r) => r.id !== good);

    const logged: string[] = [];
    const [phones] = await rotateEncryptedColumns(db, ringBA, { log: (line) => logged.push(line) });
    expect(phones).toEqual({ table: "users", column: "phone_enc", rotated: 1, skipped: 0, failed: 2 });
    expect(logged.some((line) => line.includes(`row ${unknownKey}`) && line.includes("unknown-key"))).toBe(true);
    expect(logged.some((line) => line.includes(`row ${moved}`) && line.includes("authentication-failed"))).toBe(true);
    expect((await userRows()).filter((r) => r.id !== good)).toEqual(stuck);

    await expect(rotateEncryptedColumns(db, ringBA, { batchSize: 0 })).rejects.toThrow(RangeError);
  });
});
