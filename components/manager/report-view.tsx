// A stored report's snapshot as tables: the scope's value of each metric with how it is computed,
// one row per person, the counters behind the scores, and the onboarding analytics. The same
// sections, columns and values as the CSV download.
import { useFormatter, useTranslations } from "next-intl";
import type { ReactNode } from "react";
import type { ReportDto } from "@/lib/reports/dto";
import { type ReportMetric, REPORT_METRICS, SCORE_METRICS } from "@/lib/reports/validators";
import { COUNTER_COLUMNS, type CounterColumn } from "@/lib/scores/counters";

type Row = Record<string, unknown>;
type Column = { key: string; label: string; format?: (value: unknown) => ReactNode };

const PERCENT_METRICS = new Set<string>(["completion", "quality", "progress", "correct_rate", "pass_rate"]);
const KNOWN_METRICS = new Set<string>(REPORT_METRICS);
const SCORES = new Set<string>(SCORE_METRICS);
const COUNTERS = new Set<string>(COUNTER_COLUMNS);
const ANALYTICS_COLUMNS = [
  "program",
  "milestone",
  "profession",
  "step",
  "prompt",
  "question_id",
  "attempts",
  "correct",
  "correct_rate",
  "passed",
  "pass_rate",
  "users",
  "users_passed",
  "count",
  "mean_working_hours",
  "median_working_hours",
  "mean_working_days",
  "median_working_days",
] as const;

export function ReportView({ report }: { report: ReportDto }) {
  const t = useTranslations("manager.reports");
  const tf = useTranslations("manager.formula");
  const format = useFormatter();
  const { result } = report;
  const metricLabel = (m: string) => (KNOWN_METRICS.has(m) ? t(`metric.${m as ReportMetric}`) : m);
  const analyticsLabels: Record<string, string> = Object.fromEntries(ANALYTICS_COLUMNS.map((k) => [k, t(`column.${k}`)]));
  const number = (value: unknown, key?: string): ReactNode => {
    if (value === null || value === undefined || value === "") return "—";
    if (typeof value === "string") return value;
    if (typeof value !== "number") return JSON.stringify(value);
    if (key && PERCENT_METRICS.has(key)) return format.number(value, { style: "percent", maximumFractionDigits: 1 });
    return format.number(value, { maximumFractionDigits: 2 });
  };
  // Ids are for the CSV and the API; the page names things.
  const columnsOf = (rows: Row[]): Column[] =>
    Object.keys(rows[0] ?? {})
      .filter((key) => !key.endsWith("_id") || key === "question_id")
      .map((key) => ({ key, label: analyticsLabels[key] ?? metricLabel(key), format: (v) => number(v, key) }));

  const summaryMetrics = result.metrics.filter((m) => result.summary && m in result.summary);
  return (
    <div className="flex flex-col gap-6">
      {summaryMetrics.length ? (
        <ReportTable
          id="report-summary"
          title={t("summaryTitle")}
          columns={[
            { key: "metric", label: t("metricColumn") },
            { key: "value", label: t("valueColumn") },
            { key: "definition", label: t("definitionColumn") },
          ]}
          rows={summaryMetrics.map((m: ReportMetric) => ({ metric: metricLabel(m), value: number(result.summary?.[m] ?? null, m), definition: SCORES.has(m) ? tf(m as (typeof SCORE_METRICS)[number]) : (result.definitions[m] ?? "") }))}
        />
      ) : null}
      {result.users?.length ? (
        <ReportTable
          id="report-users"
          title={t("usersTitle", { count: result.users.length })}
          columns={[
            { key: "name", label: t("personColumn") },
            ...result.metrics.filter((m) => result.users?.some((u) => m in u)).map((m) => ({ key: m, label: metricLabel(m), format: (v: unknown) => number(v, m) })),
          ]}
          rows={result.users}
        />
      ) : null}
      {result.time_to_complete?.programs.length ? (
        <ReportTable id="report-programs" title={t("programsTitle")} columns={columnsOf(result.time_to_complete.programs)} rows={result.time_to_complete.programs} />
      ) : null}
      {result.time_to_complete?.milestones.length ? (
        <ReportTable id="report-milestones" title={t("milestonesTitle")} columns={columnsOf(result.time_to_complete.milestones)} rows={result.time_to_complete.milestones} />
      ) : null}
      {result.question_pass_rates?.length ? (
        <ReportTable id="report-questions" title={t("questionsTitle")} columns={columnsOf(result.question_pass_rates)} rows={result.question_pass_rates} />
      ) : null}
      {result.exam_pass_rates?.length ? (
        <ReportTable id="report-exams" title={t("examsTitle")} columns={columnsOf(result.exam_pass_rates)} rows={result.exam_pass_rates} />
      ) : null}
      {result.counters ? (
        <ReportTable
          id="report-counters"
          title={t("countersTitle")}
          columns={[
            { key: "counter", label: t("counterColumn") },
            { key: "value", label: t("valueColumn") },
          ]}
          rows={Object.entries(result.counters).map(([counter, value]) => ({ counter: COUNTERS.has(counter) ? t(`counter.${counter as CounterColumn}`) : counter, value: number(value) }))}
        />
      ) : null}
      {!summaryMetrics.length && !result.users?.length && !result.time_to_complete && !result.question_pass_rates && !result.exam_pass_rates ? (
        <p className="text-sm text-slate-600 dark:text-slate-400">{t("nothing")}</p>
      ) : null}
    </div>
  );
}

function ReportTable({ id, title, columns, rows }: { id: string; title: string; columns: Column[]; rows: Row[] }) {
  return (
    <section aria-labelledby={`${id}-title`} className="flex flex-col gap-2">
      <h2 id={`${id}-title`} className="text-lg font-semibold">
        {title}
      </h2>
      <div role="region" aria-labelledby={`${id}-title`} tabIndex={0} className="overflow-x-auto rounded-2xl border border-slate-200 bg-white shadow-sm dark:border-slate-800 dark:bg-slate-900">
        <table className="w-full border-collapse text-left text-sm" data-testid={id}>
          <thead className="bg-slate-50 text-xs uppercase tracking-wide text-slate-600 dark:bg-slate-800/60 dark:text-slate-300">
            <tr>
              {columns.map((c) => (
                <th key={c.key} scope="col" className="whitespace-nowrap px-3 py-2 font-semibold">
                  {c.label}
                </th>
              ))}
            </tr>
          </thead>
          <tbody>
            {rows.map((row, i) => (
              <tr key={i} className="border-t border-slate-100 align-top dark:border-slate-800">
                {columns.map((c, j) => {
                  const value = row[c.key];
                  const content = c.format ? c.format(value) : (value as ReactNode);
                  return j === 0 ? (
                    <th key={c.key} scope="row" className="px-3 py-2 font-medium">
                      {content}
                    </th>
                  ) : (
                    <td key={c.key} className="px-3 py-2 tabular-nums">
                      {content}
                    </td>
                  );
                })}
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </section>
  );
}
