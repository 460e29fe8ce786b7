// insertRows (db/bulk-insert.ts) on both drivers: for the same rows it stores exactly what Drizzle's
// .values(rows) stores — hostile text, nulls, numerics, booleans, dates with milliseconds, nested
// JSON — returns Drizzle-typed rows, leaves omitted columns to their defaults, falls back to
// Drizzle for rows that disagree on their columns, and writes inside the transaction it is given.
// The property test prints its seed on failure; FC_SEED=<n> replays it.
import { eq, getTableColumns, type InferInsertModel, sql } from "drizzle-orm";
import type { PgColumn, PgTable } from "drizzle-orm/pg-core";
import fc from "fast-check";
import { describe, expect, it, vi } from "vitest";
import { createEntity, createUser, unique } from "../test/factories";
import { openTestProcessDatabase } from "../test/use-database";
import { insertRows } from "./bulk-insert";
import { queryRows } from "./client";
import { apiTokens, checklistItems, checklists, events, taskResults, tasks } from "./schema";

const { db } = await openTestProcessDatabase();
const SEED = Number(process.env.FC_SEED ?? Date.now() % 2_147_483_647);

/** Text an array literal or a hand-rolled serializer could get wrong. */
const HOSTILE = [
  `say "hi"`,
  "it's",
  "back\\slash\\",
  "a,b,c",
  "{braces}",
  "{}",
  "NULL",
  "null",
  "",
  " padded ",
  "line\nbreak\ttab\r",
  "émoji 🚀 ünïcödé ∑",
  `\\"{,}"\\`,
  "\\N",
];
const DATES = [new Date("2024-02-29T23:59:59.999Z"), new Date("1969-12-31T23:59:59.001Z"), null, new Date("2031-06-15T08:30:00.123Z")];
/** Differ by nature between two inserts: serial ids, timestamps taken at insert, the outbox's transaction id. */
const VARYING_KEYS = new Set(["id", "createdAt", "updatedAt", "txId"]);

type Row = Record<string, unknown>;
const canonical = (rows: Row[], scopeKey: string) =>
  rows
    .map((row) => Object.fromEntries(Object.entries(row).filter(([key]) => !VARYING_KEYS.has(key) && key !== scopeKey)))
    .sort((a, b) => (JSON.stringify(a) < JSON.stringify(b) ? -1 : 1));

/**
 * Inserts build(scope) once with insertRows and once with Drizzle, each under a new scope; reads
 * both back, and counts the Drizzle inserts insertRows itself made (1 when it fell back, else 0).
 */
async function storedBothWays<T extends PgTable>(
  table: T,
  scopeKey: keyof T["_"]["columns"] & string,
  newScope: () => Promise<number>,
  build: (scope: number) => InferInsertModel<T>[],
) {
  const scopeColumn = getTableColumns(table)[scopeKey] as PgColumn;
  const [ours, theirs] = [await newScope(), await newScope()];
  const insert = vi.spyOn(db, "insert");
  await insertRows(db, table, build(ours));
  const fallbacks = insert.mock.calls.length;
  insert.mockRestore();
  await db.insert(table).values(build(theirs));
  const source: PgTable = table;
  const read = async (scope: number) => canonical(await db.select().from(source).where(eq(scopeColumn, scope)), scopeKey);
  return { bulk: await read(ours), drizzle: await read(theirs), fallbacks };
}

const newEntity = async () => (await createEntity(db)).id;
const newChecklist = async () => {
  const [row] = await db.insert(checklists).values({ name: unique("Checklist"), isCompleted: false }).returning({ id: checklists.id });
  if (!row) throw new Error("no checklist");
  return row.id;
};
const newTask = async () => {
  const [row] = await db.insert(tasks).values({ name: unique("Task") }).returning({ id: tasks.id });
  if (!row) throw new Error("no task");
  return row.id;
};

const hostileTasks = (entityId: number) =>
  HOSTILE.map((text, i) => ({
    name: text,
    description: i % 3 === 0 ? null : `${text}|${HOSTILE[(i + 1) % HOSTILE.length] ?? ""}`,
    entityId,
    kind: i % 2 === 0 ? ("task" as const) : ("exam" as const),
    position: i - 3,
    expectedMinutes: 1 + i * 7,
    actualMinutes: [null, 0, 12.5, 0.125, 99_999_999.99][i % 5] ?? null,
    dueDate: DATES[i % DATES.length] ?? null,
  }));

