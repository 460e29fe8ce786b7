// The specification's SQL as data, and catalog reads of a live database, for db/schema.test.ts.
// The test compares the two, so the contract is the spec text itself rather than a copied list.
import { randomBytes } from "node:crypto";
import { readFileSync } from "node:fs";
import path from "node:path";
import { type SQL, sql } from "drizzle-orm";
import { adminUrl, databaseUrlFor } from "../test/pg-urls";
import { type Database, type Db, openPglite, openPostgres } from "./client";

export const SPEC_PATH = path.resolve(import.meta.dirname, "../docs/specification.txt");
export const SCHEMA_DOC_PATH = path.resolve(import.meta.dirname, "../docs/schema.md");

export interface SpecForeignKey {
  table: string;
  column: string;
}

export interface SpecColumn {
  name: string;
  /** The type as written, upper-cased, e.g. "VARCHAR(100)". */
  type: string;
  notNull: boolean;
  primaryKey: boolean;
  references: SpecForeignKey | null;
}

export interface SpecTable {
  name: string;
  columns: SpecColumn[];
}

/** Every `name ( … )` in the ```sql blocks, in order. Anything it cannot read throws, so spec edits surface. */
export function parseSpecification(text: string): SpecTable[] {
  const blocks = [...text.matchAll(/```sql\s*\n([\s\S]*?)```/g)].map((m) => m[1] ?? "");
  return blocks.flatMap(parseSqlBlock);
}

export function readSpecification(): SpecTable[] {
  return parseSpecification(readFileSync(SPEC_PATH, "utf8"));
}

