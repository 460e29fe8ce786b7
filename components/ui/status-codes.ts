// Status codes the interface has names for (messages "status.*"); an unknown code shows as itself.
export const STATUS_CODES = [
  "todo",
  "in_progress",
  "blocked",
  "in_review",
  "done",
  "cancelled",
  "planned",
  "completed",
  "pending_validation",
  "pending_approval",
  "approved",
  "rejected",
] as const;
export type StatusCode = (typeof STATUS_CODES)[number];

export function isKnownStatus(code: string): code is StatusCode {
  return (STATUS_CODES as readonly string[]).includes(code);
}
