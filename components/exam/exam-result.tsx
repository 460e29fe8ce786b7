"use client";
// A graded attempt: score, passed or not, and for each question whether the person's own answer
// was right, never what the right answer was; then how many attempts are left and, while any are,
// a way to try again. Shown from the grade the submit answered with, or, after a reload, from the
// grade the attempt itself carries.
import Link from "next/link";
import { useTranslations } from "next-intl";
import { useEffect, useRef } from "react";
import { AlertIcon, CheckIcon } from "@/components/ui/icons";
import { ProblemMessage } from "@/components/ui/problem-message";
import type { ApiProblem } from "@/components/query/api";
import type { AttemptResultDto, PublicQuestion } from "@/lib/exams/dto";
import type { GradedResult } from "@/lib/exams/evaluation";

/** What the result shows, whichever answer it came from. */
export type Grade = {
  passed: boolean;
  score: number;
  correct: number;
  total: number;
  verdicts: { id: string; correct: boolean }[];
  attemptsUsed: number;
  maxAttempts: number;
  /** Further attempts allowed: none once passed. */
  attemptsLeft: number;
};

export function gradeOfSubmit(result: GradedResult): Grade {
  const verdicts = result.metrics.per_question ?? [];
  return {
    passed: result.passed,
    score: result.score,
    correct: result.metrics.correct_answers ?? verdicts.filter((v) => v.correct).length,
    total: result.metrics.total_questions ?? verdicts.length,
    verdicts,
    attemptsUsed: result.attempts_used,
    maxAttempts: result.max_attempts,
    attemptsLeft: result.attempts_left,
  };
}

export function gradeOfAttempt(result: AttemptResultDto, attempts: { used: number; max: number }): Grade {
  return {
    passed: result.passed,
    score: result.score,
    correct: result.correct_answers,
    total: result.total_questions,
    verdicts: result.per_question,
    attemptsUsed: attempts.used,
    maxAttempts: attempts.max,
    attemptsLeft: result.passed ? 0 : Math.max(0, attempts.max - attempts.used),
  };
}

type Props = {
  grade: Grade;
  questions: PublicQuestion[];
  answers: Record<string, string | string[]>;
  /** The time ran out and the answers were submitted without the person asking. */
  timedOut: boolean;
  taskId: number;
  passMark: number;
  /** Just graded: focus moves to the result. Read again later (a reload): it stays where it is. */
  fresh: boolean;
  /** Which attempt this was, shown when the result is read again later. */
  attemptNo?: number;
  /** Absent when no further attempt can be started from here. */
  onRetry?: () => void;
  retrying: boolean;
  retryError: ApiProblem | null;
};

const percent = (share: number) => Math.round(share * 100);

function answerText(question: PublicQuestion, value: string | string[] | undefined): string | null {
  if (value === undefined) return null;
  if (question.kind === "short") return typeof value === "string" ? value : null;
  const ids = Array.isArray(value) ? value : [value];
  const texts = ids.map((id) => question.choices?.find((c) => c.id === id)?.text).filter((text): text is string => Boolean(text));
  return texts.length ? texts.join(", ") : null;
}

