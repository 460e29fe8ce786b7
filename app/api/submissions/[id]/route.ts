// One submission; its private feedback only for those who may review it.
import { defineRoute } from "@/lib/api/handler";
import { getSubmission } from "@/lib/exams/submissions";
import { submissionParamsSchema } from "@/lib/exams/validators";

export const dynamic = "force-dynamic";

// GET /api/submissions/:id — a submission the caller made or may review
export const GET = defineRoute({
  permission: "tasks:read",
  summary: "Get a submission",
  params: submissionParamsSchema,
  handler: ({ db, principal, params }) => getSubmission(db, principal, params),
});
