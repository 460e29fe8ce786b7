"use client";
// Before an attempt: what the exam is (questions, time limit, pass mark, attempts), the attempts
// so far, and the start, or why there is none to start.
import { useFormatter, useTranslations } from "next-intl";
import { formatInstant } from "@/components/ui/format";
import { ClockIcon } from "@/components/ui/icons";
import { ProblemMessage } from "@/components/ui/problem-message";
import type { ApiProblem } from "@/components/query/api";
import type { AttemptDto } from "@/lib/exams/dto";

export type QuizOutline = { questions: number; time_limit_minutes: number | null; pass_mark: number; max_attempts: number };

type Props = {
  outline: QuizOutline;
  attempts: AttemptDto[];
  /** Why no attempt can be started, or null when one can. */
  blocked: "notOwner" | "stepDone" | "exhausted" | "taskClosed" | null;
  ownerName: string;
  notice: ApiProblem | null;
  /** Absent when the start is offered elsewhere (the "Try again" of the result shown above). */
  onStart?: () => void;
  starting: boolean;
  startError: ApiProblem | null;
};

export function ExamIntro({ outline, attempts, blocked, ownerName, notice, onStart, starting, startError }: Props) {
  const t = useTranslations("exam");
  const format = useFormatter();
  const used = attempts.length;
  return (
    <section aria-labelledby="exam-intro-heading" className="flex flex-col gap-5 rounded-2xl border border-slate-200 bg-white p-4 shadow-sm sm:p-6 dark:border-slate-800 dark:bg-slate-900" data-testid="exam-intro">
      <h2 id="exam-intro-heading" className="text-lg font-semibold">
        {t("intro.title")}
      </h2>
      <dl className="grid grid-cols-2 gap-3 sm:grid-cols-4">
        {[
          [t("intro.questions"), String(outline.questions)],
          [t("intro.timeLimit"), outline.time_limit_minutes === null ? t("intro.untimed") : t("intro.minutes", { minutes: outline.time_limit_minutes })],
          [t("intro.passMark"), t("intro.percent", { percent: Math.round(outline.pass_mark * 100) })],
          [t("intro.attempts"), t("intro.attemptsUsed", { used, max: outline.max_attempts })],
        ].map(([label, value]) => (
          <div key={label} className="rounded-xl bg-slate-50 p-3 dark:bg-slate-800/60">
            <dt className="text-xs text-slate-600 dark:text-slate-400">{label}</dt>
            <dd className="text-lg font-semibold tabular-nums">{value}</dd>
          </div>
        ))}
      </dl>

      {notice ? (
        <div role="alert" className="flex flex-col gap-1 rounded-xl border border-red-200 bg-red-50 p-3 text-sm text-red-900 dark:border-red-900 dark:bg-red-950/50 dark:text-red-100" data-testid="exam-notice">
          <p className="font-semibold">{t("closedTitle")}</p>
          <p>{notice.message}</p>
        </div>
      ) : null}

      {blocked === null ? (
        <div className="flex flex-col gap-3">
          <p className="flex items-start gap-2 text-sm text-slate-700 dark:text-slate-300">
            <ClockIcon className="mt-0.5 h-4 w-4 shrink-0" />
            {outline.time_limit_minutes === null ? t("intro.howUntimed") : t("intro.howTimed", { minutes: outline.time_limit_minutes })}
          </p>
          {onStart ? (
            <button
              type="button"
              onClick={onStart}
              disabled={starting}
              data-testid="exam-start"
              className="self-start rounded-lg bg-emerald-700 px-4 py-2 text-sm font-semibold text-white hover:bg-emerald-800 disabled:opacity-60"
            >
              {used === 0 ? t("intro.start") : t("intro.startAgain", { number: used + 1 })}
            </button>
          ) : null}
          <ProblemMessage problem={startError} />
        </div>
      ) : (
        <p className="rounded-xl bg-slate-50 p-3 text-sm dark:bg-slate-800/60" data-testid="exam-blocked">
          {blocked === "notOwner" ? t("intro.notOwner", { name: ownerName }) : t(`intro.${blocked}`)}
        </p>
      )}

      {attempts.length ? (
        <div className="flex flex-col gap-2">
          <h3 className="text-sm font-semibold">{t("intro.history")}</h3>
          <ol className="flex flex-col gap-1 text-sm">
            {attempts.map((a) => (
              <li key={a.id} className="flex flex-wrap gap-x-2 text-slate-700 dark:text-slate-300">
                <span className="font-medium">{t("intro.attemptNumber", { number: a.attempt_no })}</span>
                <span>
                  {a.state === "submitted" && a.submitted_at
                    ? t("intro.submittedAt", { at: formatInstant(format, a.submitted_at) })
                    : a.state === "expired"
                      ? t("intro.expired")
                      : t("intro.open")}
                </span>
              </li>
            ))}
          </ol>
        </div>
      ) : null}
    </section>
  );
}
