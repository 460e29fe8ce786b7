// The board's filters as the tasks API's query string. Due-date windows are days where the person
// lives: "today" ends at their midnight, not at UTC's.
import { endOfDayInZone } from "@/lib/programs/working-days";
import { todayIn } from "@/lib/tasks/due-dates";
import type { BoardFilters } from "@/components/query/query-keys";

export const BOARD_PAGE_SIZE = 100;
export const DUE_WINDOWS = ["today", "week", "past"] as const;

const DAY_MS = 86_400_000;

function dayPlus(day: string, days: number): string {
  return new Date(Date.parse(`${day}T00:00:00Z`) + days * DAY_MS).toISOString().slice(0, 10);
}

export function boardQuery(filters: BoardFilters, timeZone: string, now: Date = new Date()): Record<string, string | number | undefined> {
  const today = todayIn(timeZone, now);
  let dueAfter: string | undefined;
  let dueBefore: string | undefined;
  if (filters.due === "today") {
    dueAfter = new Date(endOfDayInZone(dayPlus(today, -1), timeZone).getTime() + 1000).toISOString();
    dueBefore = endOfDayInZone(today, timeZone).toISOString();
  } else if (filters.due === "week") {
    dueBefore = endOfDayInZone(dayPlus(today, 6), timeZone).toISOString();
  } else if (filters.due === "past") {
    dueBefore = now.toISOString();
  }
  return {
    limit: BOARD_PAGE_SIZE,
    project_id: filters.project,
    assignee_id: filters.assignee,
    due_after: dueAfter,
    due_before: dueBefore,
  };
}

/** Filters from a URL's search parameters; anything unreadable is simply no filter. */
export function boardFiltersFrom(params: Record<string, string | string[] | undefined>): BoardFilters {
  const id = (value: string | string[] | undefined) => {
    const n = typeof value === "string" && /^\d{1,10}$/.test(value) ? Number(value) : NaN;
    return Number.isInteger(n) && n > 0 ? n : undefined;
  };
  const due = typeof params.due === "string" ? DUE_WINDOWS.find((w) => w === params.due) : undefined;
  const filters: BoardFilters = {};
  const project = id(params.project);
  const assignee = id(params.assignee);
  if (project) filters.project = project;
  if (assignee) filters.assignee = assignee;
  if (due) filters.due = due;
  return filters;
}
