"use client";
// The attempt's countdown from the server's deadline, with the end time in the person's own time
// zone. Near the end it turns amber and says so once; at zero it says the time is up and hands
// over to the attempt, which submits. Screen readers hear the warnings, not every second.
import { useFormatter, useTranslations } from "next-intl";
import { useEffect, useRef } from "react";
import { ClockIcon } from "@/components/ui/icons";
import { formatRemaining, useCountdown, warningThreshold } from "./use-countdown";

type Props = { startedAt: string; deadline: string | null; onTimeUp: () => void };

export function ExamTimer({ startedAt, deadline, onTimeUp }: Props) {
  const t = useTranslations("exam");
  const format = useFormatter();
  const remaining = useCountdown(deadline);
  const fired = useRef(false);
  const over = remaining !== null && remaining <= 0;
  useEffect(() => {
    if (over && !fired.current) {
      fired.current = true;
      onTimeUp();
    }
  }, [over, onTimeUp]);

  if (deadline === null) {
    return (
      <p className="flex items-center gap-1.5 text-sm text-slate-700 dark:text-slate-300" data-testid="exam-timer" data-state="untimed">
        <ClockIcon className="h-4 w-4" /> {t("noTimeLimit")}
      </p>
    );
  }
  const warn = remaining !== null && remaining <= warningThreshold(startedAt, deadline);
  const state = over ? "over" : warn ? "warning" : "running";
  const tone = over
    ? "border-red-300 bg-red-50 text-red-900 dark:border-red-800 dark:bg-red-950 dark:text-red-100"
    : warn
      ? "border-amber-300 bg-amber-50 text-amber-950 dark:border-amber-700 dark:bg-amber-950 dark:text-amber-100"
      : "border-slate-200 bg-white text-slate-900 dark:border-slate-700 dark:bg-slate-900 dark:text-slate-100";
  const minutesLeft = remaining === null ? 0 : Math.ceil(remaining / 60_000);
  return (
    <div className="flex flex-col gap-0.5">
      <div className={`inline-flex items-center gap-2 rounded-lg border px-3 py-1.5 ${tone}`} data-testid="exam-timer" data-state={state}>
        <ClockIcon className="h-4 w-4 shrink-0" />
        {/* The timer is named "Time left" for screen readers; on a phone the clock speaks for itself. */}
        <span aria-hidden className="hidden text-xs font-medium sm:inline">
          {t("timeLeft")}
        </span>
        <span role="timer" aria-label={t("timeLeft")} className="font-mono text-lg font-semibold tabular-nums">
          {remaining === null ? "–:––" : formatRemaining(remaining)}
        </span>
      </div>
      <span className="text-xs text-slate-600 dark:text-slate-400">{t("endsAt", { time: format.dateTime(new Date(deadline), { timeStyle: "short" }) })}</span>
      {/* Announced once each: the warning when it starts, and the end. */}
      <span className="sr-only" aria-live="assertive">
        {over ? t("timeUp") : warn ? t("timeWarning", { minutes: minutesLeft }) : ""}
      </span>
    </div>
  );
}
