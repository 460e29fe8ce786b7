// The audit hash chain: sealed after commit by the sealer, in the order it finds committed rows,
// recomputed in JavaScript by verifyAuditChain, and broken — at the right row — by any direct edit
// of the log.
import { and, eq, sql } from "drizzle-orm";
import type { Pool, PoolClient } from "pg";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { type Database, type Db, openPostgres, queryRows } from "../../db/client";
import { auditLog, entities } from "../../db/schema";
import { createTestDatabase } from "../../test/db";
import { databaseUrlFor } from "../../test/pg-urls";
import { withAudit } from "./context";
import { sealAuditLog, startAuditSealer } from "./sealer";
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
    await sealAuditLog(db);
    const awkward = ["a|b", "back\\slash", "\\N", "ünïcödé ✓ 😀", '"quoted" {json}', "tab\there", "|\\|"];
    for (const [i, name] of awkward.entries()) await insertEntity(db, name, i % 2 ? `req|${i}\\` : null);
    expect(await sealAuditLog(db, 3)).toBe(awkward.length);

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

  it("keeps seq contiguous while 20 transactions commit and sealers run side by side", async () => {
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
          }).then(() => sealAuditLog(target, 2)),
        ),
      );
    } finally {
      await wide?.close();
    }
    // A sealer that found the chain busy left its rows to the one holding it; this picks up the rest.
    await sealAuditLog(db);

    const stats = await chainStats(db);
    expect(stats).toMatchObject({ sealed: stats.total, distinct_seq: stats.total, min_seq: 1, max_seq: stats.total });
    const [batch] = await queryRows<{ sealed: number }>(
      db,
      sql`select count(seq)::int as sealed from audit_log where request_id like 'req-concurrent-%'`,
    );
    expect(batch?.sealed).toBe(n);
    expect(await verifyAuditChain(db)).toEqual({ ok: true, rows: stats.total });
  });

  it.runIf(postgresUrl)("seals only committed rows: a transaction still open keeps its rows out of the chain", async () => {
    await sealAuditLog(db);
    await withSideConnection(async (client) => {
      await client.query("begin");
      await client.query("set local groundwork.request_id = 'req-open'");
      await client.query("insert into entities (name) values ('Not committed yet')");
      await insertEntity(db, "Committed meanwhile", "req-committed");
      expect(await sealAuditLog(db)).toBe(1);
      await client.query("commit");
    });
    expect(await sealAuditLog(db)).toBe(1);
    const rows = await queryRows<{ request_id: string; seq: number }>(
      db,
      sql`select request_id, seq::int as seq from audit_log where request_id in ('req-open', 'req-committed') order by seq`,
    );
    // The chain follows the order rows became visible, not the order they were written.
    expect(rows.map((r) => r.request_id)).toEqual(["req-committed", "req-open"]);
    expect(await verifyAuditChain(db)).toEqual({ ok: true, rows: (await chainStats(db)).total });
  });

  it.runIf(postgresUrl)("lets one sealer work at a time: another returns at once and leaves the rows to it", async () => {
    await insertEntity(db, "Waiting for a seal");
    await withSideConnection(async (client) => {
      await client.query("begin");
      await client.query("select groundwork_audit_seal_pending(0)"); // takes the chain's lock, seals nothing
      expect(await sealAuditLog(db)).toBe(0);
      await client.query("commit");
    });
    expect(await sealAuditLog(db)).toBe(1);
  });

  it.runIf(postgresUrl)("commits a repeatable-read writer whose snapshot is older than the chain's last seal", async () => {
    await withSideConnection(async (client) => {
      await client.query("begin isolation level repeatable read");
      await client.query("select 1"); // takes the snapshot
      await insertEntity(db, "Committed and sealed meanwhile");
      await sealAuditLog(db);
      await client.query("insert into entities (name) values ('Older snapshot')");
      await client.query("commit");
    });
    expect(await db.select().from(entities).where(eq(entities.name, "Older snapshot"))).toHaveLength(1);
    await sealAuditLog(db);
    expect((await verifyAuditChain(db)).ok).toBe(true);
  });

  it("seals in the background on every tick, and what is left when stopped", async () => {
    const waiting = async () => (await queryRows<{ n: number }>(db, sql`select count(*)::int as n from audit_log where seq is null`))[0]?.n;
    const failures: unknown[] = [];
    const sealer = startAuditSealer(db, { intervalMs: 20, log: (err) => failures.push(err) });
    try {
      await insertEntity(db, "Sealed by a tick");
      await vi.waitFor(async () => expect(await waiting()).toBe(0), { timeout: 10_000, interval: 20 });
      await insertEntity(db, "Sealed by the last run at the latest");
    } finally {
      await sealer.stop();
    }
    expect(await waiting()).toBe(0);
    expect(failures).toEqual([]);
    expect((await verifyAuditChain(db)).ok).toBe(true);
  });

  /** A second PostgreSQL connection to the test database, for work that must overlap db's. */
  async function withSideConnection(work: (client: PoolClient) => Promise<void>) {
    const [current] = await queryRows<{ name: string }>(db, sql`select current_database() as name`);
    const side = await openPostgres(databaseUrlFor(postgresUrl ?? "", current?.name ?? ""), { max: 1 });
    const client = await (side.raw as Pool).connect();
    try {
      await work(client);
    } finally {
      client.release();
      await side.close();
    }
  }
});

