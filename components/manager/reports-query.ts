// The stored reports as the page prefetches them and the browser queries them: the API pages
// newest first, and the list reads every page up to a bound (next_cursor stays set when the bound
// cut the list short).
import type { Page } from "@/lib/api/pagination";
import type { ReportSummaryDto } from "@/lib/reports/dto";

export const REPORTS_PAGE_SIZE = 100;
export const REPORTS_MAX_PAGES = 10;

export async function readAllReports(readPage: (cursor: number | undefined) => Promise<Page<ReportSummaryDto>>): Promise<Page<ReportSummaryDto>> {
  const items: ReportSummaryDto[] = [];
  let cursor: number | undefined;
  for (let page = 0; page < REPORTS_MAX_PAGES; page++) {
    const next = await readPage(cursor);
    items.push(...next.items);
    if (next.next_cursor === null) return { items, next_cursor: null };
    cursor = Number(next.next_cursor);
  }
  return { items, next_cursor: cursor === undefined ? null : String(cursor) };
}