export function ExamResult({ grade, questions, answers, timedOut, taskId, passMark, fresh, attemptNo, onRetry, retrying, retryError }: Props) {
  const t = useTranslations("exam");
  const verdicts = new Map(grade.verdicts.map((v) => [v.id, v]));
  const { passed } = grade;
  const heading = useRef<HTMLHeadingElement>(null);
  // A fresh result replaces the questions: focus moves to it, so keyboard and screen reader users land there.
  useEffect(() => {
    if (fresh) heading.current?.focus();
  }, [fresh]);
  return (
    <section
      aria-labelledby="result-heading"
      data-testid="exam-result"
      data-passed={passed}
      className="flex flex-col gap-5 rounded-2xl border border-slate-200 bg-white p-4 shadow-sm sm:p-6 dark:border-slate-800 dark:bg-slate-900"
    >
      {!fresh && attemptNo !== undefined ? (
        <p className="text-sm font-medium text-slate-600 dark:text-slate-400" data-testid="exam-result-attempt">
          {t("result.ofAttempt", { number: attemptNo })}
        </p>
      ) : null}
      <div className={`flex flex-col gap-2 rounded-xl p-4 ${passed ? "bg-emerald-50 text-emerald-950 dark:bg-emerald-950/40 dark:text-emerald-100" : "bg-amber-50 text-amber-950 dark:bg-amber-950/40 dark:text-amber-100"}`}>
        <h2 id="result-heading" ref={heading} className="flex items-center gap-2 text-xl font-semibold outline-none" tabIndex={-1}>
          {passed ? <CheckIcon className="h-5 w-5" /> : <AlertIcon className="h-5 w-5" />}
          {passed ? t("result.passed") : t("result.notPassed")}
        </h2>
        <p className="text-3xl font-bold tabular-nums" data-testid="exam-score">
          {t("result.score", { score: percent(grade.score) })}
        </p>
        {timedOut ? (
          <p className="text-sm font-medium" data-testid="exam-timed-out">
            {t("result.timedOut")}
          </p>
        ) : null}
        <p className="text-sm">
          {t("result.summary", {
            correct: grade.correct,
            total: grade.total,
            passMark: percent(passMark),
          })}
        </p>
      </div>

      <div className="flex flex-col gap-2">
        <h3 className="text-base font-semibold">{t("result.perQuestion")}</h3>
        <ol className="flex flex-col divide-y divide-slate-100 dark:divide-slate-800">
          {questions.map((question, index) => {
            const verdict = verdicts.get(question.id);
            const given = answerText(question, answers[question.id]);
            return (
              <li key={question.id} className="flex items-start gap-3 py-3" data-testid={`verdict-${question.id}`} data-correct={verdict?.correct ?? false}>
                <span
                  aria-hidden
                  className={`mt-0.5 grid h-6 w-6 shrink-0 place-items-center rounded-full text-white ${verdict?.correct ? "bg-emerald-600" : "bg-red-600"}`}
                >
                  {verdict?.correct ? <CheckIcon className="h-3.5 w-3.5" /> : <span className="text-sm font-bold leading-none">×</span>}
                </span>
                <div className="flex min-w-0 flex-col gap-0.5">
                  <p className="font-medium">
                    <span className="sr-only">{t("questionOf", { number: index + 1, total: questions.length })}: </span>
                    {question.prompt}
                  </p>
                  <p className="text-sm text-slate-600 dark:text-slate-400">{given === null ? t("result.noAnswer") : t("result.yourAnswer", { answer: given })}</p>
                  <p className={`text-sm font-semibold ${verdict?.correct ? "text-emerald-800 dark:text-emerald-300" : "text-red-700 dark:text-red-300"}`}>
                    {verdict?.correct ? t("result.correct") : t("result.incorrect")}
                  </p>
                </div>
              </li>
            );
          })}
        </ol>
      </div>

      <div className="flex flex-col gap-3 border-t border-slate-100 pt-4 dark:border-slate-800">
        <p className="text-sm" data-testid="exam-attempts-left">
          {passed
            ? t("result.attemptsUsed", { used: grade.attemptsUsed, max: grade.maxAttempts })
            : grade.attemptsLeft > 0
              ? t("result.attemptsLeft", { left: grade.attemptsLeft })
              : t("result.noAttemptsLeft")}
        </p>
        <div className="flex flex-wrap gap-2">
          {onRetry && !passed && grade.attemptsLeft > 0 ? (
            <button
              type="button"
              onClick={onRetry}
              disabled={retrying}
              className="rounded-lg bg-emerald-700 px-4 py-2 text-sm font-semibold text-white hover:bg-emerald-800 disabled:opacity-60"
            >
              {t("result.tryAgain")}
            </button>
          ) : null}
          <Link href={`/tasks/${taskId}`} className="rounded-lg border border-slate-300 px-4 py-2 text-sm font-semibold hover:bg-slate-100 dark:border-slate-700 dark:hover:bg-slate-800">
            {t("backToTask")}
          </Link>
        </div>
        <ProblemMessage problem={retryError} />
      </div>
    </section>
  );
}
