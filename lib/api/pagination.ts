// Keyset pagination and search shared by every list endpoint: pages are ordered by id (descending
// for lists read newest first) and the cursor is the last id of the previous page, so a page stays
// stable while rows are added.
import { type AnyColumn, type SQL, gt, lt, sql } from "drizzle-orm";
import { z } from "zod";

export const PAGE_SIZE_DEFAULT = 50;
export const PAGE_SIZE_MAX = 100;

/** A page of a list endpoint. */
export type Page<T> = { items: T[]; next_cursor: string | null };

/** The cursor and limit every list query accepts. */
export const pageQuery = {
  cursor: z.coerce.number().int().positive().max(2_147_483_647).optional(),
  limit: z.coerce.number().int().min(1).max(PAGE_SIZE_MAX).optional(),
};

export function pageLimit(limit: number | undefined): number {
  return Math.min(Math.max(limit ?? PAGE_SIZE_DEFAULT, 1), PAGE_SIZE_MAX);
}

export function afterCursor(idColumn: AnyColumn, cursor: number | undefined): SQL | undefined {
  return cursor === undefined ? undefined : gt(idColumn, cursor);
}

/** The cursor of a list paged newest first (by descending id). */
export function beforeCursor(idColumn: AnyColumn, cursor: number | undefined): SQL | undefined {
  return cursor === undefined ? undefined : lt(idColumn, cursor);
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
