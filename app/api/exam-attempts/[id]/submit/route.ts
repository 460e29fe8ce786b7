// Submitting an attempt grades it at once, exactly as /api/evaluation/process does.
import { defineRoute } from "@/lib/api/handler";
import { EVALUATION_RATE_LIMIT, submitAttempt } from "@/lib/exams/evaluation";
import { SUBMIT_GRACE_SECONDS } from "@/lib/exams/grading";
import { attemptParamsSchema, attemptSubmitSchema } from "@/lib/exams/validators";

export const dynamic = "force-dynamic";

// POST /api/exam-attempts/:id/submit — optional final {answers}; 409 after the time limit (30 s grace) or when already submitted; 429 past the per-user limit
export const POST = defineRoute({
  permission: "exams:take",
  summary: `Submit an exam attempt for grading (accepted until ${SUBMIT_GRACE_SECONDS} s past its deadline_at)`,
  params: attemptParamsSchema,
  body: attemptSubmitSchema,
  successStatus: 200,
  rateLimit: EVALUATION_RATE_LIMIT,
  handler: ({ db, principal, params, body }) => submitAttempt(db, principal, { id: params.id, body }),
});
