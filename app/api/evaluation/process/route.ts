// The seed's evaluate_results flow step (section 4): grade quiz answers on the server and store the results.
import { defineRoute } from "@/lib/api/handler";
import { EVALUATION_RATE_LIMIT, evaluationItems, processEvaluation } from "@/lib/exams/evaluation";
import { evaluationProcessSchema } from "@/lib/exams/validators";

export const dynamic = "force-dynamic";

// POST /api/evaluation/process — {task_results: {attempt_id, answers?} | {task_id, task_step_id?, answers} | [...up to 20]}; client-sent scores are ignored; 429 past the per-user limit
export const POST = defineRoute({
  permission: "exams:take",
  summary: "Evaluate results: grade quiz attempts on the server and store task_results (client-sent scores are ignored)",
  body: evaluationProcessSchema,
  rateLimit: { ...EVALUATION_RATE_LIMIT, points: ({ body }) => evaluationItems(body).length },
  handler: ({ db, principal, body }) => processEvaluation(db, principal, body),
});
