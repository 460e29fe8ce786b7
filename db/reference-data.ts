// Reference data every installation needs (status codes, guide formats, base languages).
// Applied idempotently after migrations, so an empty production database works without demo data.
import { sql } from "drizzle-orm";
import type { DbOrTx } from "./client";
import { formats, languages, statuses, type StatusDomain } from "./schema";

type StatusSeed = { code: string; name: string; isFinal?: boolean };

/** Status codes per workflow domain, in display order. Final states never change again. */
export const STATUS_CATALOGUE: Record<StatusDomain, StatusSeed[]> = {
  project: [
    { code: "planned", name: "Planned" },
    { code: "in_progress", name: "In progress" },
    { code: "completed", name: "Completed", isFinal: true },
    { code: "cancelled", name: "Cancelled", isFinal: true },
  ],
  milestone: [
    { code: "todo", name: "To do" },
    { code: "in_progress", name: "In progress" },
    { code: "completed", name: "Completed", isFinal: true },
    { code: "cancelled", name: "Cancelled", isFinal: true },
  ],
  task: [
    { code: "todo", name: "To do" },
    { code: "in_progress", name: "In progress" },
    { code: "blocked", name: "Blocked" },
    { code: "in_review", name: "In review" },
    { code: "done", name: "Done", isFinal: true },
    { code: "cancelled", name: "Cancelled", isFinal: true },
  ],
  task_step: [
    { code: "todo", name: "To do" },
    { code: "in_progress", name: "In progress" },
    { code: "in_review", name: "In review" },
    { code: "done", name: "Done", isFinal: true },
  ],
  checklist: [
    { code: "todo", name: "To do" },
    { code: "in_progress", name: "In progress" },
    { code: "completed", name: "Completed", isFinal: true },
  ],
  checklist_item: [
    { code: "todo", name: "To do" },
    { code: "in_progress", name: "In progress" },
    { code: "blocked", name: "Blocked" },
    { code: "pending_validation", name: "Awaiting validation" },
    { code: "done", name: "Done", isFinal: true },
  ],
  task_request: [
    { code: "pending_approval", name: "Pending approval" },
    { code: "approved", name: "Approved", isFinal: true },
    { code: "rejected", name: "Rejected", isFinal: true },
    { code: "cancelled", name: "Cancelled", isFinal: true },
  ],
};

export const FORMAT_CATALOGUE = [
  { code: "text", name: "Text" },
  { code: "video", name: "Video" },
  { code: "interactive", name: "Interactive" },
] as const;

export const LANGUAGE_CATALOGUE = [
  { code: "en", name: "English" },
  { code: "de", name: "Deutsch" },
] as const;

export async function ensureReferenceData(db: DbOrTx): Promise<void> {
  const statusRows = Object.entries(STATUS_CATALOGUE).flatMap(([domain, list]) =>
    list.map((s, position) => ({
      domain: domain as StatusDomain,
      code: s.code,
      name: s.name,
      isFinal: s.isFinal ?? false,
      position,
    })),
  );
  await db
    .insert(statuses)
    .values(statusRows)
    .onConflictDoUpdate({
      target: [statuses.domain, statuses.code],
      set: { name: sql`excluded.name`, isFinal: sql`excluded.is_final`, position: sql`excluded.position` },
    });
  await db.insert(formats).values([...FORMAT_CATALOGUE]).onConflictDoNothing({ target: formats.code });
  await db.insert(languages).values([...LANGUAGE_CATALOGUE]).onConflictDoNothing({ target: languages.code });
}
