// The audit hash chain: sealed at commit in commit order, recomputed in JavaScript by
// verifyAuditChain, and broken — at the right row — by any direct edit of the log.
import { and, eq, sql } from "drizzle-orm";
import type { Pool } from "pg";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type Database, type Db, openPostgres, queryRows } from "../../db/client";
import { auditLog, entities } from "../../db/schema";
import { createTestDatabase } from "../../test/db";
import { databaseUrlFor } from "../../test/pg-urls";
import { withAudit } from "./context";
import { verifyAuditChain } from "./verify";

const postgresUrl = process.env.DATABASE_URL;

async function insertEntity(db: Db, name: string, requestId: string | null = null) {
  return withAudit(db, { actorId: null, requestId, ip: "192.0.2.1" }, async (tx) => {
    const [row] = await tx.insert(entities).values({ name }).returning();
    if (!row) throw new Error("no entity");
    return row;
  });
}

async function chainStats(db: Db) {
  const [stats] = await queryRows<{ total: number; sealed: number; distinct_seq: number; min_seq: number | null; max_seq: number | null }>(
    db,
    sql`select count(*)::int as total, count(seq)::int as sealed, count(distinct seq)::int as distinct_seq,
          min(seq)::int as min_seq, max(seq)::int as max_seq
        from audit_log`,
  );
  if (!stats) throw new Error("no stats");
  return stats;
}

describe("the sealed chain", () => {
  let database: Database;
  let db: Db;
  beforeAll(async () => {
    database = await createTestDatabase();
    db = database.db;
  });
  afterAll(async () => {
    await database.close();
  });

  it("verifies every committed row, whatever the rows contain, in any batch size", async () => {
    // Separators, escapes, quotes and non-ASCII must hash the same in SQL and JavaScript.
    const awkward = ["a|b", "back\\slash", "\\N", "ünïcödé ✓ 😀", '"quoted" {json}', "tab\there", "|\\|"];
    for (const [i, name] of awkward.entries()) await insertEntity(db, name, i % 2 ? `req|${i}\\` : null);

    const stats = await chainStats(db);
    expect(stats.sealed).toBe(stats.total);
    expect(stats).toMatchObject({ min_seq: 1, max_seq: stats.total, distinct_seq: stats.total });
    expect(await verifyAuditChain(db)).toEqual({ ok: true, rows: stats.total });
    expect(await verifyAuditChain(db, { batchSize: 2 })).toEqual({ ok: true, rows: stats.total });
    expect(await verifyAuditChain(db, { batchSize: stats.total })).toEqual({ ok: true, rows: stats.total });
  });

  it("verifies from inside a transaction whose own rows are not sealed yet", async () => {
    const before = await chainStats(db);
    const result = await withAudit(db, { actorId: null }, async (tx) => {
      await tx.insert(entities).values({ name: "Unsealed for now" });
      return verifyAuditChain(tx);
    });
    expect(result).toEqual({ ok: true, rows: before.total });
  });

  it("keeps seq contiguous under 20 concurrent committing transactions", async () => {
    const n = 20;
    // On PostgreSQL every transaction gets its own connection and all commit at once; PGlite has a
    // single connection, so there they run one after another.
    let wide: Database | undefined;
    if (postgresUrl) {
      const [current] = await queryRows<{ name: string }>(db, sql`select current_database() as name`);
      wide = await openPostgres(databaseUrlFor(postgresUrl, current?.name ?? ""), { max: n });
    }
    try {
      const target = wide?.db ?? db;
      let arrived = 0;
      let releaseAll = () => {};
      const allInserted = new Promise<void>((resolve) => (releaseAll = resolve));
      await Promise.all(
        Array.from({ length: n }, (_, i) =>
          withAudit(target, { actorId: null, requestId: `req-concurrent-${i}` }, async (tx) => {
            await tx.insert(entities).values({ name: `Concurrent ${i}` });
            if (++arrived === n) releaseAll();
            if (wide) await allInserted;
          }),
        ),
      );
    } finally {
      await wide?.close();
    }

    const stats = await chainStats(db);
    expect(stats).toMatchObject({ sealed: stats.total, distinct_seq: stats.total, min_seq: 1, max_seq: stats.total });
    const [batch] = await queryRows<{ sealed: number }>(
      db,
      sql`select count(seq)::int as sealed from audit_log where request_id like 'req-concurrent-%'`,
    );
    expect(batch?.sealed).toBe(n);
    expect(await verifyAuditChain(db)).toEqual({ ok: true, rows: stats.total });
  });

  it.runIf(postgresUrl)("fails a repeatable-read commit whose snapshot missed a newer seal as retryable", async () => {
    const [current] = await queryRows<{ name: string }>(db, sql`select current_database() as name`);
    const side = await openPostgres(databaseUrlFor(postgresUrl ?? "", current?.name ?? ""), { max: 1 });
    const client = await (side.raw as Pool).connect();
    try {
      await client.query("begin isolation level repeatable read");
      await client.query("select 1"); // takes the snapshot
      await insertEntity(db, "Committed meanwhile");
      await client.query("insert into entities (name) values ('Stale snapshot')");
      await expect(client.query("commit")).rejects.toMatchObject({ code: "40001" });
    } finally {
      client.release();
      await side.close();
    }
    expect(await db.select().from(entities).where(eq(entities.name, "Stale snapshot"))).toEqual([]);
    expect((await verifyAuditChain(db)).ok).toBe(true);
  });
});

