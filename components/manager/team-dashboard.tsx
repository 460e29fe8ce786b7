"use client";
// The team dashboard: the team's scores (GET /api/scores/team, hydrated from the server and kept
// current by live events on the team's topic), the aggregate as cards, the charts and the table.
// The weekly trend and the levels come from the server page, which live events re-render.
import { useQuery } from "@tanstack/react-query";
import { useFormatter, useTranslations } from "next-intl";
import { useMemo } from "react";
import { type LiveTopic, useLiveTopics } from "@/components/live/use-live";
import { apiFetch, type ApiProblem, queryString } from "@/components/query/api";
import { queryKeys } from "@/components/query/query-keys";
import { EmptyState } from "@/components/ui/empty-state";
import { ProblemMessage } from "@/components/ui/problem-message";
import type { TeamScoresDto } from "@/lib/scores/team";
import type { TeamOverview } from "@/lib/views/manager/team";
import { type BlendKey, formatScore } from "./score-format";
import { TeamCharts } from "./team-charts";
import { TeamTable } from "./team-table";

export type TeamQuery = { entity_id?: number; limit: number };

type Props = { query: TeamQuery; overview: TeamOverview; liveTopic: LiveTopic };

export function TeamDashboard({ query, overview, liveTopic }: Props) {
  const t = useTranslations("manager.dashboard");
  useLiveTopics([liveTopic], { refresh: true });
  const { data, error } = useQuery<TeamScoresDto, ApiProblem>({
    queryKey: queryKeys.scores.team(query),
    queryFn: ({ signal }) => apiFetch(`/api/scores/team${queryString(query)}`, { signal }),
  });
  const levels = useMemo(() => new Map(overview.levels.map((l) => [l.user_id, l.level])), [overview.levels]);
  if (!data) return <ProblemMessage problem={error} />;
  const members = data.members.items;
  return (
    <div className="flex flex-col gap-6">
      <ProblemMessage problem={error} />
      <SummaryCards data={data} />
      {members.length === 0 ? (
        <EmptyState title={t("emptyTitle")} body={t("emptyBody")} />
      ) : (
        <>
          <TeamCharts members={members} aggregate={data.aggregate} levels={levels} weeks={overview.weeks} />
          <TeamTable members={members} levels={levels} />
        </>
      )}
    </div>
  );
}

const CARDS: BlendKey[] = ["progress", "completion", "quality", "technical", "timing", "help"];

function SummaryCards({ data }: { data: TeamScoresDto }) {
  const t = useTranslations("manager.dashboard");
  const tf = useTranslations("manager.formula");
  const format = useFormatter();
  const { aggregate } = data;
  return (
    <section aria-labelledby="team-summary-title">
      <h2 id="team-summary-title" className="sr-only">
        {t("summaryTitle")}
      </h2>
      <dl className="grid grid-cols-2 gap-3 sm:grid-cols-4 lg:grid-cols-8" data-testid="team-summary">
        <Card label={t("members")} value={format.number(aggregate.members)} />
        {CARDS.map((key) => (
          <Card key={key} label={t(`column.${key}`)} value={formatScore(format, key, aggregate.scores[key])} hint={tf(key)} />
        ))}
        <Card label={t("column.overdue")} value={format.number(aggregate.counters.overdue_tasks)} tone={aggregate.counters.overdue_tasks > 0 ? "bad" : undefined} />
      </dl>
    </section>
  );
}

function Card({ label, value, hint, tone }: { label: string; value: string; hint?: string; tone?: "bad" }) {
  return (
    <div className="flex flex-col gap-1 rounded-xl border border-slate-200 bg-white p-3 shadow-sm dark:border-slate-800 dark:bg-slate-900" title={hint}>
      <dt className="text-xs font-medium text-slate-600 dark:text-slate-400">{label}</dt>
      <dd className={`text-xl font-semibold tabular-nums ${tone === "bad" ? "text-red-700 dark:text-red-400" : ""}`}>{value}</dd>
    </div>
  );
}
