"use client";
// Taking an open attempt: the questions in the order the server fixed, each answer saved as it
// changes, the countdown, and the submit (confirmed first, automatic when the time runs out).
// Grading is the server's: the answer comes back as a result, without the correct answers.
import { useMutation } from "@tanstack/react-query";
import { useTranslations } from "next-intl";
import { useCallback, useState } from "react";
import { apiFetch, type ApiProblem } from "@/components/query/api";
import { ProblemMessage } from "@/components/ui/problem-message";
import type { AttemptDto } from "@/lib/exams/dto";
import type { GradedResult } from "@/lib/exams/evaluation";
import type { SaverSnapshot } from "./answer-saver";
import { ExamTimer } from "./exam-timer";
import { QuestionField } from "./question-field";
import { useAttemptAnswers } from "./use-attempt-answers";

type Props = {
  attempt: AttemptDto;
  onGraded: (result: GradedResult, answers: Record<string, string | string[]>, timedOut: boolean) => void;
  /** The server closed the attempt (submitted elsewhere, out of time): its reason. */
  onClosed: (problem: ApiProblem) => void;
};

function overallSave(snapshot: SaverSnapshot): "failed" | "saving" | "saved" | "none" {
  const states = Object.values(snapshot.states);
  if (states.includes("failed")) return "failed";
  if (states.includes("saving")) return "saving";
  return states.length ? "saved" : "none";
}

export function ExamAttempt({ attempt, onGraded, onClosed }: Props) {
  const t = useTranslations("exam");
  const { answers, answer, commit, snapshot, finalAnswers, retry, stopSaving, resumeSaving } = useAttemptAnswers(attempt, onClosed);
  const [confirming, setConfirming] = useState(false);
  const [timeUp, setTimeUp] = useState(false);
  const submit = useMutation<GradedResult, ApiProblem, Record<string, string | string[]>>({
    mutationFn: (final) => apiFetch<GradedResult>(`/api/exam-attempts/${attempt.id}/submit`, { method: "POST", body: { answers: final } }),
    onSuccess: (result, final) => onGraded(result, final, timeUp),
    onError: (problem) => {
      // Submitted elsewhere or past the time limit: the attempt is over, with the server's reason.
      if (problem.status === 409) onClosed(problem);
      else resumeSaving();
    },
  });

  const send = useCallback(() => {
    setConfirming(false);
    stopSaving();
    submit.mutate(finalAnswers());
  }, [finalAnswers, stopSaving, submit]);

  const onTimeUp = useCallback(() => {
    setTimeUp(true);
    if (!submit.isPending && !submit.isSuccess) send();
  }, [send, submit.isPending, submit.isSuccess]);

  const answered = attempt.questions.filter((q) => {
    const value = answers[q.id];
    return Array.isArray(value) ? value.length > 0 : typeof value === "string" && value.trim() !== "";
  }).length;
  const total = attempt.questions.length;
  const save = overallSave(snapshot);
  const locked = timeUp || submit.isPending;

  return (
    <div className="flex flex-col gap-4" data-testid="exam-attempt" data-attempt={attempt.attempt_no}>
      <div className="sticky top-14 z-20 -mx-4 flex flex-wrap items-center justify-between gap-3 border-b border-slate-200 bg-slate-50/95 px-4 py-2 backdrop-blur sm:mx-0 sm:rounded-xl sm:border dark:border-slate-800 dark:bg-slate-950/95">
        <ExamTimer startedAt={attempt.started_at} deadline={attempt.deadline_at} onTimeUp={onTimeUp} />
        <div className="flex flex-col items-end gap-1 text-sm">
          <p aria-live="polite" data-testid="exam-save-state" data-state={save} className="flex flex-col items-end sm:flex-row sm:items-center sm:gap-2">
            <span className="tabular-nums text-slate-700 dark:text-slate-300">{t("answeredOf", { answered, total })}</span>
            <span className={save === "failed" ? "font-semibold text-red-700 dark:text-red-300" : "text-slate-600 dark:text-slate-400"}>
              {save === "none" ? "" : t(`save.overall.${save}`)}
            </span>
          </p>
          {save === "failed" && !snapshot.closed ? (
            <button type="button" onClick={retry} className="text-xs font-semibold text-red-800 underline dark:text-red-200">
              {t("save.retry")}
            </button>
          ) : null}
        </div>
      </div>

      {timeUp ? (
        <div role="alert" className="rounded-xl border border-red-200 bg-red-50 p-3 text-sm font-medium text-red-900 dark:border-red-900 dark:bg-red-950/50 dark:text-red-100" data-testid="exam-time-up">
          {submit.isPending ? t("timeUpSubmitting") : t("timeUp")}
        </div>
      ) : null}
      {snapshot.problem && save === "failed" ? <ProblemMessage problem={snapshot.problem} /> : null}

      <ol className="flex flex-col gap-4" aria-label={t("questions")}>
        {attempt.questions.map((question, index) => (
          <QuestionField
            key={question.id}
            question={question}
            number={index + 1}
            total={total}
            value={answers[question.id]}
            saveState={snapshot.states[question.id]}
            disabled={locked}
            onAnswer={(value, typing) => answer(question.id, value, typing)}
            onLeave={() => commit(question.id)}
          />
        ))}
      </ol>

      <section aria-labelledby="submit-heading" className="flex flex-col gap-3 rounded-2xl border border-slate-200 bg-white p-4 shadow-sm sm:p-5 dark:border-slate-800 dark:bg-slate-900">
        <h2 id="submit-heading" className="text-base font-semibold">
          {t("finishTitle")}
        </h2>
        {confirming ? (
          <div className="flex flex-col gap-3" data-testid="exam-confirm">
            <p className="text-sm">
              {t("confirmBody", { answered, total })} {answered < total ? <strong>{t("confirmUnanswered", { count: total - answered })}</strong> : null}
            </p>
            <div className="flex flex-wrap gap-2">
              <button type="button" onClick={send} disabled={submit.isPending} data-testid="exam-confirm-submit" className="rounded-lg bg-emerald-700 px-4 py-2 text-sm font-semibold text-white hover:bg-emerald-800 disabled:opacity-60">
                {t("confirmSubmit")}
              </button>
              <button type="button" onClick={() => setConfirming(false)} className="rounded-lg border border-slate-300 px-4 py-2 text-sm font-semibold hover:bg-slate-100 dark:border-slate-700 dark:hover:bg-slate-800">
                {t("keepAnswering")}
              </button>
            </div>
          </div>
        ) : (
          <div className="flex flex-col gap-2">
            <p className="text-sm text-slate-600 dark:text-slate-400">{t("finishBody")}</p>
            <button
              type="button"
              // After the time ran out only a submit that failed on the way is offered again.
              onClick={() => (timeUp ? send() : setConfirming(true))}
              data-testid="exam-submit"
              disabled={submit.isPending || (timeUp && !submit.isError)}
              className="self-start rounded-lg bg-emerald-700 px-4 py-2 text-sm font-semibold text-white hover:bg-emerald-800 disabled:opacity-60"
            >
              {submit.isPending ? t("submitting") : t("submit")}
            </button>
          </div>
        )}
        {submit.error && submit.error.status !== 409 ? <ProblemMessage problem={submit.error} /> : null}
      </section>
    </div>
  );
}