describe("insertRows stores what Drizzle's insert stores", () => {
  it("tasks: hostile text, nulls, integers, kinds, numeric minutes and dates with milliseconds", async () => {
    const { bulk, drizzle, fallbacks } = await storedBothWays(tasks, "entityId", newEntity, hostileTasks);
    // The comparison is only worth something if insertRows took its own path, not Drizzle's.
    expect(fallbacks).toBe(0);
    expect(bulk).toEqual(drizzle);
    expect(bulk.map((row) => row.name).sort()).toEqual([...HOSTILE].sort());
    expect(bulk.filter((row) => row.description === null)).toHaveLength(5);
    expect(bulk.map((row) => row.dueDate)).toContainEqual(new Date("1969-12-31T23:59:59.001Z"));
  });

  it("checklist items: booleans, optional assignees and timestamps", async () => {
    const user = await createUser(db, await createEntity(db));
    const { bulk, drizzle } = await storedBothWays(checklistItems, "checklistId", newChecklist, (checklistId) =>
      HOSTILE.map((title, position) => ({
        checklistId,
        title,
        position,
        requiresValidation: position % 2 === 0,
        assigneeId: position % 3 === 0 ? user.id : null,
        completedAt: DATES[position % DATES.length] ?? null,
      })),
    );
    expect(bulk).toEqual(drizzle);
    expect(bulk.filter((row) => row.requiresValidation === true)).toHaveLength(7);
  });

  it("events and task results: nested JSON with quotes, backslashes and unicode; null JSON", async () => {
    const payloads: Record<string, unknown>[] = [
      { quote: `"x" 'y'`, backslash: "C:\\path\\", nested: { list: [1, "two", null, { deep: "{a,b}" }], empty: {} } },
      { "key \"with\" quotes": "NULL", unicode: "🚀 ∑ é", newline: "a\nb", number: 1.5e-7, flag: false },
      {},
      { arr: [[], [[]], ["\\\"", "}{"]], n: null },
    ];
    const fromEvents = await storedBothWays(events, "entityId", newEntity, (entityId) =>
      payloads.map((payload, i) => ({ type: `${HOSTILE[i] ?? ""}.type`, entityId, payload })),
    );
    expect(fromEvents.bulk).toEqual(fromEvents.drizzle);
    expect(fromEvents.bulk.map((row) => row.payload)).toEqual(expect.arrayContaining(payloads));

    const fromResults = await storedBothWays(taskResults, "taskId", newTask, (taskId) =>
      [...payloads, null].map((metrics, i) => ({
        taskId,
        performanceMetrics: metrics,
        score: i % 2 ? null : i / 10,
        passed: [true, false, null][i % 3] ?? null,
        attempt: i + 1,
      })),
    );
    expect(fromResults.bulk).toEqual(fromResults.drizzle);
    expect(fromResults.bulk.filter((row) => row.performanceMetrics === null)).toHaveLength(1);
  });

  it("rejects text longer than its varchar column, as Drizzle's insert does", async () => {
    const entityId = await newEntity();
    const rows = [{ name: "x".repeat(101), entityId }];
    // 22001 string_data_right_truncation: a cast to varchar(100)[] would have cut the name silently.
    const sqlState = (pending: Promise<unknown>) => pending.then(() => "stored", (err: unknown) => (err as { cause?: { code?: string } }).cause?.code);
    expect(await sqlState(db.insert(tasks).values(rows))).toBe("22001");
    expect(await sqlState(insertRows(db, tasks, rows))).toBe("22001");
    expect(await db.select({ name: tasks.name }).from(tasks).where(eq(tasks.entityId, entityId))).toEqual([]);
  });

  it("stores what Drizzle stores for any text or null (fast-check)", async () => {
    const text = fc.oneof(
      fc.string({ unit: "binary", maxLength: 60 }).filter((s) => !s.includes("\u0000")),
      fc.string({ unit: fc.constantFrom('"', "'", "\\", ",", "{", "}", " ", "NULL", "\n", "é", "🚀"), maxLength: 30 }),
      fc.constant(null),
    );
    await fc.assert(
      fc.asyncProperty(fc.array(text, { minLength: 1, maxLength: 8 }), async (descriptions) => {
        const { bulk, drizzle } = await storedBothWays(tasks, "entityId", newEntity, (entityId) =>
          descriptions.map((description, position) => ({ name: "p", description, position, entityId })),
        );
        expect(bulk).toEqual(drizzle);
      }),
      { seed: SEED, numRuns: 30 },
    );
  });
});

