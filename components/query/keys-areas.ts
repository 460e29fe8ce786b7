// Query keys of the exam, manager and admin areas, kept beside the core factory (query-keys.ts)
// and spread into it, so every key still comes from the one `queryKeys` object.
export const examKeys = {
  exams: {
    all: ["exams"] as const,
    attempt: (id: number) => ["exams", "attempt", id] as const,
    submission: (id: number) => ["exams", "submission", id] as const,
    stepAttempts: (taskId: number, stepId: number) => ["exams", "step", taskId, stepId, "attempts"] as const,
    stepSubmissions: (taskId: number, stepId: number) => ["exams", "step", taskId, stepId, "submissions"] as const,
  },
};

export const managerKeys = {
  scores: {
    all: ["scores"] as const,
    team: (params: Record<string, string | number | undefined>) => ["scores", "team", params] as const,
    user: (id: number) => ["scores", "user", id] as const,
    entity: (id: number) => ["scores", "entity", id] as const,
  },
  reviews: { all: ["submissions"] as const, list: (state: string) => ["submissions", state] as const },
  reports: { all: ["reports"] as const, detail: (id: number) => ["reports", "detail", id] as const },
};

export const adminKeys = {
  templates: {
    all: ["templates"] as const,
    list: (kind: string, params: Record<string, string | number | boolean | undefined>) => ["templates", kind, "list", params] as const,
    detail: (kind: string, id: number) => ["templates", kind, "detail", id] as const,
  },
  guidesAdmin: { all: ["guides-admin"] as const, detail: (id: number) => ["guides-admin", id] as const },
};
