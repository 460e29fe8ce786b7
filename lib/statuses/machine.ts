// The status machine per workflow domain: which moves are legal. Final states never move again
// (they are marked is_final in db/reference-data.ts, and a move out of one is always refused).
import type { StatusDomain } from "../../db/schema";

type Transitions = Record<string, readonly string[]>;

export const TRANSITIONS: Record<StatusDomain, Transitions> = {
  project: {
    planned: ["in_progress", "cancelled"],
    in_progress: ["completed", "cancelled"],
  },
  milestone: {
    todo: ["in_progress", "cancelled"],
    in_progress: ["completed", "cancelled"],
  },
  task: {
    todo: ["in_progress", "blocked", "cancelled"],
    in_progress: ["in_review", "blocked", "done", "todo", "cancelled"],
    blocked: ["in_progress", "todo", "cancelled"],
    in_review: ["done", "in_progress"],
  },
  task_step: {
    todo: ["in_progress", "done"],
    in_progress: ["in_review", "done", "todo"],
    in_review: ["done", "in_progress"],
  },
  checklist: {
    todo: ["in_progress", "completed"],
    in_progress: ["completed"],
  },
  checklist_item: {
    todo: ["in_progress", "blocked", "pending_validation", "done"],
    in_progress: ["todo", "blocked", "pending_validation", "done"],
    blocked: ["todo", "in_progress"],
    pending_validation: ["done", "in_progress"],
  },
  task_request: {
    pending_approval: ["approved", "rejected", "cancelled"],
  },
};

export function isLegalTransition(domain: StatusDomain, from: string, to: string): boolean {
  return TRANSITIONS[domain][from]?.includes(to) ?? false;
}

export function legalNextCodes(domain: StatusDomain, from: string): readonly string[] {
  return TRANSITIONS[domain][from] ?? [];
}
