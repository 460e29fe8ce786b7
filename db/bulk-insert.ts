// Many rows in one statement with one parameter per column: INSERT … SELECT FROM unnest($1::t[], …).
// Drizzle's .values(rows) renders one parameter per value, and rendering them (thousands for a
// 100-task program) was half the Node CPU of starting an onboarding; PostgreSQL, too, parses a few
// arrays faster than thousands of parameters. Rows come back keyed like Drizzle's .returning().
import { type Column, getTableColumns, getTableName, type InferInsertModel, type SQL, sql } from "drizzle-orm";
import type { PgColumn, PgTable } from "drizzle-orm/pg-core";
import { type DbOrTx, queryRows } from "./client";

type Returned<R extends Record<string, PgColumn>> = { [K in keyof R]: R[K]["_"]["notNull"] extends true ? R[K]["_"]["data"] : R[K]["_"]["data"] | null };

/**
 * Inserts `rows` into `table` and returns the `returning` columns of each inserted row (in no
 * promised order: match them back by a key). Every row must give the same columns; a column a row
 * leaves out takes its database default in every row. Rows that disagree on their columns go
 * through Drizzle's own insert, which can say `default` row by row.
 */
export async function insertRows<T extends PgTable, R extends Record<string, PgColumn>>(
  db: DbOrTx,
  table: T,
  rows: readonly InferInsertModel<T>[],
  returning: R,
): Promise<Returned<R>[]>;
export async function insertRows<T extends PgTable>(db: DbOrTx, table: T, rows: readonly InferInsertModel<T>[]): Promise<void>;
export async function insertRows<T extends PgTable, R extends Record<string, PgColumn>>(
  db: DbOrTx,
  table: T,
  rows: readonly InferInsertModel<T>[],
  returning?: R,
): Promise<Returned<R>[] | void> {
  if (rows.length === 0) return returning ? [] : undefined;
  const columns = getTableColumns(table) as Record<string, PgColumn>;
  const given = Object.keys(rows[0] as object).filter((key) => (rows[0] as Record<string, unknown>)[key] !== undefined);
  const uniform = rows.every((row) => {
    const record = row as Record<string, unknown>;
    return Object.keys(record).filter((key) => record[key] !== undefined).length === given.length && given.every((key) => record[key] !== undefined);
  });
  // unnest() would flatten an array column's arrays into one list of elements; and a column left
  // out whose default Drizzle computes in JavaScript ($defaultFn, or $onUpdate without a SQL
  // default) would get the database's instead.
  const jsDefault = Object.entries(columns).some(([key, c]) => !given.includes(key) && (c.defaultFn !== undefined || (c.onUpdateFn !== undefined && !c.hasDefault)));
  if (!uniform || jsDefault || given.some((key) => columns[key]?.getSQLType().endsWith("]"))) {
    const insert = db.insert(table).values(rows as InferInsertModel<T>[]);
    if (returning) return (await insert.returning(returning)) as Returned<R>[];
    await insert;
    return undefined;
  }

  const targets = given.map((key) => {
    const column = columns[key];
    if (!column) throw new Error(`${getTableName(table)} has no column "${key}"`);
    return column;
  });
  // One array per column, each value as Drizzle would send it (dates as text, JSON as text, …).
  const arrays = targets.map((column, i) => {
    const key = given[i] as string;
    const values = rows.map((row) => {
      const value = (row as Record<string, unknown>)[key];
      return value === null ? null : column.mapToDriverValue(value);
    });
    return sql`${sql.param(values)}::${sql.raw(arrayElementType(column))}[]`;
  });
  const back = returning ? Object.entries(returning) : [];
  const query: SQL = sql`insert into ${table} (${sql.join(
    targets.map((c) => sql.identifier(c.name)),
    sql`, `,
  )}) select * from unnest(${sql.join(arrays, sql`, `)})${
    back.length ? sql` returning ${sql.join(back.map(([, c]) => sql.identifier(c.name)), sql`, `)}` : sql``
  }`;
  const inserted = await queryRows<Record<string, unknown>>(db, query);
  if (!returning) return undefined;
  return inserted.map((row) => {
    const out: Record<string, unknown> = {};
    for (const [key, column] of back) {
      const value = row[column.name];
      out[key] = value === null || value === undefined ? null : (column as Column).mapFromDriverValue(value);
    }
    return out as Returned<R>;
  });
}

/**
 * The column's type without its length or precision: an explicit cast to varchar(100) would cut a
 * longer value silently, while the insert's own assignment to the column refuses it, as Drizzle's
 * insert does.
 */
function arrayElementType(column: PgColumn): string {
  return column.getSQLType().replace(/\(\s*\d+\s*(,\s*\d+\s*)?\)/g, "");
}
