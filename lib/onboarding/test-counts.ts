// Shared by the onboarding start tests: a one-task program and the row counts a start changes.
import { count } from "drizzle-orm";
import type { DbOrTx } from "../../db/client";
import { auditLog, checklistItems, checklists, events, projects, tasks, taskSteps } from "../../db/schema";

export const oneTask = { milestones: [{ name: "M", offset: 0, duration: 1, tasks: [{ name: "T" }] }] };

const tableCount = async (db: DbOrTx, table: typeof projects | typeof tasks | typeof taskSteps | typeof checklists | typeof checklistItems) =>
  (await db.select({ n: count() }).from(table))[0]?.n ?? 0;

/** Rows of every table a start writes: a refused start leaves them all as they were. */
export async function rowCounts(db: DbOrTx) {
  return {
    projects: await tableCount(db, projects),
    tasks: await tableCount(db, tasks),
    steps: await tableCount(db, taskSteps),
    checklists: await tableCount(db, checklists),
    items: await tableCount(db, checklistItems),
    audit: (await db.select({ n: count() }).from(auditLog))[0]?.n ?? 0,
    events: (await db.select({ n: count() }).from(events))[0]?.n ?? 0,
  };
}
