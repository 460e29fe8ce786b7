// The audit triggers against a real database: every insert, update and delete leaves exactly one
// audit row with its actor, key and masked contents, in the transaction of the change, on every table.
import { and, count, eq, gt, sql } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { queryRows } from "../../db/client";
import { auditLog, entities, professions, taskTemplateProfession, taskTemplates, users } from "../../db/schema";
import { openTestDatabase } from "../../test/db";
import { setAuditContext, withAudit } from "./context";
import { listAuditLog } from "./query";
import { sealAuditLog } from "./sealer";

const { db } = await openTestDatabase();

let serial = 0;
const unique = (prefix: string) => `${prefix}-${++serial}`;

async function createEntity(name = unique("Entity")) {
  const [row] = await db.insert(entities).values({ name }).returning();
  if (!row) throw new Error("no entity");
  return row;
}

async function createUser(entityId: number, extra: Partial<typeof users.$inferInsert> = {}) {
  const [row] = await db
    .insert(users)
    .values({ email: `${unique("user")}@test.local`, name: unique("User"), entityId, ...extra })
    .returning();
  if (!row) throw new Error("no user");
  return row;
}

/** Audit rows of one table row, oldest first. */
async function auditOf(tableName: string, rowKey: string) {
  const page = await listAuditLog(db, { tableName, rowKey, limit: 200 });
  return page.items.reverse();
}

async function lastAuditId(): Promise<number> {
  const [row] = await queryRows<{ id: string | null }>(db, sql`select max(id)::text as id from audit_log`);
  return Number(row?.id ?? 0);
}

async function auditRowsSince(id: number): Promise<number> {
  const [row] = await db.select({ n: count() }).from(auditLog).where(gt(auditLog.id, id));
  return row?.n ?? 0;
}

