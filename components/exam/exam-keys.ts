// The exam page's reads, under the exams area's keys (queryKeys.exams.all), so a live exam or
// submission event, which invalidates that prefix, refreshes them.
import { queryKeys } from "@/components/query/query-keys";

export const stepKeys = {
  attempts: queryKeys.exams.stepAttempts,
  submissions: queryKeys.exams.stepSubmissions,
};
