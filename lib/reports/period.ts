// A report period as SQL: inclusive ISO dates read as whole UTC days, with the bounds of the score
// counters (lib/scores/counters.ts), so every section of one report covers the same instants.
import { type SQL, sql } from "drizzle-orm";
import { inPeriod } from "../scores/counters";
import type { ReportPeriod } from "./validators";

/** The condition, or nothing without a period. */
export function withinPeriod(column: SQL, period: ReportPeriod | undefined): SQL {
  return period ? sql` and ${inPeriod(column, period)}` : sql``;
}