describe("audit rows", () => {
  it("records an insert, an update and a delete once each, with actor, request id and ip", async () => {
    const actor = await createUser((await createEntity()).id);
    const ctx = { actorId: actor.id, requestId: "req-crud", ip: "203.0.113.9" };

    const created = await withAudit(db, ctx, async (tx) => {
      const [row] = await tx.insert(entities).values({ name: "Audited Org" }).returning();
      if (!row) throw new Error("no entity");
      return row;
    });
    await withAudit(db, ctx, (tx) => tx.update(entities).set({ name: "Renamed Org" }).where(eq(entities.id, created.id)));
    await withAudit(db, ctx, (tx) => tx.delete(entities).where(eq(entities.id, created.id)));

    const rows = await auditOf("entities", String(created.id));
    expect(rows.map((r) => r.action)).toEqual(["insert", "update", "delete"]);
    for (const row of rows) {
      expect(row).toMatchObject({ actorId: actor.id, requestId: "req-crud", ip: "203.0.113.9", tableName: "entities" });
    }
    const [inserted, updated, deleted] = rows;
    expect(inserted?.before).toBeNull();
    expect(inserted?.after).toMatchObject({ id: created.id, name: "Audited Org" });
    expect(updated?.before).toMatchObject({ name: "Audited Org" });
    expect(updated?.after).toMatchObject({ name: "Renamed Org" });
    expect(deleted?.before).toMatchObject({ id: created.id, name: "Renamed Org" });
    expect(deleted?.after).toBeNull();
  });

  it("joins a composite primary key into row_key in key order", async () => {
    const [template] = await db.insert(taskTemplates).values({ name: unique("Template") }).returning();
    const [profession] = await db.insert(professions).values({ name: unique("Profession") }).returning();
    if (!template || !profession) throw new Error("no fixtures");
    const ctx = { actorId: null, requestId: "req-link" };
    await withAudit(db, ctx, (tx) => tx.insert(taskTemplateProfession).values({ taskTemplateId: template.id, professionId: profession.id }));
    await withAudit(db, ctx, (tx) => tx.delete(taskTemplateProfession).where(eq(taskTemplateProfession.taskTemplateId, template.id)));

    const rows = await auditOf("task_template_profession", `${template.id}:${profession.id}`);
    expect(rows.map((r) => r.action)).toEqual(["insert", "delete"]);
    expect(rows[0]?.after).toEqual({ task_template_id: template.id, profession_id: profession.id });
    expect(rows[1]?.before).toEqual({ task_template_id: template.id, profession_id: profession.id });
  });

  it("masks password hashes and encrypted personal fields, and keeps nulls as null", async () => {
    const entity = await createEntity();
    const secret = "$argon2id$v=19$m=65536,t=3,p=4$c2FsdHNhbHQ$secret-hash";
    const user = await withAudit(db, { actorId: null }, async (tx) => {
      const [row] = await tx
        .insert(users)
        .values({ email: `${unique("masked")}@test.local`, name: "Masked", entityId: entity.id, passwordHash: secret, phoneEnc: "v1:k1:cipher" })
        .returning();
      if (!row) throw new Error("no user");
      return row;
    });

    const [row] = await auditOf("users", String(user.id));
    expect(row?.after).toMatchObject({ password_hash: "[redacted]", phone_enc: "[redacted]", personal_notes_enc: null, email: user.email });
    const [raw] = await queryRows<{ after: string }>(db, sql`select after::text as after from audit_log where id = ${row?.id}`);
    expect(raw?.after).not.toContain("secret-hash");
    expect(raw?.after).not.toContain("cipher");
  });

  it("still records a change of a masked column, without its values", async () => {
    const user = await createUser((await createEntity()).id, { passwordHash: "old-hash" });
    await withAudit(db, { actorId: user.id }, (tx) => tx.update(users).set({ passwordHash: "new-hash" }).where(eq(users.id, user.id)));

    const rows = await auditOf("users", String(user.id));
    expect(rows.map((r) => r.action)).toEqual(["insert", "update"]);
    expect(rows[1]?.before).toMatchObject({ password_hash: "[redacted]" });
    expect(rows[1]?.after).toMatchObject({ password_hash: "[redacted]" });
  });

  it("writes nothing for an update that changes nothing or only bookkeeping columns", async () => {
    const user = await createUser((await createEntity()).id);
    const mark = await lastAuditId();
    await withAudit(db, { actorId: user.id }, async (tx) => {
      await tx.update(users).set({ name: user.name }).where(eq(users.id, user.id));
      await tx.update(users).set({ lastSignInAt: new Date() }).where(eq(users.id, user.id));
      await tx.execute(sql`update users set updated_at = now() + interval '1 hour' where id = ${user.id}`);
    });
    expect(await auditRowsSince(mark)).toBe(0);

    await withAudit(db, { actorId: user.id }, (tx) => tx.update(users).set({ lastSignInAt: new Date(), isActive: false }).where(eq(users.id, user.id)));
    expect(await auditRowsSince(mark)).toBe(1);
  });

  it("writes nothing when the transaction rolls back", async () => {
    const mark = await lastAuditId();
    const failing = withAudit(db, { actorId: null, requestId: "req-rollback" }, async (tx) => {
      await tx.insert(entities).values({ name: "Never committed" });
      throw new Error("abort");
    });
    await expect(failing).rejects.toThrow("abort");
    expect(await auditRowsSince(mark)).toBe(0);
    expect(await db.select().from(entities).where(eq(entities.name, "Never committed"))).toEqual([]);
  });

  it("leaves the actor empty outside withAudit and does not leak a context past its transaction", async () => {
    const actor = await createUser((await createEntity()).id);
    await withAudit(db, { actorId: actor.id, requestId: "req-leak", ip: "198.51.100.1" }, (tx) => tx.insert(entities).values({ name: unique("Inside") }));
    const outside = await createEntity();

    const [row] = await auditOf("entities", String(outside.id));
    expect(row).toMatchObject({ action: "insert", actorId: null, requestId: null, ip: null });
  });

  it("cuts an overlong request id to the column width instead of failing the write", async () => {
    const created = await withAudit(db, { actorId: null, requestId: "r".repeat(300) }, async (tx) => {
      const [row] = await tx.insert(entities).values({ name: unique("Long") }).returning();
      return row;
    });
    const [row] = await auditOf("entities", String(created?.id));
    expect(row?.requestId).toBe("r".repeat(64));
  });

  it("writes rows unsealed, and the sealer links them into the chain after commit", async () => {
    const created = await withAudit(db, { actorId: null }, async (tx) => {
      const [row] = await tx.insert(entities).values({ name: unique("Sealed") }).returning();
      if (!row) throw new Error("no entity");
      const [own] = await tx.select().from(auditLog).where(and(eq(auditLog.tableName, "entities"), eq(auditLog.rowKey, String(row.id))));
      expect(own).toMatchObject({ tableName: "entities", seq: null, prevHash: null, hash: null });
      return row;
    });
    const [committed] = await auditOf("entities", String(created.id));
    expect(committed).toMatchObject({ seq: null, hash: null });
    expect(await sealAuditLog(db)).toBeGreaterThan(0);
    const [row] = await auditOf("entities", String(created.id));
    expect(row?.seq).toBeGreaterThan(0);
    expect(row?.hash).toMatch(/^[0-9a-f]{64}$/);
    const [previous] = await db.select().from(auditLog).where(eq(auditLog.seq, (row?.seq ?? 0) - 1));
    expect(row?.prevHash).toBe(previous?.hash);
  });

  it("refuses an actor id that is not an integer", async () => {
    await expect(db.transaction((tx) => setAuditContext(tx, { actorId: 1.5 }))).rejects.toThrow(TypeError);
  });
});

