// Calendar arithmetic for program schedules: offsets and durations count working days (Mon–Fri).
// Dates are ISO 'YYYY-MM-DD' strings, as the date columns hold them, computed in UTC so that the
// server's own time zone can never shift a day.

const ISO_DATE = /^(\d{4})-(\d{2})-(\d{2})$/;
const DAY_MS = 86_400_000;

function parseIsoDate(date: string): number {
  const match = ISO_DATE.exec(date);
  if (!match) throw new RangeError(`expected a date as YYYY-MM-DD, got "${date}"`);
  const [, y, m, d] = match;
  const ms = Date.UTC(Number(y), Number(m) - 1, Number(d));
  // Date.UTC silently rolls 2024-02-30 over to March; a schedule built on that would be wrong.
  if (formatUtc(ms) !== date) throw new RangeError(`not a calendar date: "${date}"`);
  return ms;
}

function formatUtc(ms: number): string {
  return new Date(ms).toISOString().slice(0, 10);
}

function isWeekendMs(ms: number): boolean {
  const day = new Date(ms).getUTCDay();
  return day === 0 || day === 6;
}

export function isWorkingDay(date: string): boolean {
  return !isWeekendMs(parseIsoDate(date));
}

/** The date itself when it is a working day, otherwise the Monday after. */
export function nextWorkingDay(date: string): string {
  let ms = parseIsoDate(date);
  while (isWeekendMs(ms)) ms += DAY_MS;
  return formatUtc(ms);
}

/**
 * The working day `days` working days after `date`. A weekend `date` counts from the following
 * Monday, so addWorkingDays(saturday, 0) is that Monday.
 */
export function addWorkingDays(date: string, days: number): string {
  if (!Number.isInteger(days) || days < 0) throw new RangeError(`working days must be a whole number ≥ 0, got ${days}`);
  let ms = parseIsoDate(nextWorkingDay(date));
  let left = days;
  while (left > 0) {
    ms += DAY_MS;
    if (!isWeekendMs(ms)) left -= 1;
  }
  return formatUtc(ms);
}

/**
 * Last day of a span of `days` working days that starts on `start` (inclusive): a one-day span
 * ends on its start day, a five-day span from Monday ends on Friday.
 */
export function endOfWorkingSpan(start: string, days: number): string {
  if (!Number.isInteger(days) || days < 1) throw new RangeError(`a span lasts at least one working day, got ${days}`);
  return addWorkingDays(start, days - 1);
}

/** Working days from `from` to `to`, counting both ends; 0 when `to` is before `from`. */
export function countWorkingDays(from: string, to: string): number {
  const end = parseIsoDate(to);
  let count = 0;
  for (let ms = parseIsoDate(from); ms <= end; ms += DAY_MS) if (!isWeekendMs(ms)) count += 1;
  return count;
}

// Building an Intl formatter costs far more than using one; a program start asks for dozens.
const formatters = new Map<string, Intl.DateTimeFormat>();

function formatterFor(timeZone: string): Intl.DateTimeFormat {
  let formatter = formatters.get(timeZone);
  if (!formatter) {
    formatter = new Intl.DateTimeFormat("en-US", {
      timeZone,
      hourCycle: "h23",
      year: "numeric",
      month: "2-digit",
      day: "2-digit",
      hour: "2-digit",
      minute: "2-digit",
      second: "2-digit",
    });
    formatters.set(timeZone, formatter);
  }
  return formatter;
}

/** The UTC offset (local minus UTC, in ms) of `timeZone` at the instant `ms`. */
function zoneOffsetMs(ms: number, timeZone: string): number {
  const parts = formatterFor(timeZone).formatToParts(new Date(ms));
  const part = (type: Intl.DateTimeFormatPartTypes) => Number(parts.find((p) => p.type === type)?.value ?? 0);
  const local = Date.UTC(part("year"), part("month") - 1, part("day"), part("hour"), part("minute"), part("second"));
  return local - Math.floor(ms / 1000) * 1000;
}

/**
 * The last second of `date` as lived in `timeZone` (an IANA name such as "Europe/Berlin"): a task
 * due on Friday stays due until Friday ends where its team works, not where the server runs.
 */
export function endOfDayInZone(date: string, timeZone: string): Date {
  const wallClock = parseIsoDate(date) + DAY_MS - 1000;
  // Two passes settle the offset on days when daylight saving time changes.
  let instant = wallClock - zoneOffsetMs(wallClock, timeZone);
  instant = wallClock - zoneOffsetMs(instant, timeZone);
  return new Date(instant);
}