function parseSqlBlock(block: string): SpecTable[] {
  const tables: SpecTable[] = [];
  const header = /([A-Za-z_][A-Za-z0-9_]*)\s*\(/g;
  let match: RegExpExecArray | null;
  while ((match = header.exec(block)) !== null) {
    const open = match.index + match[0].length - 1;
    const close = matchingParen(block, open);
    const body = block.slice(open + 1, close);
    const name = match[1] ?? "";
    tables.push({ name, columns: splitTopLevel(body).map((def) => parseColumn(name, def)) });
    header.lastIndex = close + 1;
  }
  return tables;
}

function matchingParen(text: string, open: number): number {
  let depth = 0;
  for (let i = open; i < text.length; i++) {
    if (text[i] === "(") depth++;
    if (text[i] === ")" && --depth === 0) return i;
  }
  throw new Error(`unbalanced parenthesis at offset ${open} of a spec sql block`);
}

function splitTopLevel(body: string): string[] {
  const parts: string[] = [];
  let depth = 0;
  let current = "";
  for (const ch of body) {
    if (ch === "(") depth++;
    if (ch === ")") depth--;
    if (ch === "," && depth === 0) {
      parts.push(current);
      current = "";
    } else current += ch;
  }
  parts.push(current);
  return parts.map((p) => p.replace(/\s+/g, " ").trim()).filter((p) => p.length > 0);
}

function parseColumn(table: string, def: string): SpecColumn {
  const head = /^("?)([A-Za-z_][A-Za-z0-9_]*)\1\s+([A-Za-z]+(?:\s*\(\s*\d+(?:\s*,\s*\d+)?\s*\))?)(.*)$/.exec(def);
  if (!head || /^(PRIMARY|FOREIGN|UNIQUE|CONSTRAINT|CHECK)\b/i.test(def)) {
    throw new Error(`spec table ${table}: cannot read column definition "${def}"`);
  }
  let rest = head[4] ?? "";
  const take = (re: RegExp): RegExpExecArray | null => {
    const m = re.exec(rest);
    if (m) rest = rest.replace(re, " ");
    return m;
  };
  const primaryKey = take(/\bPRIMARY\s+KEY\b/i) !== null;
  const notNull = take(/\bNOT\s+NULL\b/i) !== null;
  const ref = take(/\bREFERENCES\s+"?([A-Za-z_][A-Za-z0-9_]*)"?\s*\(\s*"?([A-Za-z_][A-Za-z0-9_]*)"?\s*\)/i);
  take(/\bDEFAULT\s+('[^']*'|[A-Za-z0-9_.]+)/i);
  if (rest.trim() !== "") throw new Error(`spec table ${table}: unread text "${rest.trim()}" in "${def}"`);
  return {
    name: head[2] ?? "",
    type: (head[3] ?? "").replace(/\s+/g, "").toUpperCase(),
    notNull: notNull || primaryKey,
    primaryKey,
    references: ref ? { table: ref[1] ?? "", column: ref[2] ?? "" } : null,
  };
}

/**
 * Spec types deliberately changed, keyed "table.column"; docs/schema.md must explain each one.
 * TIMESTAMP → timestamptz is a rule for every spec column (see expectedDataType), not listed here.
 */
export const TYPE_CORRECTIONS: Record<string, { dataType: string; reason: string }> = {
  "milestones.expected_hours": {
    dataType: "numeric",
    reason: "TIME is a time of day that cannot exceed 24 h; expected effort is a duration in hours",
  },
};

/** Columns ending in _at that may deliberately be something other than timestamptz (documented in docs/schema.md). */
export const TIMESTAMP_EXCEPTIONS: Record<string, string> = {};

/** information_schema.columns.data_type the spec type should have after the documented corrections. */
export function expectedDataType(table: string, column: SpecColumn): string {
  const corrected = TYPE_CORRECTIONS[`${table}.${column.name}`];
  if (corrected) return corrected.dataType;
  const base = column.type.replace(/\(.*\)$/, "");
  const byType: Record<string, string> = {
    SERIAL: "integer",
    INTEGER: "integer",
    BIGINT: "bigint",
    BOOLEAN: "boolean",
    VARCHAR: "character varying",
    JSONB: "jsonb",
    DATE: "date",
    TIMESTAMP: "timestamp with time zone",
  };
  const dataType = byType[base];
  if (!dataType) throw new Error(`${table}.${column.name}: spec type ${column.type} has no expected database type`);
  return dataType;
}

/** `table.column: type` for every *_at column that is not timestamptz and not a documented exception. */
export function timestampOffenders(columns: DbColumn[]): string[] {
  return columns
    .filter((c) => c.column_name.endsWith("_at") && c.data_type !== "timestamp with time zone")
    .filter((c) => !(`${c.table_name}.${c.column_name}` in TIMESTAMP_EXCEPTIONS))
    .map((c) => `${c.table_name}.${c.column_name}: ${c.data_type}`);
}

/** VARCHAR(n) → n; null for types without a length. */
export function specLength(column: SpecColumn): number | null {
  const m = /^VARCHAR\((\d+)\)$/.exec(column.type);
  return m ? Number(m[1]) : null;
}

// ── catalog reads (public schema only) ────────────────────────────────────────────────────────

// Db's result type is driver-generic (node-postgres or PGlite); both hand back `{ rows }`.
async function rowsOf<T>(db: Db, query: SQL): Promise<T[]> {
  const result: unknown = await db.execute(query);
  return (result as { rows: T[] }).rows;
}

export interface DbColumn {
  table_name: string;
  column_name: string;
  is_nullable: "YES" | "NO";
  data_type: string;
  character_maximum_length: number | null;
  column_default: string | null;
}

export interface DbForeignKey {
  constraint_name: string;
  table_name: string;
  columns: string[];
  foreign_table: string;
  foreign_columns: string[];
}

export interface DbIndex {
  table_name: string;
  index_name: string;
  /** Key columns in order; null marks an expression. */
  columns: (string | null)[];
}

export async function listTables(db: Db): Promise<string[]> {
  const rows = await rowsOf<{ table_name: string }>(db, sql`
    select table_name from information_schema.tables
    where table_schema = 'public' and table_type = 'BASE TABLE' order by table_name`);
  return rows.map((r) => r.table_name);
}

export async function listColumns(db: Db): Promise<DbColumn[]> {
  const rows = await rowsOf<DbColumn>(db, sql`
    select table_name, column_name, is_nullable, data_type,
           character_maximum_length::int as character_maximum_length, column_default
    from information_schema.columns where table_schema = 'public'
    order by table_name, ordinal_position`);
  return rows;
}

/** From pg_constraint so multi-column keys keep their column pairing and order. */
export async function listForeignKeys(db: Db): Promise<DbForeignKey[]> {
  const rows = await rowsOf<DbForeignKey>(db, sql`
    select c.conname as constraint_name, src.relname as table_name, tgt.relname as foreign_table,
           array_agg(a.attname::text order by k.ord) as columns,
           array_agg(fa.attname::text order by k.ord) as foreign_columns
    from pg_constraint c
    join pg_class src on src.oid = c.conrelid
    join pg_namespace n on n.oid = src.relnamespace
    join pg_class tgt on tgt.oid = c.confrelid
    cross join lateral unnest(c.conkey, c.confkey) with ordinality as k(attnum, fattnum, ord)
    join pg_attribute a on a.attrelid = c.conrelid and a.attnum = k.attnum
    join pg_attribute fa on fa.attrelid = c.confrelid and fa.attnum = k.fattnum
    where c.contype = 'f' and n.nspname = 'public'
    group by c.conname, src.relname, tgt.relname
    order by src.relname, c.conname`);
  return rows;
}

/** Valid, non-partial indexes: a partial index cannot serve every lookup a foreign key needs. */
export async function listIndexes(db: Db): Promise<DbIndex[]> {
  const rows = await rowsOf<DbIndex>(db, sql`
    select t.relname as table_name, i.relname as index_name,
           array_agg(a.attname::text order by k.ord) as columns
    from pg_index x
    join pg_class t on t.oid = x.indrelid
    join pg_class i on i.oid = x.indexrelid
    join pg_namespace n on n.oid = t.relnamespace
    cross join lateral unnest(x.indkey::int2[]) with ordinality as k(attnum, ord)
    left join pg_attribute a on a.attrelid = t.oid and a.attnum = k.attnum and k.attnum > 0
    where n.nspname = 'public' and x.indpred is null and x.indisvalid and k.ord <= x.indnkeyatts
    group by t.relname, i.relname
    order by t.relname, i.relname`);
  return rows;
}

export async function listPrimaryKeys(db: Db): Promise<Map<string, string[]>> {
  const rows = await rowsOf<{ table_name: string; columns: string[] }>(db, sql`
    select t.relname as table_name, array_agg(a.attname::text order by k.ord) as columns
    from pg_constraint c
    join pg_class t on t.oid = c.conrelid
    join pg_namespace n on n.oid = t.relnamespace
    cross join lateral unnest(c.conkey) with ordinality as k(attnum, ord)
    join pg_attribute a on a.attrelid = t.oid and a.attnum = k.attnum
    where c.contype = 'p' and n.nspname = 'public'
    group by t.relname`);
  return new Map(rows.map((r) => [r.table_name, r.columns]));
}

/** Foreign keys whose columns are not the leading columns (in any order) of some index on the same table. */
export function unindexedForeignKeys(fks: DbForeignKey[], indexes: DbIndex[]): DbForeignKey[] {
  return fks.filter((fk) => {
    const wanted = new Set(fk.columns);
    return !indexes.some((ix) => {
      if (ix.table_name !== fk.table_name) return false;
      const leading = ix.columns.slice(0, wanted.size);
      return leading.length === wanted.size && leading.every((c) => c !== null && wanted.has(c));
    });
  });
}

export async function countAppliedMigrations(db: Db): Promise<number> {
  const rows = await rowsOf<{ n: number }>(db, sql`select count(*)::int as n from drizzle.__drizzle_migrations`);
  return rows[0]?.n ?? Number.NaN;
}

/** A brand-new database with nothing in it, of the kind this run uses. */
export async function openEmptyDatabase(): Promise<Database> {
  const url = process.env.DATABASE_URL;
  if (!url) return openPglite(undefined);
  const name = `gw_t_empty_${randomBytes(6).toString("hex")}`;
  const admin = await openPostgres(adminUrl(url), { max: 1 });
  try {
    // template0: nothing a local template1 may have gained can leak into the "empty" database.
    await admin.exec(`create database "${name}" template template0`);
  } finally {
    await admin.close();
  }
  const database = await openPostgres(databaseUrlFor(url, name), { max: 2 });
  return {
    ...database,
    close: async () => {
      await database.close();
      const cleanup = await openPostgres(adminUrl(url), { max: 1 });
      try {
        await cleanup.exec(`drop database if exists "${name}" with (force)`);
      } finally {
        await cleanup.close();
      }
    },
  };
}
