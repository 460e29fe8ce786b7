// Input shapes of the exam API: attempts, the seed's evaluation payload, submissions and reviews.
// Evaluation items are deliberately loose: a client may send score, passed or correct_answers, but
// the server grades, so such fields are ignored and named back in `ignored_fields`, never trusted.
import { z } from "zod";
import { ApiError } from "../api/errors";
import { pageQuery } from "../api/pagination";
import { idSchema, idText } from "../progress/validators";

export { taskStepParamsSchema } from "../progress/validators";

/** The most results one evaluation call may carry. */
export const MAX_RESULTS_PER_EVALUATION = 20;
export const MAX_SHORT_ANSWER = 1_000;
export const FEEDBACK_MAX = 5_000;
export const SUBMISSION_TEXT_MAX = 20_000;

const questionId = z.string().min(1).max(40);
const answerValue = z.union([z.string().max(MAX_SHORT_ANSWER), z.array(questionId).max(20)]);
const answerMap = <T extends z.ZodType>(value: T) =>
  z.record(questionId, value).refine((answers) => Object.keys(answers).length <= 200, { error: "Answer at most 200 questions." });

/** Answers by question id: a choice id, a list of choice ids, or text. */
export const answersSchema = answerMap(answerValue);
/** Saving may also clear an answer with null. */
export const answersPatchSchema = answerMap(answerValue.nullable());

export const attemptParamsSchema = z.object({ id: idText }).strict();
export const submissionParamsSchema = z.object({ id: idText }).strict();

/** Starting an attempt takes no input. */
export const attemptStartSchema = z
  .object({})
  .strict()
  .optional()
  .transform(() => ({}));

/** The revision token of an attempt the client last read (its `version`): stale → 409. */
const attemptVersion = z.number().int().positive().max(Number.MAX_SAFE_INTEGER);

export const attemptSaveSchema = z.object({ answers: answersPatchSchema, version: attemptVersion.optional() }).strict();
export type AttemptSaveInput = z.infer<typeof attemptSaveSchema>;

/** Fields the server grades from: the only ones an evaluation item is read for. */
export const EVALUATION_FIELDS = ["attempt_id", "task_id", "task_step_id", "answers"] as const;

const evaluationItem = z
  .looseObject({
    attempt_id: idSchema.optional(),
    task_id: idSchema.optional(),
    task_step_id: idSchema.optional(),
    answers: answersSchema.optional(),
  })
  .superRefine((item, ctx) => {
    // With attempt_id, task_id and task_step_id may come along; they must then name the attempt's own.
    if (item.attempt_id === undefined && item.task_id === undefined) {
      ctx.addIssue({ code: "custom", path: ["attempt_id"], message: "Name attempt_id (submit an open attempt) or task_id (grade in one call)." });
    }
    if (item.attempt_id === undefined && item.task_id !== undefined && item.answers === undefined) {
      ctx.addIssue({ code: "custom", path: ["answers"], message: "Grading in one call needs the answers." });
    }
  });
export type EvaluationItem = z.infer<typeof evaluationItem>;

/** POST /api/evaluation/process — the seed's {task_results} payload: one item or a list of up to 20. */
export const evaluationProcessSchema = z
  .object({
    task_results: z.union([
      evaluationItem,
      z.array(evaluationItem).min(1).max(MAX_RESULTS_PER_EVALUATION, { error: `Send at most ${MAX_RESULTS_PER_EVALUATION} results at once.` }),
    ]),
  })
  .strict();
export type EvaluationProcessInput = z.infer<typeof evaluationProcessSchema>;

/** POST /api/exam-attempts/:id/submit — optional final answers; other fields are ignored as above. */
export const attemptSubmitSchema = z
  .looseObject({ answers: answersSchema.optional() })
  .optional()
  .transform((body) => body ?? {});

/** The names of fields the server did not read (client-sent scores and the like). */
export function ignoredFields(item: Record<string, unknown>, known: readonly string[] = EVALUATION_FIELDS): string[] {
  return Object.keys(item)
    .filter((key) => !known.includes(key))
    .sort();
}

const httpUrl = z
  .url({ protocol: /^https?$/, error: "Use an http(s) URL." })
  .max(2_048, { error: "Use at most 2048 characters." });

const submissionText = z
  .string()
  .trim()
  .min(1, { error: "Write something, or send a link instead." })
  .max(SUBMISSION_TEXT_MAX, { error: `Use at most ${SUBMISSION_TEXT_MAX} characters.` });

/** The work as text (body), as a link (url), or both; which the step takes is its definition's `accepts`. */
export const submissionCreateSchema = z.union(
  [z.object({ body: submissionText, url: httpUrl.optional() }).strict(), z.object({ url: httpUrl }).strict()],
  { error: "Send the work as body (text) or url (a link)." },
);
export type SubmissionCreateInput = { body?: string; url?: string };

export const SUBMISSION_STATE_FILTERS = ["submitted", "reviewed", "returned"] as const;
const flag = z.enum(["true", "false"], { error: "Use true or false." }).transform((v) => v === "true");

export const submissionListQuerySchema = z
  .object({
    ...pageQuery,
    state: z.enum(SUBMISSION_STATE_FILTERS, { error: `Use one of ${SUBMISSION_STATE_FILTERS.join(", ")}.` }).optional(),
    task_id: z.coerce.number().int().positive().max(2_147_483_647).optional(),
    /** Only submissions the caller may review (the review queue); false: only the caller's own. */
    reviewable: flag.optional(),
  })
  .strict();
export type SubmissionListQuery = z.infer<typeof submissionListQuerySchema>;

const feedback = z
  .string()
  .trim()
  .max(FEEDBACK_MAX, { error: `Use at most ${FEEDBACK_MAX} characters.` })
  .transform((v) => (v === "" ? undefined : v))
  .optional();

/**
 * A review: accept (graded: score 0..1, and a technical rating 1–5 when the step is rated) or
 * return for resubmission (not graded). Private feedback is for reviewers and managers only.
 */
export const reviewSchema = z
  .object({
    // "return" first: it is the decision that needs nothing more.
    decision: z.enum(["return", "accept"], { error: "Use accept or return." }),
    score: z.number().min(0).max(1).optional(),
    technical_rating: z.number().int().min(1).max(5).optional(),
    public_feedback: feedback,
    private_feedback: feedback,
  })
  .strict()
  .superRefine((review, ctx) => {
    if (review.decision === "accept" && review.score === undefined) {
      ctx.addIssue({ code: "custom", path: ["score"], message: "Give a score between 0 and 1 when accepting." });
    }
    if (review.decision === "return") {
      for (const field of ["score", "technical_rating"] as const) {
        if (review[field] !== undefined) {
          ctx.addIssue({ code: "custom", path: [field], message: "Returned work is not graded: leave out score and technical_rating." });
        }
      }
    }
  });
export type ReviewInput = z.infer<typeof reviewSchema>;

/**
 * The attempt revision an `If-Match: "<version>"` header demands (undefined without one, or for
 * `*`). Attempt versions are millisecond revisions (dto.ts), longer than ordinary row versions.
 */
export function attemptIfMatch(request: Request): number | undefined {
  const header = request.headers.get("if-match")?.trim();
  if (header === undefined || header === "" || header === "*") return undefined;
  const version = Number(/^"(\d{1,16})"$/.exec(header)?.[1] ?? NaN);
  if (!Number.isSafeInteger(version) || version < 1) {
    throw new ApiError("bad_request", 'If-Match must be the attempt version in quotes, e.g. If-Match: "1767225600000".');
  }
  return version;
}