describe("tampering", () => {
  /** A fresh database with a few sealed rows; returns the audit row of the third inserted entity. */
  async function withChain(test: (db: Db, target: { id: number; seq: number }) => Promise<void>) {
    const database = await createTestDatabase();
    try {
      const created: { id: number }[] = [];
      for (let i = 0; i < 5; i++) created.push(await insertEntity(database.db, `Chained ${i}`));
      const [target] = await database.db
        .select({ id: auditLog.id, seq: auditLog.seq })
        .from(auditLog)
        .where(and(eq(auditLog.tableName, "entities"), eq(auditLog.rowKey, String(created[2]?.id))));
      if (!target?.seq) throw new Error("no sealed target row");
      expect((await verifyAuditChain(database.db)).ok).toBe(true);
      await test(database.db, { id: target.id, seq: target.seq });
    } finally {
      await database.close();
    }
  }

  it("names the row whose content was changed", async () => {
    await withChain(async (db, target) => {
      await db.execute(sql`update audit_log set after = jsonb_set(after, '{name}', '"Mallory"') where id = ${target.id}`);
      expect(await verifyAuditChain(db, { batchSize: 3 })).toEqual({
        ok: false,
        rows: target.seq - 1,
        brokenAt: { id: target.id, seq: target.seq, reason: "hash mismatch" },
      });
    });
  });

  it("names the row after a deleted one", async () => {
    await withChain(async (db, target) => {
      await db.execute(sql`delete from audit_log where id = ${target.id}`);
      const [next] = await db.select().from(auditLog).where(eq(auditLog.seq, target.seq + 1));
      expect(await verifyAuditChain(db)).toEqual({
        ok: false,
        rows: target.seq - 1,
        brokenAt: { id: next?.id, seq: target.seq + 1, reason: "seq gap before this row" },
      });
    });
  });

  it("names the row whose link to the previous row was rewritten", async () => {
    await withChain(async (db, target) => {
      await db.execute(sql`update audit_log set prev_hash = repeat('0', 64) where id = ${target.id}`);
      expect(await verifyAuditChain(db)).toEqual({
        ok: false,
        rows: target.seq - 1,
        brokenAt: { id: target.id, seq: target.seq, reason: "prev_hash does not match previous row" },
      });
    });
  });

  it("names a committed row that was never sealed, once it is older than a minute", async () => {
    await withChain(async (db, _target) => {
      const [last] = await queryRows<{ id: string; total: number }>(
        db,
        sql`select max(id)::text as id, count(*)::int as total from audit_log`,
      );
      const id = Number(last?.id);
      await db.execute(sql`update audit_log set seq = null, prev_hash = null, hash = null where id = ${id}`);
      expect(await verifyAuditChain(db)).toEqual({ ok: true, rows: (last?.total ?? 0) - 1 });

      await db.execute(sql`update audit_log set at = at - interval '2 minutes' where id = ${id}`);
      expect(await verifyAuditChain(db)).toEqual({
        ok: false,
        rows: (last?.total ?? 0) - 1,
        brokenAt: { id, seq: null, reason: "committed without a seal (no seq or hash)" },
      });
    });
  });
});
