// A report period as SQL: inclusive ISO dates read as whole UTC days, the same bounds the score
// counters use (lib/scores/counters.ts), so every section of one report covers the same instants.
import { type SQL, sql } from "drizzle-orm";
import type { ReportPeriod } from "./validators";

/** [from 00:00 UTC, the day after `to` 00:00 UTC). */
export function inPeriod(column: SQL, period: ReportPeriod): SQL {
  return sql`(${column} >= (${period.from}::date)::timestamp at time zone 'UTC' and ${column} < (${period.to}::date + 1)::timestamp at time zone 'UTC')`;
}

/** The condition, or nothing without a period. */
export function withinPeriod(column: SQL, period: ReportPeriod | undefined): SQL {
  return period ? sql` and ${inPeriod(column, period)}` : sql``;
}