describe("listAuditLog", () => {
  it("pages newest first by id and filters by actor, action and time", async () => {
    const actor = await createUser((await createEntity()).id);
    const since = new Date(Date.now() - 60_000);
    for (let i = 0; i < 5; i++) {
      await withAudit(db, { actorId: actor.id }, (tx) => tx.insert(entities).values({ name: unique("Paged") }));
    }
    const first = await listAuditLog(db, { actorId: actor.id, action: "insert", limit: 2, from: since });
    const second = await listAuditLog(db, { actorId: actor.id, action: "insert", limit: 2, from: since, cursor: first.nextCursor ?? undefined });
    const third = await listAuditLog(db, { actorId: actor.id, action: "insert", limit: 2, from: since, cursor: second.nextCursor ?? undefined });

    const ids = [...first.items, ...second.items, ...third.items].map((r) => r.id);
    expect(ids).toHaveLength(5);
    expect([...ids].sort((a, b) => b - a)).toEqual(ids);
    expect(third.nextCursor).toBeNull();
    expect((await listAuditLog(db, { actorId: actor.id, to: since })).items).toEqual([]);
    expect((await listAuditLog(db, { actorId: actor.id, action: "delete" })).items).toEqual([]);
  });
});

describe("trigger coverage", () => {
  // Derived data, not facts: the outbox repeats the changes it describes; the others are caches.
  // user_scores is derived from audited rows (and rebuilt by `scores:rebuild`), so auditing it would record every move twice.
  const EXCLUDED = ["audit_log", "events", "idempotency_keys", "rate_limits", "user_scores"];

  it("has audit_row_change on every table but the excluded ones, keyed by the table's primary key", async () => {
    const tables = await queryRows<{ table_name: string; pk: string | null; args: string | null; tgtype: number | null; fn: string | null; enabled: string | null }>(
      db,
      sql`select c.relname::text as table_name,
            (select string_agg(a.attname::text, ',' order by k.ord)
               from unnest(i.indkey) with ordinality k(attnum, ord)
               join pg_attribute a on a.attrelid = c.oid and a.attnum = k.attnum) as pk,
            encode(t.tgargs, 'escape') as args, t.tgtype::int as tgtype, t.tgfoid::regproc::text as fn, t.tgenabled::text as enabled
          from pg_class c
          join pg_namespace n on n.oid = c.relnamespace and n.nspname = 'public'
          left join pg_index i on i.indrelid = c.oid and i.indisprimary
          left join pg_trigger t on t.tgrelid = c.oid and t.tgname = 'audit_row_change'
          where c.relkind in ('r', 'p')
          order by 1`,
    );
    expect(tables.length).toBeGreaterThan(30);
    // AFTER, FOR EACH ROW (1), INSERT (4), DELETE (8), UPDATE (16): pg_trigger.tgtype bits.
    const ROW_INSERT_DELETE_UPDATE = 1 | 4 | 8 | 16;
    const problems = tables.flatMap((t) => {
      if (EXCLUDED.includes(t.table_name)) return t.args === null ? [] : [`${t.table_name}: excluded but audited`];
      if (t.args === null) return [`${t.table_name}: no audit_row_change trigger (add it in a migration)`];
      const args = t.args.split("\\000").filter((a) => a.length > 0).join(",");
      const wrong = [
        args !== t.pk && `keyed by (${args}) but its primary key is (${t.pk ?? "none"})`,
        t.tgtype !== ROW_INSERT_DELETE_UPDATE && `fires on tgtype ${t.tgtype}`,
        t.fn !== "groundwork_audit" && `calls ${t.fn}`,
        t.enabled !== "O" && `is disabled (${t.enabled})`,
      ].filter((w): w is string => typeof w === "string");
      return wrong.map((w) => `${t.table_name}: ${w}`);
    });
    expect(problems).toEqual([]);
  });

  it("seals nothing at commit: audit_log's one trigger guards rows against updates and deletes", async () => {
    const triggers = await queryRows<{ name: string; fn: string; enabled: string }>(
      db,
      sql`select tgname as name, tgfoid::regproc::text as fn, tgenabled as enabled from pg_trigger where tgrelid = 'audit_log'::regclass and not tgisinternal`,
    );
    expect(triggers).toEqual([{ name: "audit_log_guard", fn: "groundwork_audit_log_guard", enabled: "O" }]);
  });
});
