"use client";
// The latest hand-in and where it stands: waiting for review, returned with feedback to act on,
// or reviewed with its score and technical rating. Only public feedback is ever shown here.
import { useFormatter, useTranslations } from "next-intl";
import { formatInstant } from "@/components/ui/format";
import { CheckIcon, ClockIcon, ExternalIcon } from "@/components/ui/icons";
import type { SubmissionDto } from "@/lib/exams/dto";

const TONE: Record<string, string> = {
  submitted: "border-violet-200 bg-violet-50 text-violet-950 dark:border-violet-900 dark:bg-violet-950/40 dark:text-violet-100",
  returned: "border-amber-200 bg-amber-50 text-amber-950 dark:border-amber-900 dark:bg-amber-950/40 dark:text-amber-100",
  reviewed: "border-emerald-200 bg-emerald-50 text-emerald-950 dark:border-emerald-900 dark:bg-emerald-950/40 dark:text-emerald-100",
};

export function SubmissionState({ submission }: { submission: SubmissionDto }) {
  const t = useTranslations("submission");
  const format = useFormatter();
  const state = submission.state === "returned" || submission.state === "reviewed" ? submission.state : "submitted";
  return (
    <section
      aria-labelledby="submission-state-heading"
      data-testid="submission-state"
      data-state={state}
      className={`flex flex-col gap-3 rounded-2xl border p-4 sm:p-5 ${TONE[state] ?? ""}`}
    >
      <h2 id="submission-state-heading" className="flex items-center gap-2 text-base font-semibold">
        {state === "reviewed" ? <CheckIcon className="h-4 w-4" /> : <ClockIcon className="h-4 w-4" />}
        {t(`stateTitle.${state}`)}
      </h2>
      <p className="text-sm">{t(`stateBody.${state}`)}</p>

      {state === "reviewed" ? (
        <dl className="grid grid-cols-2 gap-3 sm:max-w-sm">
          <div className="rounded-xl bg-white/70 p-3 dark:bg-slate-900/60">
            <dt className="text-xs">{t("score")}</dt>
            <dd className="text-xl font-semibold tabular-nums" data-testid="submission-score">
              {submission.score === null ? "—" : t("percent", { percent: Math.round(submission.score * 100) })}
            </dd>
          </div>
          <div className="rounded-xl bg-white/70 p-3 dark:bg-slate-900/60">
            <dt className="text-xs">{t("rating")}</dt>
            <dd className="text-xl font-semibold tabular-nums" data-testid="submission-rating">
              {submission.technical_rating === null ? "—" : t("ratingOf", { rating: submission.technical_rating })}
            </dd>
          </div>
        </dl>
      ) : null}

      {submission.public_feedback ? (
        <div className="flex flex-col gap-1">
          <h3 className="text-sm font-semibold">{t("feedback")}</h3>
          <p className="whitespace-pre-wrap rounded-xl bg-white/70 p-3 text-sm text-slate-900 dark:bg-slate-900/60 dark:text-slate-100" data-testid="submission-feedback">
            {submission.public_feedback}
          </p>
        </div>
      ) : null}

      <div className="flex flex-col gap-1 text-sm">
        <h3 className="font-semibold">{t("yourWork")}</h3>
        <p className="text-xs">{t("handedIn", { at: formatInstant(format, submission.created_at) })}</p>
        {submission.url ? (
          <a href={submission.url} target="_blank" rel="noopener noreferrer nofollow" className="inline-flex items-center gap-1 break-all font-medium underline">
            {submission.url}
            <ExternalIcon className="h-3.5 w-3.5 shrink-0" />
            <span className="sr-only">{t("opensNewTab")}</span>
          </a>
        ) : null}
        {submission.body ? <p className="max-h-64 overflow-auto whitespace-pre-wrap rounded-xl bg-white/70 p-3 text-slate-900 dark:bg-slate-900/60 dark:text-slate-100">{submission.body}</p> : null}
      </div>
    </section>
  );
}
