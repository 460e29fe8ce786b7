// Statements run on every request (the API token lookup, a task and what lies beneath it), kept as
// named prepared statements: Drizzle renders the SQL once per database handle instead of on every
// call (rendering cost more Node CPU than the rest of a task read), and PostgreSQL parses and
// plans it once per connection instead of on every execution (planning was most of these reads'
// database time). Values change through `sql.placeholder(name)`; the statement's text never does.
//
// One name, one SQL text: node-postgres refuses a name reused with another text on a connection.
// Statements whose plan depends on a value's content (a LIKE prefix, a skewed filter) are not
// prepared: a generic plan cannot see the value.
import { type SQL, sql } from "drizzle-orm";
import type { DbOrTx } from "./client";
import { connectionHandleOf } from "./pool-transactions";

export type PreparedStatement<T> = { execute(values?: Record<string, unknown>): Promise<T> };
type Preparable<T> = { prepare(name: string): PreparedStatement<T> };

// Per handle: the process pool's handle lives as long as the process. A transaction on a pooled
// connection uses its connection's handle, which outlives the transaction (so the statement is
// rendered once per connection, not once per transaction) and runs on the same connection, inside
// the transaction. Other transactions (PGlite's, savepoints) keep their own, for their lifetime.
const statements = new WeakMap<DbOrTx, Map<string, unknown>>();

/**
 * A placeholder as the value of an UPDATE's SET (Drizzle's update types take no bare placeholder).
 * The value reaches the driver as given, not through the column's encoder: pass JSON as text.
 */
export const setTo = (name: string): SQL => sql`${sql.placeholder(name)}`;

/** The statement `name` on `db`, rendered by `build` the first time it is asked for on that handle. */
export function prepared<T>(db: DbOrTx, name: string, build: (db: DbOrTx) => Preparable<T>): PreparedStatement<T> {
  return cached(db, name, (owner) => build(owner).prepare(name));
}

/** What `db.execute(sql)` uses inside Drizzle (0.45), to prepare a raw SQL statement under a name. */
type ExecuteInternals = {
  dialect: { sqlToQuery(query: SQL): unknown };
  session: { prepareQuery(query: unknown, fields: undefined, name: string, isResponseInArrayMode: boolean): { execute(values?: Record<string, unknown>): Promise<unknown> } };
};

/**
 * A raw SQL statement (`sql\`…\`` with `sql.placeholder(…)` for its values) prepared like
 * `prepared`; answers the rows as `queryRows` does. The template must not vary between calls:
 * a list of ids is one array placeholder (`= any(…)`), not a spliced list.
 */
export function preparedSql<T>(db: DbOrTx, name: string, build: () => SQL): { execute(values?: Record<string, unknown>): Promise<T[]> } {
  return cached(db, name, (owner) => {
    const { dialect, session } = owner as unknown as ExecuteInternals;
    const query = session.prepareQuery(dialect.sqlToQuery(build()), undefined, name, false);
    return { execute: async (values?: Record<string, unknown>) => ((await query.execute(values)) as { rows: T[] }).rows };
  });
}

function cached<S>(db: DbOrTx, name: string, make: (owner: DbOrTx) => S): S {
  const owner = connectionHandleOf(db) ?? db;
  let onHandle = statements.get(owner);
  if (!onHandle) {
    onHandle = new Map();
    statements.set(owner, onHandle);
  }
  let statement = onHandle.get(name) as S | undefined;
  if (!statement) {
    statement = make(owner);
    onHandle.set(name, statement);
  }
  return statement;
}
