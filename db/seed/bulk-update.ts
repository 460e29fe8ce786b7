// One UPDATE … FROM (VALUES …) per table: hundreds of rows, each with its own values, in one round
// trip, where Drizzle's update() would need one statement per row.
import { type SQL, sql } from "drizzle-orm";
import type { DbOrTx } from "../client";

export type Cell = number | boolean | Date | null;
export type BulkRow = { id: number } & Record<string, Cell>;
export type SqlType = "int" | "bool" | "numeric" | "timestamptz";

/** Sets `columns` on rows matched by id, bumping the row version as any other write would. */
export async function bulkUpdate(tx: DbOrTx, table: string, columns: Record<string, SqlType>, rows: BulkRow[]): Promise<void> {
  if (!rows.length) return;
  const names = Object.keys(columns);
  // VALUES parameters arrive untyped, so each one is cast to its column's type.
  const cell = (value: Cell, type: SqlType): SQL => sql`${value instanceof Date ? value.toISOString() : value}::${sql.raw(type)}`;
  const tuples = rows.map((r) => sql`(${sql.join([sql`${r.id}::int`, ...names.map((n) => cell(r[n] ?? null, columns[n] ?? "int"))], sql`, `)})`);
  const assignments = sql.join(names.map((n) => sql`${sql.identifier(n)} = v.${sql.identifier(n)}`), sql`, `);
  await tx.execute(sql`update ${sql.identifier(table)} as t set ${assignments}, version = t.version + 1, updated_at = now()
    from (values ${sql.join(tuples, sql`, `)}) as v(id, ${sql.join(names.map((n) => sql.identifier(n)), sql`, `)})
    where t.id = v.id`);
}