describe("tampering", () => {
  it("is refused through the database's normal paths: no update, no delete, no second seal", async () => {
    const database = await createTestDatabase();
    try {
      const db = database.db;
      await insertEntity(db, "Guarded");
      const [waiting] = await queryRows<{ id: string }>(db, sql`select max(id)::text as id from audit_log`);
      const id = Number(waiting?.id);
      const refused = { cause: expect.objectContaining({ code: "42501" }) as unknown };
      await expect(db.execute(sql`update audit_log set after = '{}'::jsonb where id = ${id}`)).rejects.toMatchObject(refused);
      // Unsealed, a row still cannot be sealed with anything else changed.
      await expect(db.execute(sql`update audit_log set seq = 999999, hash = 'x', row_key = 'other' where id = ${id}`)).rejects.toMatchObject(refused);
      await sealAuditLog(db);
      await expect(db.execute(sql`update audit_log set seq = null, prev_hash = null, hash = null where id = ${id}`)).rejects.toMatchObject(refused);
      await expect(db.execute(sql`update audit_log set hash = repeat('0', 64) where id = ${id}`)).rejects.toMatchObject(refused);
      await expect(db.execute(sql`delete from audit_log where id = ${id}`)).rejects.toMatchObject(refused);
      expect((await verifyAuditChain(db)).ok).toBe(true);
    } finally {
      await database.close();
    }
  });

  /** A fresh database with a few sealed rows; returns the audit row of the third inserted entity. */
  async function withChain(test: (db: Db, target: { id: number; seq: number }) => Promise<void>) {
    const database = await createTestDatabase();
    try {
      const created: { id: number }[] = [];
      for (let i = 0; i < 5; i++) created.push(await insertEntity(database.db, `Chained ${i}`));
      await sealAuditLog(database.db);
      const [target] = await database.db
        .select({ id: auditLog.id, seq: auditLog.seq })
        .from(auditLog)
        .where(and(eq(auditLog.tableName, "entities"), eq(auditLog.rowKey, String(created[2]?.id))));
      if (!target?.seq) throw new Error("no sealed target row");
      expect((await verifyAuditChain(database.db)).ok).toBe(true);
      // Tampering as the table's owner, who can switch off the append-only guard.
      await database.db.execute(sql`alter table audit_log disable trigger audit_log_guard`);
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
        brokenAt: { id, seq: null, reason: "not sealed a minute after it was written (no seq or hash)" },
      });
    });
  });
});
