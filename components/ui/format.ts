// Dates as people read them. Instants (due dates, completion times) are shown in the person's time
// zone, which next-intl's formatter carries; calendar dates (a milestone's start and end) are days,
// not instants, so they are formatted as that very day wherever the reader is.
import type { DateTimeFormatOptions } from "next-intl";

type DateFormatter = { dateTime(value: Date | number, options?: DateTimeFormatOptions): string };

/** A calendar day "YYYY-MM-DD" at noon UTC, so no time zone can move it to a neighbouring day. */
export function dayValue(day: string): Date {
  return new Date(`${day}T12:00:00Z`);
}

export function formatDay(format: DateFormatter, day: string, options: DateTimeFormatOptions = { dateStyle: "medium" }): string {
  return format.dateTime(dayValue(day), { ...options, timeZone: "UTC" });
}

export function formatInstant(format: DateFormatter, iso: string, options: DateTimeFormatOptions = { dateStyle: "medium", timeStyle: "short" }): string {
  return format.dateTime(new Date(iso), options);
}

/** Whether an instant is the last minute of its day where the reader lives (a "whole day" due date). */
export function isEndOfDay(iso: string, timeZone: string | undefined): boolean {
  const time = new Intl.DateTimeFormat("en-GB", { timeZone, hour: "2-digit", minute: "2-digit", hourCycle: "h23" }).format(new Date(iso));
  return time === "23:59";
}

/** A due date: only the day when it is due by the end of that day, else the day and time. */
export function formatDue(format: DateFormatter, iso: string, timeZone: string | undefined, dateOptions: DateTimeFormatOptions = { dateStyle: "medium" }): string {
  if (isEndOfDay(iso, timeZone)) return format.dateTime(new Date(iso), dateOptions);
  const withTime: DateTimeFormatOptions = dateOptions.dateStyle ? { ...dateOptions, timeStyle: "short" } : { ...dateOptions, hour: "numeric", minute: "2-digit" };
  return format.dateTime(new Date(iso), withTime);
}
