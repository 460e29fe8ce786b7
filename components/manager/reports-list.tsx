"use client";
// Stored reports the reader may open (GET /api/reports, newest first), each with its scope,
// period and metrics, a link to its page and its CSV download.
import { useQuery } from "@tanstack/react-query";
import Link from "next/link";
import { useFormatter, useTranslations } from "next-intl";
import { apiFetch, type ApiProblem, queryString } from "@/components/query/api";
import { queryKeys } from "@/components/query/query-keys";
import { EmptyState } from "@/components/ui/empty-state";
import { formatDay, formatInstant } from "@/components/ui/format";
import { ProblemMessage } from "@/components/ui/problem-message";
import type { Page } from "@/lib/api/pagination";
import type { ReportSummaryDto } from "@/lib/reports/dto";
import { readAllReports, REPORTS_PAGE_SIZE } from "./reports-query";

export function ReportsList() {
  const t = useTranslations("manager.reports");
  const format = useFormatter();
  const { data, error } = useQuery<Page<ReportSummaryDto>, ApiProblem>({
    queryKey: queryKeys.reports.all,
    queryFn: ({ signal }) => readAllReports((cursor) => apiFetch(`/api/reports${queryString({ limit: REPORTS_PAGE_SIZE, cursor })}`, { signal })),
  });
  // Newest first, as the API pages them: the report a person looks for is usually the one just made.
  const items = data?.items ?? [];
  return (
    <section aria-labelledby="reports-list-title" className="flex flex-col gap-3">
      <h2 id="reports-list-title" className="text-lg font-semibold">
        {t("listTitle")}
      </h2>
      <ProblemMessage problem={error} />
      {data && items.length === 0 ? <EmptyState title={t("emptyTitle")} body={t("emptyBody")} /> : null}
      <ul className="flex flex-col divide-y divide-slate-100 rounded-2xl border border-slate-200 bg-white empty:hidden dark:divide-slate-800 dark:border-slate-800 dark:bg-slate-900">
        {items.map((r) => (
          <li key={r.id} className="flex flex-wrap items-center justify-between gap-3 px-4 py-3 text-sm" data-testid={`report-${r.id}`}>
            <div className="flex min-w-0 flex-col gap-0.5">
              <Link href={`/manager/reports/${r.id}`} className="font-medium text-emerald-800 hover:underline dark:text-emerald-300">
                {t("reportName", { scope: t(`scope.${r.scope_type}`), name: r.scope_name })}
              </Link>
              <span className="text-xs text-slate-600 dark:text-slate-400">
                {r.period_start && r.period_end ? t("periodRange", { from: formatDay(format, r.period_start), to: formatDay(format, r.period_end) }) : t("allTime")}
                {" · "}
                {t("metricCount", { count: r.metrics.include.length })}
                {" · "}
                {formatInstant(format, r.created_at)}
              </span>
            </div>
            <a href={r.links.csv} download className="rounded-lg border border-slate-300 px-2.5 py-1 text-sm font-medium hover:bg-slate-100 dark:border-slate-700 dark:hover:bg-slate-800" aria-label={t("csvOf", { name: r.scope_name })}>
              {t("csv")}
            </a>
          </li>
        ))}
      </ul>
    </section>
  );
}