describe("insertRows", () => {
  it("returns the requested columns under the given keys, with Drizzle's types, one per row", async () => {
    const rows = hostileTasks(await newEntity());
    const returning = { taskId: tasks.id, title: tasks.name, due: tasks.dueDate, minutes: tasks.actualMinutes, at: tasks.createdAt };
    const returned = await insertRows(db, tasks, rows, returning);
    const fromDrizzle = await db.insert(tasks).values(rows).returning(returning);
    expect(returned).toHaveLength(rows.length);
    for (const row of returned) {
      expect(typeof row.taskId).toBe("number");
      expect(row.at).toBeInstanceOf(Date);
    }
    const strip = (list: Row[]) => list.map(({ taskId: _id, at: _at, ...rest }) => rest).sort((a, b) => (JSON.stringify(a) < JSON.stringify(b) ? -1 : 1));
    expect(strip(returned)).toEqual(strip(fromDrizzle));
    // Matching back by a key finds each row as stored.
    const byTitle = new Map(returned.map((row) => [row.title, row]));
    for (const row of rows) {
      const back = byTitle.get(row.name);
      expect(back?.due).toEqual(row.dueDate);
      const [stored] = await db.select().from(tasks).where(eq(tasks.id, back?.taskId ?? 0));
      expect(stored?.name).toBe(row.name);
    }
    const [event] = await insertRows(db, events, [{ type: "bulk.test", payload: { a: 1 } }], { id: events.id, txId: events.txId, payload: events.payload });
    expect(typeof event?.id).toBe("number");
    expect(typeof event?.txId).toBe("number");
    expect(event?.payload).toEqual({ a: 1 });
  });

  it("leaves the columns the rows omit to their database defaults", async () => {
    const entityId = await newEntity();
    const [{ now } = { now: "" }] = await queryRows<{ now: string }>(db, sql`select now()::text as now`);
    await insertRows(db, tasks, [{ name: "defaults", entityId }]);
    const [stored] = await db.select().from(tasks).where(eq(tasks.entityId, entityId));
    expect(stored).toMatchObject({ version: 1, kind: "task", position: 0, expectedMinutes: 30, description: null, dueDate: null, actualMinutes: null });
    expect(stored?.createdAt.getTime()).toBeGreaterThanOrEqual(new Date(now).getTime());
    expect(stored?.updatedAt).toBeInstanceOf(Date);
  });

  it("inserts rows that disagree on their columns through Drizzle, each omitted column defaulted per row", async () => {
    const { bulk, drizzle, fallbacks } = await storedBothWays(tasks, "entityId", newEntity, (entityId) => [
      { name: "given", description: "described", kind: "exam" as const, entityId },
      { name: "left out", description: undefined, entityId },
    ]);
    expect(fallbacks).toBe(1);
    expect(bulk).toEqual(drizzle);
    expect(bulk).toMatchObject([
      { name: "given", description: "described", kind: "exam" },
      { name: "left out", description: null, kind: "task", version: 1 },
    ]);
  });

  it("inserts array columns through Drizzle, each row keeping its own array", async () => {
    const user = await createUser(db, await createEntity(db));
    const scopes: ("read" | "write" | "admin")[][] = [["read"], ["read", "write"], ["admin", "read", "write"]];
    const rows = scopes.map((list, i) => ({ userId: user.id, name: HOSTILE[i] ?? "", tokenHash: unique("h"), prefix: "p", scopes: list }));
    await insertRows(db, apiTokens, rows);
    const stored = await db.select({ name: apiTokens.name, scopes: apiTokens.scopes }).from(apiTokens).where(eq(apiTokens.userId, user.id));
    expect(canonical(stored, "")).toEqual(canonical(rows.map(({ name, scopes }) => ({ name, scopes })), ""));
  });

  it("does nothing for no rows", async () => {
    await expect(insertRows(db, tasks, [], { id: tasks.id })).resolves.toEqual([]);
    await expect(insertRows(db, tasks, [])).resolves.toBeUndefined();
  });

  it("writes inside the transaction it is given, and a rollback takes the rows away", async () => {
    const entityId = await newEntity();
    const rollback = new Error("rollback");
    const seen = db.transaction(async (tx) => {
      const returned = await insertRows(tx, tasks, hostileTasks(entityId), { id: tasks.id });
      const inside = await tx.select({ id: tasks.id }).from(tasks).where(eq(tasks.entityId, entityId));
      expect(inside.map((row) => row.id).sort()).toEqual(returned.map((row) => row.id).sort());
      expect(inside).toHaveLength(HOSTILE.length);
      throw rollback;
    });
    await expect(seen).rejects.toBe(rollback);
    expect(await db.select({ id: tasks.id }).from(tasks).where(eq(tasks.entityId, entityId))).toEqual([]);
  });
});
