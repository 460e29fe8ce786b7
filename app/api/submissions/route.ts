// Submitted work: the review queue of reviewers and managers, and the caller's own submissions.
import { defineRoute } from "@/lib/api/handler";
import { listSubmissions } from "@/lib/exams/submissions";
import { submissionListQuerySchema } from "@/lib/exams/validators";

export const dynamic = "force-dynamic";

// GET /api/submissions — visible submissions (filters: state, task_id, reviewable=true for the queue, false for one's own; cursor pages)
export const GET = defineRoute({
  permission: "tasks:read",
  summary: "List submissions",
  query: submissionListQuerySchema,
  handler: ({ db, principal, query }) => listSubmissions(db, principal, query),
});
