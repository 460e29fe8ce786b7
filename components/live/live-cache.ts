// Which cached reads a live event makes stale. Events name rows, not whole answers, so each kind
// invalidates the lists and details it can change; react-query refetches only what is on screen.
import type { QueryKey } from "@tanstack/react-query";
import { queryKeys } from "@/components/query/query-keys";
import type { LiveEvent } from "./live-client";

/** Every milestone detail (the factory has no prefix key for them; this is the detail keys' root). */
const milestonesRoot: QueryKey = queryKeys.milestones.detail(0).slice(0, 1);

const numberIn = (payload: Record<string, unknown>, field: string): number | null => {
  const value = payload[field];
  return typeof value === "number" && Number.isSafeInteger(value) ? value : null;
};

/** The query keys (prefixes) an event invalidates. */
export function keysForEvent(event: Pick<LiveEvent, "event" | "payload">): QueryKey[] {
  const [kind = ""] = event.event.split(".");
  const { payload } = event;
  const keys: QueryKey[] = [];
  switch (kind) {
    case "task":
    case "task_step":
      // A task's status moves its board card, its detail, its milestone's list and its owner's scores.
      keys.push(queryKeys.tasks.all, milestonesRoot, queryKeys.scores.all);
      break;
    case "checklist":
    case "checklist_item": {
      const checklist = numberIn(payload, "checklist_id");
      keys.push(checklist === null ? queryKeys.checklists.all : queryKeys.checklists.detail(checklist), queryKeys.tasks.all);
      break;
    }
    case "milestone":
    case "project":
      keys.push(milestonesRoot, queryKeys.tasks.all, queryKeys.scores.all);
      break;
    case "exam":
    case "submission":
      keys.push(queryKeys.exams.all, queryKeys.reviews.all, queryKeys.tasks.all, queryKeys.scores.all);
      break;
    case "task_request":
      // An approval creates tasks for the people it names.
      keys.push(queryKeys.requests.all, queryKeys.tasks.all);
      break;
    case "specialization":
      keys.push(queryKeys.scores.all);
      break;
    case "guide":
      keys.push(queryKeys.guides.all, queryKeys.guidesAdmin.all);
      break;
    case "report":
      keys.push(queryKeys.reports.all);
      break;
    default:
      break;
  }
  return keys;
}

/** The keys of several events, each once: a burst of events (a cascade, a catch-up) refetches once. */
export function keysForEvents(events: readonly Pick<LiveEvent, "event" | "payload">[]): QueryKey[] {
  const unique = new Map<string, QueryKey>();
  for (const event of events) for (const key of keysForEvent(event)) unique.set(JSON.stringify(key), key);
  // A prefix already invalidates everything beneath it.
  const all = [...unique.values()];
  return all.filter((key) => !all.some((other) => other !== key && other.length < key.length && other.every((part, i) => part === key[i])));
}
