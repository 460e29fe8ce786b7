// One quiz attempt: read it (questions without answers, saved answers, deadline) and save answers while open.
import { defineRoute } from "@/lib/api/handler";
import { getAttempt, saveAnswers } from "@/lib/exams/attempts";
import { attemptIfMatch, attemptParamsSchema, attemptSaveSchema } from "@/lib/exams/validators";

export const dynamic = "force-dynamic";

// GET /api/exam-attempts/:id — the taker's own attempt, or one on a task the caller oversees
export const GET = defineRoute({
  permission: "tasks:read",
  summary: "Get an exam attempt",
  params: attemptParamsSchema,
  handler: async ({ db, principal, params }) => {
    const attempt = await getAttempt(db, principal, params);
    return Response.json(attempt, { headers: { etag: `"${attempt.version}"` } });
  },
});

// PATCH /api/exam-attempts/:id — {answers: {question_id: answer | null}} merged into the saved ones; stale version 409, stale If-Match 412; 409 once submitted or out of time
export const PATCH = defineRoute({
  permission: "exams:take",
  summary: "Save answers of an open exam attempt",
  params: attemptParamsSchema,
  body: attemptSaveSchema,
  handler: async ({ db, principal, params, body, request }) => {
    const attempt = await saveAnswers(db, principal, { id: params.id, answers: body.answers, version: body.version, ifMatch: attemptIfMatch(request) });
    return Response.json(attempt, { headers: { etag: `"${attempt.version}"` } });
  },
});
