// Reviewing submitted work: accept it with a score (and a technical rating when rated) or return it.
import { defineRoute } from "@/lib/api/handler";
import { reviewSubmission } from "@/lib/exams/reviews";
import { reviewSchema, submissionParamsSchema } from "@/lib/exams/validators";

export const dynamic = "force-dynamic";

// POST /api/submissions/:id/review — {decision: accept|return, score?, technical_rating?, public_feedback?, private_feedback?}; own work 403; reviewed already 409
export const POST = defineRoute({
  permission: "tasks:progress",
  summary: "Review a submission",
  params: submissionParamsSchema,
  body: reviewSchema,
  successStatus: 200,
  handler: ({ db, principal, params, body }) => reviewSubmission(db, principal, { id: params.id, ...body }),
});
