// Grading a quiz against its step definition, with no database and no clock of its own, so every
// scoring rule is testable by itself. The definition's correct answers are read only here.
import { randomInt } from "node:crypto";
import type { FieldIssue } from "../api/errors";
import type { ProcessDefinition, QuizQuestion } from "../templates/process-definition";

export type QuizDefinition = Extract<ProcessDefinition, { type: "quiz" }>;
export type SubmissionDefinition = Extract<ProcessDefinition, { type: "submission" }>;

/** A choice id (single), a set of choice ids (multiple) or free text (short). */
export type AnswerValue = string | string[];
export type Answers = Record<string, AnswerValue>;

export type QuestionVerdict = { id: string; correct: boolean; points: number };

export type QuizGrade = {
  per_question: QuestionVerdict[];
  correct_answers: number;
  total_questions: number;
  /** Points earned. */
  points: number;
  /** Points available: the sum of every question's points. */
  max_score: number;
  /** Share of the points earned, 0..1, rounded to 4 decimals (the task_results.score column). */
  score: number;
  passed: boolean;
};

/**
 * Time allowed after deadline_at for a submit already on its way (network, a slow last save): an
 * attempt may be submitted up to this many seconds after its deadline, never later.
 */
export const SUBMIT_GRACE_SECONDS = 30;

/** Short answers compare trimmed and Unicode-normalised (NFC), so "é" typed two ways is one answer. */
function normalise(text: string, caseSensitive: boolean): string {
  const trimmed = text.normalize("NFC").trim();
  return caseSensitive ? trimmed : trimmed.toLowerCase();
}

/** Whether one answer is right. A missing answer, or one of the wrong shape, is wrong. */
export function isAnswerCorrect(question: QuizQuestion, answer: AnswerValue | undefined): boolean {
  switch (question.kind) {
    case "single":
      return typeof answer === "string" && answer === question.correct;
    case "multiple": {
      // Exactly the correct set: every right choice and no wrong one; order does not matter.
      if (!Array.isArray(answer)) return false;
      const chosen = new Set(answer);
      const correct = new Set(question.correct);
      return chosen.size === correct.size && [...correct].every((c) => chosen.has(c));
    }
    case "short": {
      if (typeof answer !== "string") return false;
      const given = normalise(answer, question.case_sensitive);
      return given !== "" && question.accepted_answers.some((accepted) => normalise(accepted, question.case_sensitive) === given);
    }
  }
}

const round4 = (n: number) => Math.round(n * 10_000) / 10_000;

/** Grades every question of the quiz; questions left unanswered count as wrong. */
export function gradeQuiz(quiz: QuizDefinition, answers: Answers): QuizGrade {
  const perQuestion = quiz.questions.map((q) => {
    const correct = isAnswerCorrect(q, answers[q.id]);
    return { id: q.id, correct, points: correct ? q.points : 0 };
  });
  const maxScore = quiz.questions.reduce((sum, q) => sum + q.points, 0);
  const points = perQuestion.reduce((sum, q) => sum + q.points, 0);
  const share = maxScore > 0 ? points / maxScore : 0;
  return {
    per_question: perQuestion,
    correct_answers: perQuestion.filter((q) => q.correct).length,
    total_questions: quiz.questions.length,
    points,
    max_score: maxScore,
    score: round4(share),
    // Compared unrounded, with room for float sums of fractional points (0.1 + 0.2).
    passed: share + 1e-9 >= quiz.pass_mark,
  };
}

/**
 * Answers that do not fit the quiz are the client's mistake, answered 422 with the question named:
 * an unknown question id, a choice that is not one of the question's, or a value of the wrong shape.
 * `null` (clear a saved answer) is accepted where `allowNull` says so.
 */
export function answerIssues(quiz: QuizDefinition, answers: Record<string, AnswerValue | null>, allowNull = false): FieldIssue[] {
  const byId = new Map(quiz.questions.map((q) => [q.id, q]));
  const issues: FieldIssue[] = [];
  for (const [id, value] of Object.entries(answers)) {
    const path = `answers.${id}`;
    const question = byId.get(id);
    if (!question) {
      issues.push({ path, message: "This quiz has no question with this id." });
      continue;
    }
    if (value === null) {
      if (!allowNull) issues.push({ path, message: "Give an answer, or leave the question out." });
      continue;
    }
    const choiceIds = question.kind === "short" ? null : new Set(question.choices.map((c) => c.id));
    if (question.kind === "single" && (typeof value !== "string" || !choiceIds?.has(value))) {
      issues.push({ path, message: "Answer a single-choice question with one of its choice ids." });
    } else if (question.kind === "multiple") {
      if (!Array.isArray(value) || value.some((v) => !choiceIds?.has(v))) {
        issues.push({ path, message: "Answer a multiple-choice question with a list of its choice ids." });
      } else if (new Set(value).size !== value.length) {
        issues.push({ path, message: "Name each choice at most once." });
      }
    } else if (question.kind === "short" && typeof value !== "string") {
      issues.push({ path, message: "Answer a short-answer question with text." });
    }
  }
  return issues;
}

/** The order questions are shown in for one attempt: as defined, or shuffled when the quiz says so. */
export function questionOrder(quiz: QuizDefinition, random: (maxExclusive: number) => number = randomInt): string[] {
  const ids = quiz.questions.map((q) => q.id);
  if (!quiz.shuffle) return ids;
  for (let i = ids.length - 1; i > 0; i--) {
    const j = random(i + 1);
    [ids[i], ids[j]] = [ids[j] as string, ids[i] as string];
  }
  return ids;
}

export type AttemptTiming = { startedAt: Date; deadlineAt: Date | null; submittedAt: Date | null };
export type AttemptState = "open" | "expired" | "submitted";

/** An attempt is open until submitted or until its deadline plus the grace period has passed. */
export function attemptState(attempt: AttemptTiming, now: Date): AttemptState {
  if (attempt.submittedAt) return "submitted";
  if (attempt.deadlineAt && now.getTime() > attempt.deadlineAt.getTime() + SUBMIT_GRACE_SECONDS * 1000) return "expired";
  return "open";
}

/** Minutes between two instants, to two decimals (performance_metrics.actual_minutes). */
export function minutesBetween(from: Date, to: Date): number {
  return Math.max(0, Math.round((to.getTime() - from.getTime()) / 600) / 100);
}
