// Prepared statements (db/prepared.ts) on both drivers: one rendering per handle, fresh values on
// every execution (past the point where PostgreSQL switches to a generic plan), and a statement
// prepared on a transaction's handle runs inside that transaction.
import { eq, sql } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { openTestProcessDatabase } from "../test/use-database";
import { prepared } from "./prepared";
import { entities } from "./schema";

const { db, kind } = await openTestProcessDatabase();

const entityName = (on: typeof db | Parameters<Parameters<typeof db.transaction>[0]>[0]) =>
  prepared(on, "test_entity_name", (handle) =>
    handle.select({ name: entities.name }).from(entities).where(eq(entities.id, sql.placeholder("id"))),
  );

async function createEntity(name: string): Promise<number> {
  const [row] = await db.insert(entities).values({ name }).returning({ id: entities.id });
  if (!row) throw new Error("no entity");
  return row.id;
}

describe("prepared", () => {
  it("renders a statement once per handle", () => {
    let renders = 0;
    const build = (handle: typeof db) => {
      renders += 1;
      return handle.select({ id: entities.id }).from(entities).where(eq(entities.id, sql.placeholder("id")));
    };
    const first = prepared(db, "test_render_once", build);
    expect(prepared(db, "test_render_once", build)).toBe(first);
    expect(renders).toBe(1);
  });

  it("binds the values of each execution, before and after the plan is cached", async () => {
    const ids = await Promise.all(Array.from({ length: 8 }, (_, i) => createEntity(`Prepared ${i}`)));
    for (const [i, id] of ids.entries()) expect(await entityName(db).execute({ id })).toEqual([{ name: `Prepared ${i}` }]);
    expect(await entityName(db).execute({ id: 2_000_000_000 })).toEqual([]);
  });

  it("runs a statement prepared on a transaction inside that transaction", async () => {
    // On PostgreSQL a statement run outside the transaction (on another connection) would not see the row.
    const names = await db.transaction(async (tx) => {
      const [row] = await tx.insert(entities).values({ name: "Inside" }).returning({ id: entities.id });
      return entityName(tx).execute({ id: row?.id });
    });
    expect(names).toEqual([{ name: "Inside" }]);
  });

  it("renders a statement used in transactions once per pooled connection, not once per transaction", async () => {
    let renders = 0;
    const id = await createEntity("Per connection");
    for (let i = 0; i < 5; i++) {
      const names = await db.transaction((tx) =>
        prepared(tx, "test_per_connection", (handle) => {
          renders += 1;
          return handle.select({ name: entities.name }).from(entities).where(eq(entities.id, sql.placeholder("id")));
        }).execute({ id }),
      );
      expect(names).toEqual([{ name: "Per connection" }]);
    }
    // Sequential transactions on PostgreSQL reuse an idle connection of the pool; PGlite's
    // transactions have no connection of their own, so each renders its statement.
    if (kind === "postgres") expect(renders).toBeLessThan(5);
    else expect(renders).toBe(5);
  });
});
