// Keyset pagination and search shared by the organisation lists: pages are ordered by id and the
// cursor is the last id of the previous page, so a page stays stable while rows are added.
import { type AnyColumn, type SQL, gt, sql } from "drizzle-orm";
import { PAGE_SIZE_DEFAULT, PAGE_SIZE_MAX, type Page } from "./validators";

export function pageLimit(limit: number | undefined): number {
  return Math.min(Math.max(limit ?? PAGE_SIZE_DEFAULT, 1), PAGE_SIZE_MAX);
}

export function afterCursor(idColumn: AnyColumn, cursor: number | undefined): SQL | undefined {
  return cursor === undefined ? undefined : gt(idColumn, cursor);
}

/** Rows were fetched with limit + 1: the extra row only says that another page exists. */
export function toPage<R extends { id: number }, T>(rows: R[], limit: number, serialize: (row: R) => T): Page<T> {
  const items = rows.slice(0, limit);
  const last = items.at(-1);
  return { items: items.map(serialize), next_cursor: rows.length > limit && last ? String(last.id) : null };
}

/** Case-insensitive substring match with the user's % and _ taken literally. */
export function containsText(column: AnyColumn, text: string): SQL {
  const escaped = text.replace(/[\\%_]/g, (c) => `\\${c}`);
  return sql`${column} ilike ${`%${escaped}%`}`;
}
