// Due dates of assigned tasks, in the assignee's time zone and on working days (Mon–Fri): a task
// due on a day stays due until that day ends where its assignee works.
import { endOfDayInZone, endOfWorkingSpan, nextWorkingDay } from "../programs/working-days";
import type { FamilyTemplate } from "./template-family";

/** A working day of focused work; expected minutes are rounded up to whole days of it. */
export const WORKING_MINUTES_PER_DAY = 8 * 60;

/** Today's calendar date ('YYYY-MM-DD') as lived in `timeZone`. */
export function todayIn(timeZone: string, now: Date = new Date()): string {
  // en-CA formats as YYYY-MM-DD; the parts are read explicitly so no locale quirk can reorder them.
  const parts = new Intl.DateTimeFormat("en-CA", { timeZone, year: "numeric", month: "2-digit", day: "2-digit" }).formatToParts(now);
  const part = (type: Intl.DateTimeFormatPartTypes) => parts.find((p) => p.type === type)?.value ?? "";
  return `${part("year")}-${part("month")}-${part("day")}`;
}

/**
 * Default due dates: work starts on the next working day and takes the template's expected minutes
 * in whole working days; a child starts once its parents' days are spent, so it is never due
 * before a parent it follows. At least the end of the next working day.
 */
export function defaultDueDates(family: FamilyTemplate[], timeZone: string, now: Date = new Date()): Map<number, Date> {
  const firstDay = nextWorkingDay(dayAfter(todayIn(timeZone, now)));
  const days = new Map<number, number>();
  const due = new Map<number, Date>();
  // The family is ordered parents first, so each parent's span is known when its children come.
  for (const template of family) {
    const own = Math.max(1, Math.ceil(template.expectedMinutes / WORKING_MINUTES_PER_DAY));
    const before = Math.max(0, ...template.parentIds.map((p) => days.get(p) ?? 0));
    days.set(template.id, before + own);
    due.set(template.id, endOfDayInZone(endOfWorkingSpan(firstDay, before + own), timeZone));
  }
  return due;
}

function dayAfter(date: string): string {
  const [y, m, d] = date.split("-").map(Number);
  return new Date(Date.UTC(y ?? 0, (m ?? 1) - 1, (d ?? 1) + 1)).toISOString().slice(0, 10);
}

/** A due date a client sent: a bare date is the end of that day in the assignee's zone; an instant is itself. */
export function dueDateFrom(value: string, timeZone: string): Date {
  return value.length === 10 ? endOfDayInZone(value, timeZone) : new Date(value);
}
