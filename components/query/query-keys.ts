// The one key factory for react-query: server prefetches and client queries build their keys here,
// so a hydrated entry and the query that reads it can never drift apart.
export type BoardFilters = { project?: number; assignee?: number; due?: "today" | "week" | "past" };

import { adminKeys, examKeys, managerKeys } from "./keys-areas";

export const queryKeys = {
  ...examKeys,
  ...managerKeys,
  ...adminKeys,
  tasks: {
    all: ["tasks"] as const,
    detail: (id: number) => ["tasks", "detail", id] as const,
    board: (filters: BoardFilters) => ["tasks", "board", filters] as const,
  },
  checklists: {
    all: ["checklists"] as const,
    detail: (id: number) => ["checklists", "detail", id] as const,
  },
  guides: {
    all: ["guides"] as const,
    detail: (id: number) => ["guides", "detail", id] as const,
  },
  milestones: {
    detail: (id: number) => ["milestones", "detail", id] as const,
  },
  requests: {
    all: ["task-requests"] as const,
    list: (which: "mine" | "assigned") => ["task-requests", which] as const,
    /** The manager's approvals inbox: requests waiting for the caller's decision. */
    decidable: () => ["task-requests", "decidable"] as const,
  },
};
