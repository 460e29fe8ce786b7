// How exams leave the API. Questions are rebuilt field by field from the definition (id, kind,
// prompt, points, choices), never spread from it, so `correct`, `accepted_answers` and
// `case_sensitive` cannot reach a client even if the definition grows new fields.
import "server-only";
import type { ExamAttempt, PerformanceMetrics, Submission, TaskResult } from "../../db/schema";
import { type AttemptState, attemptState, type QuizDefinition, SUBMIT_GRACE_SECONDS } from "./grading";

const iso = (d: Date | null) => d?.toISOString() ?? null;

export type PublicQuestion = {
  id: string;
  kind: "single" | "multiple" | "short";
  prompt: string;
  points: number;
  choices?: { id: string; text: string }[];
};

export function toPublicQuestion(q: QuizDefinition["questions"][number]): PublicQuestion {
  const base = { id: q.id, kind: q.kind, prompt: q.prompt, points: q.points };
  if (q.kind === "short") return base;
  return { ...base, choices: q.choices.map((c) => ({ id: c.id, text: c.text })) };
}

/**
 * An attempt's revision: its updated_at in milliseconds, which every write moves strictly forward.
 * The client sends it back as `version` or in If-Match to save answers without overwriting others.
 */
export const attemptVersionOf = (attempt: Pick<ExamAttempt, "updatedAt">) => attempt.updatedAt.getTime();

export type AttemptDto = {
  id: number;
  task_id: number;
  task_step_id: number;
  user_id: number;
  attempt_no: number;
  max_attempts: number;
  state: AttemptState;
  started_at: string;
  deadline_at: string | null;
  /** Seconds after deadline_at during which a submit is still accepted. */
  grace_seconds: number;
  submitted_at: string | null;
  time_limit_minutes: number | null;
  pass_mark: number;
  /** The questions in this attempt's order, without their answers. */
  questions: PublicQuestion[];
  /** What the taker saved so far. */
  answers: Record<string, string | string[]>;
  task_result_id: number | null;
  /** The grade of a submitted attempt (null while it is open, or when its result is not at hand). */
  result: AttemptResultDto | null;
  version: number;
};

/**
 * How a submitted attempt was graded: the score, passed or not, and right or wrong per question,
 * rebuilt field by field from the stored metrics, so the answer key can never ride along.
 */
export type AttemptResultDto = {
  task_result_id: number;
  score: number;
  passed: boolean;
  correct_answers: number;
  total_questions: number;
  per_question: { id: string; correct: boolean; points: number }[];
};

export function toAttemptResultDto(result: Pick<TaskResult, "id" | "score" | "passed" | "performanceMetrics">): AttemptResultDto {
  const metrics = result.performanceMetrics ?? {};
  const perQuestion = (metrics.per_question ?? []).map((q) => ({ id: q.id, correct: q.correct, points: q.points }));
  return {
    task_result_id: result.id,
    score: result.score ?? 0,
    passed: result.passed === true,
    correct_answers: metrics.correct_answers ?? perQuestion.filter((q) => q.correct).length,
    total_questions: metrics.total_questions ?? perQuestion.length,
    per_question: perQuestion,
  };
}

/** `result` is the attempt's task_results row, passed for a submitted attempt when it was read. */
export function toAttemptDto(attempt: ExamAttempt, quiz: QuizDefinition, now = new Date(), result?: TaskResult | null): AttemptDto {
  const byId = new Map(quiz.questions.map((q) => [q.id, q]));
  const ordered = attempt.questionOrder.flatMap((id) => {
    const q = byId.get(id);
    return q ? [toPublicQuestion(q)] : [];
  });
  return {
    id: attempt.id,
    task_id: attempt.taskId,
    task_step_id: attempt.taskStepId,
    user_id: attempt.userId,
    attempt_no: attempt.attemptNo,
    max_attempts: quiz.max_attempts,
    state: attemptState(attempt, now),
    started_at: attempt.startedAt.toISOString(),
    deadline_at: iso(attempt.deadlineAt),
    grace_seconds: SUBMIT_GRACE_SECONDS,
    submitted_at: iso(attempt.submittedAt),
    time_limit_minutes: quiz.time_limit_minutes,
    pass_mark: quiz.pass_mark,
    questions: ordered,
    answers: attempt.answers,
    task_result_id: attempt.taskResultId,
    result: result && attempt.submittedAt !== null && result.id === attempt.taskResultId ? toAttemptResultDto(result) : null,
    version: attemptVersionOf(attempt),
  };
}

/** A stored result as the API shows it: its metrics hold verdicts per question, never the answer key. */
export type TaskResultDto = {
  id: number;
  task_id: number | null;
  task_step_id: number | null;
  user_id: number | null;
  attempt: number;
  score: number | null;
  passed: boolean | null;
  graded_by: number | null;
  created_at: string;
  performance_metrics: PerformanceMetrics | null;
};

export function toTaskResultDto(result: TaskResult): TaskResultDto {
  return {
    id: result.id,
    task_id: result.taskId,
    task_step_id: result.taskStepId,
    user_id: result.userId,
    attempt: result.attempt,
    score: result.score,
    passed: result.passed,
    graded_by: result.gradedBy,
    created_at: result.createdAt.toISOString(),
    performance_metrics: result.performanceMetrics,
  };
}

export type SubmissionDto = {
  id: number;
  task_id: number;
  task_step_id: number;
  user_id: number;
  body: string | null;
  url: string | null;
  state: string;
  reviewer_id: number | null;
  score: number | null;
  technical_rating: number | null;
  public_feedback: string | null;
  /** Present only for reviewers and managers, never for the person who submitted. */
  private_feedback?: string | null;
  reviewed_at: string | null;
  task_result_id: number | null;
  created_at: string;
  updated_at: string;
};

/** `privateFeedback` is the decrypted text, passed only when the caller may read it. */
export function toSubmissionDto(row: Submission, privateFeedback?: { text: string | null }): SubmissionDto {
  return {
    id: row.id,
    task_id: row.taskId,
    task_step_id: row.taskStepId,
    user_id: row.userId,
    body: row.body,
    url: row.url,
    state: row.state,
    reviewer_id: row.reviewerId,
    score: row.score,
    technical_rating: row.technicalRating,
    public_feedback: row.publicFeedback,
    ...(privateFeedback ? { private_feedback: privateFeedback.text } : {}),
    reviewed_at: iso(row.reviewedAt),
    task_result_id: row.taskResultId,
    created_at: row.createdAt.toISOString(),
    updated_at: row.updatedAt.toISOString(),
  };
}
