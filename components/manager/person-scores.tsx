"use client";
// One person's scores as cards, each with its formula and the counts behind it, beside their score
// profile drawn against nothing but the full scale.
import { useFormatter, useTranslations } from "next-intl";
import { ChartFigure } from "@/components/charts/chart-figure";
import { ScoreRadarChart } from "@/components/charts/score-radar-chart";
import type { UserScoresDto } from "@/lib/scores/read";
import { type BlendKey, formatScore, formatShare, SCORE_KEYS, scoreProfile } from "./score-format";

const CARDS: BlendKey[] = ["progress", ...SCORE_KEYS];

export function PersonScores({ scores }: { scores: UserScoresDto }) {
  const t = useTranslations("manager.person");
  const tc = useTranslations("manager.dashboard.column");
  const tf = useTranslations("manager.formula");
  const td = useTranslations("manager.dashboard");
  const format = useFormatter();
  const c = scores.counters;
  const basis: Record<BlendKey, string> = {
    progress: t("basisProgress"),
    completion: t("basisCompletion", { done: c.completed_tasks, assigned: c.assigned_tasks }),
    help: t("basisHelp", { count: c.helped_tasks }),
    timing: t("basisTiming", { actual: Math.round(c.actual_minutes), expected: Math.round(c.expected_minutes) }),
    quality: t("basisQuality", { correct: c.correct_answers, total: c.total_questions }),
    technical: t("basisTechnical", { count: c.rating_count }),
  };
  return (
    <div className="grid gap-4 lg:grid-cols-[minmax(0,1fr)_minmax(0,22rem)]">
      <section aria-labelledby="person-scores-title" className="flex flex-col gap-3">
        <h2 id="person-scores-title" className="text-lg font-semibold">
          {t("scoresTitle")}
        </h2>
        <dl className="grid gap-3 sm:grid-cols-2" data-testid="person-scores">
          {CARDS.map((key) => (
            <div key={key} className="flex flex-col gap-1 rounded-xl border border-slate-200 bg-white p-3 shadow-sm dark:border-slate-800 dark:bg-slate-900">
              <dt className="text-xs font-medium text-slate-600 dark:text-slate-400">{tc(key)}</dt>
              <dd className="flex flex-col gap-1">
                <span className="text-xl font-semibold tabular-nums">{formatScore(format, key, scores.scores[key])}</span>
                <span className="text-xs text-slate-600 dark:text-slate-400">{tf(key)}</span>
                <span className="text-xs text-slate-600 dark:text-slate-400">{basis[key]}</span>
              </dd>
            </div>
          ))}
        </dl>
      </section>
      <ChartFigure id="person-profile" testId="chart-person-profile" title={td("profileTitle")} caption={td("profileCaption")}>
        <ScoreRadarChart
          axes={SCORE_KEYS.map((key) => ({ key, label: tc(key) }))}
          series={[{ name: scores.user.name, values: scoreProfile(scores.counters) }]}
          formatValue={(v) => (v === null ? td("noEvidence") : formatShare(format, v))}
        />
      </ChartFigure>
    </div>
  );
}
