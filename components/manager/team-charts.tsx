"use client";
// The dashboard's charts: one member's score profile against the team's, work finished per week,
// how the team spreads over the specialization levels, and who has overdue work.
import { useFormatter, useTranslations } from "next-intl";
import { useId, useState } from "react";
import { CategoryBarChart } from "@/components/charts/category-bar-chart";
import { ChartFigure } from "@/components/charts/chart-figure";
import { TONE } from "@/components/charts/palette";
import { ScoreRadarChart } from "@/components/charts/score-radar-chart";
import { WeeklyTrendChart } from "@/components/charts/weekly-trend-chart";
import { formatDay } from "@/components/ui/format";
import type { SpecializationLevel } from "@/db/schema/metrics";
import type { ScoreCardDto } from "@/lib/scores/dto";
import type { TeamMemberDto } from "@/lib/scores/team";
import type { WeekCount } from "@/lib/views/manager/team";
import { formatShare, SCORE_KEYS, scoreProfile } from "./score-format";

type Props = {
  members: TeamMemberDto[];
  aggregate: ScoreCardDto & { members: number };
  levels: Map<number, SpecializationLevel | null>;
  weeks: WeekCount[];
};

/** In level order; the schema's list is not imported here, so the browser bundle stays free of it. */
const LEVELS = ["beginner", "intermediate", "advanced"] as const satisfies readonly SpecializationLevel[];
const LEVEL_COLORS: Record<SpecializationLevel | "none", string> = { none: TONE.muted, beginner: "#0284c7", intermediate: "#7c3aed", advanced: "#059669" };

export function TeamCharts({ members, aggregate, levels, weeks }: Props) {
  const t = useTranslations("manager.dashboard");
  const tl = useTranslations("specialization.level");
  return (
    <div className="grid gap-4 lg:grid-cols-2">
      <ProfileChart members={members} aggregate={aggregate} />
      <ChartFigure id="chart-trend" testId="chart-trend" title={t("trendTitle")} caption={t("trendCaption", { weeks: weeks.length })}>
        <TrendChart weeks={weeks} />
      </ChartFigure>
      <ChartFigure id="chart-levels" testId="chart-levels" title={t("levelsTitle")} caption={t("levelsCaption")}>
        <CategoryBarChart
          valueName={t("people")}
          data={(["none", ...LEVELS] as const).map((level) => ({
            label: level === "none" ? t("noLevel") : tl(level),
            value: members.filter((m) => (levels.get(m.user.id) ?? "none") === level).length,
            color: LEVEL_COLORS[level],
          }))}
        />
      </ChartFigure>
      <OverdueChart members={members} />
    </div>
  );
}

function ProfileChart({ members, aggregate }: Pick<Props, "members" | "aggregate">) {
  const t = useTranslations("manager.dashboard");
  const tc = useTranslations("manager.dashboard.column");
  const format = useFormatter();
  const selectId = useId();
  // The first person with any evidence: an empty profile is a poor first picture of a team.
  const [chosen, setChosen] = useState<number | null>((members.find((m) => (m.scores.progress ?? 0) > 0) ?? members[0])?.user.id ?? null);
  const person = members.find((m) => m.user.id === chosen) ?? members[0];
  const series = [
    ...(person ? [{ name: person.user.name, values: scoreProfile(person.counters) }] : []),
    { name: t("teamSeries"), values: scoreProfile(aggregate.counters, Math.max(1, aggregate.members)) },
  ];
  return (
    <ChartFigure id="chart-profile" testId="chart-profile" title={t("profileTitle")} caption={t("profileCaption")}>
      {members.length > 0 ? (
        <div className="mb-2 flex flex-wrap items-center gap-2 text-sm text-slate-900 dark:text-slate-100">
          <label htmlFor={selectId}>{t("profilePerson")}</label>
          <select
            id={selectId}
            value={person?.user.id ?? ""}
            onChange={(e) => setChosen(Number(e.target.value))}
            className="rounded-lg border border-slate-300 bg-white px-2 py-1 dark:border-slate-700 dark:bg-slate-950"
          >
            {members.map((m) => (
              <option key={m.user.id} value={m.user.id}>
                {m.user.name}
              </option>
            ))}
          </select>
        </div>
      ) : null}
      <ScoreRadarChart axes={SCORE_KEYS.map((key) => ({ key, label: tc(key) }))} series={series} formatValue={(v) => (v === null ? t("noEvidence") : formatShare(format, v))} />
    </ChartFigure>
  );
}

function TrendChart({ weeks }: { weeks: WeekCount[] }) {
  const t = useTranslations("manager.dashboard");
  const format = useFormatter();
  return (
    <WeeklyTrendChart
      names={{ onTime: t("onTime"), late: t("late") }}
      data={weeks.map((w) => ({ label: formatDay(format, w.week_start, { day: "numeric", month: "short" }), on_time: w.on_time, late: w.late }))}
    />
  );
}

function OverdueChart({ members }: Pick<Props, "members">) {
  const t = useTranslations("manager.dashboard");
  const late = members.filter((m) => m.counters.overdue_tasks > 0).sort((a, b) => b.counters.overdue_tasks - a.counters.overdue_tasks);
  return (
    <ChartFigure id="chart-overdue" testId="chart-overdue" title={t("overdueTitle")} caption={t("overdueCaption")}>
      {late.length === 0 ? (
        <p className="py-10 text-center text-sm">{t("overdueNone")}</p>
      ) : (
        <CategoryBarChart orientation="rows" valueName={t("overdueTasks")} data={late.map((m) => ({ label: m.user.name, value: m.counters.overdue_tasks, color: TONE.bad }))} />
      )}
    </ChartFigure>
  );
}
