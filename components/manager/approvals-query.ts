// The approvals list as the page prefetches it and the browser queries it: one URL, one key.
import { queryKeys } from "@/components/query/query-keys";

export const APPROVALS_URL = "/api/task-requests?decidable=true&status=pending_approval&limit=100";
/** From the key factory, under the requests prefix, so every change to task requests refreshes it too. */
export const approvalsKey = queryKeys.requests.decidable();
export const APPROVALS_LIMIT = 100;
