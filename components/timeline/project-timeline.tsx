// A project's milestones on a time axis: each bar runs from the milestone's first to its last day,
// filled as far as its tasks are done, red when overdue; a line marks today in the reader's zone.
import { useFormatter, useTranslations } from "next-intl";
import { formatDay } from "@/components/ui/format";
import { percentOf } from "@/components/ui/progress-bar";
import { StatusBadge } from "@/components/ui/status-badge";
import { LiveTopics } from "@/components/live/live-topics";
import type { ProjectDetailDto } from "@/lib/projects/service";
import { MilestoneTasks } from "./milestone-tasks";

const DAY_MS = 86_400_000;
const dayIndex = (day: string) => Math.round(Date.parse(`${day}T00:00:00Z`) / DAY_MS);
const dayOf = (index: number) => new Date(index * DAY_MS).toISOString().slice(0, 10);

export function ProjectTimeline({ project, today }: { project: ProjectDetailDto; today: string }) {
  const t = useTranslations("timeline");
  const format = useFormatter();
  const dated = project.milestones.filter((m) => m.start_date && m.end_date);
  const starts = [project.start_date, ...dated.map((m) => m.start_date)].filter((d): d is string => d !== null).map(dayIndex);
  const ends = [project.due_date, ...dated.map((m) => m.end_date)].filter((d): d is string => d !== null).map(dayIndex);
  const first = Math.min(...starts);
  // The last day is covered to its end, so the axis runs one day past it.
  const last = Math.max(...ends) + 1;
  const span = Math.max(1, last - first);
  const at = (index: number) => `${((index - first) / span) * 100}%`;
  const step = Math.max(1, Math.ceil(span / 7));
  const ticks = Array.from({ length: Math.floor(span / step) + 1 }, (_, i) => first + i * step).filter((d) => d < last);
  const todayIndex = dayIndex(today);
  const showToday = todayIndex >= first && todayIndex < last;
  const { done, total } = project.progress;
  return (
    <section aria-labelledby={`timeline-${project.id}`} className="flex flex-col gap-4 rounded-2xl border border-slate-200 bg-white p-4 shadow-sm sm:p-5 dark:border-slate-800 dark:bg-slate-900">
      <LiveTopics topics={[`project:${project.id}`]} refresh />
      <div className="flex flex-wrap items-start justify-between gap-2">
        <div>
          <h2 id={`timeline-${project.id}`} className="text-lg font-semibold">
            {project.name}
          </h2>
          <p className="text-sm text-slate-600 dark:text-slate-400">
            {project.onboardee_name ? `${project.onboardee_name} · ` : ""}
            {t("projectProgress", { done, total, percent: percentOf(done, total) })}
          </p>
        </div>
        <StatusBadge code={project.status} />
      </div>
      {dated.length === 0 ? (
        <p className="text-sm text-slate-600 dark:text-slate-400">{t("undated")}</p>
      ) : (
        <div className="flex flex-col gap-1">
          <div className="relative ml-0 h-5 text-[11px] text-slate-600 md:ml-[16rem] dark:text-slate-400" aria-hidden>
            {ticks.map((d) => (
              <span key={d} className="absolute -translate-x-1/2 whitespace-nowrap first:translate-x-0 max-sm:even:hidden" style={{ left: at(d) }}>
                {formatDay(format, dayOf(d), { day: "numeric", month: "short" })}
              </span>
            ))}
          </div>
          <ol className="flex flex-col gap-3">
            {project.milestones.map((m) => {
              const percent = percentOf(m.progress.done, m.progress.total);
              const startIndex = m.start_date ? dayIndex(m.start_date) : null;
              const endIndex = m.end_date ? dayIndex(m.end_date) + 1 : null;
              return (
                <li key={m.id} id={`milestone-${m.id}`} className="grid scroll-mt-24 gap-1 md:grid-cols-[16rem_1fr] md:gap-0" data-testid={`milestone-${m.id}`} data-overdue={m.overdue}>
                  <div className="flex min-w-0 flex-col pr-3">
                    <span className={`truncate text-sm font-medium ${m.overdue ? "text-red-700 dark:text-red-400" : ""}`}>{m.name}</span>
                    <span className="text-xs text-slate-600 dark:text-slate-400">
                      {m.start_date && m.end_date ? `${formatDay(format, m.start_date, { day: "numeric", month: "short" })} – ${formatDay(format, m.end_date, { day: "numeric", month: "short" })} · ` : ""}
                      {t("hours", { hours: m.expected_hours })}
                      {m.overdue ? ` · ${t("overdue")}` : ""}
                    </span>
                    <MilestoneTasks milestoneId={m.id} name={m.name} count={m.progress.total} />
                  </div>
                  <div className="relative h-9 rounded-md bg-slate-50 dark:bg-slate-950/60">
                    {ticks.map((d) => (
                      <span key={d} aria-hidden className="absolute inset-y-0 w-px bg-slate-200 dark:bg-slate-800" style={{ left: at(d) }} />
                    ))}
                    {showToday ? <span aria-hidden className="absolute inset-y-0 z-10 w-0.5 bg-sky-500" style={{ left: at(todayIndex + 0.5) }} title={t("today")} /> : null}
                    {startIndex !== null && endIndex !== null ? (
                      <div
                        role="img"
                        aria-label={t("barLabel", { name: m.name, percent, done: m.progress.done, total: m.progress.total })}
                        className={`absolute inset-y-1.5 overflow-hidden rounded-md border ${
                          m.overdue ? "border-red-500 bg-red-100 dark:border-red-500 dark:bg-red-950" : "border-emerald-500 bg-emerald-100 dark:border-emerald-600 dark:bg-emerald-950"
                        }`}
                        style={{ left: at(startIndex), width: `${((endIndex - startIndex) / span) * 100}%` }}
                      >
                        <div className={`h-full ${m.overdue ? "bg-red-500/70 dark:bg-red-800" : "bg-emerald-500/70 dark:bg-emerald-800"}`} style={{ width: `${percent}%` }} />
                        <span className="absolute inset-0 flex items-center px-2 text-[11px] font-semibold text-slate-900 dark:text-white">{percent}%</span>
                      </div>
                    ) : null}
                  </div>
                </li>
              );
            })}
          </ol>
          <p className="mt-2 flex flex-wrap items-center gap-4 text-xs text-slate-600 dark:text-slate-400">
            <span className="flex items-center gap-1.5">
              <span aria-hidden className="h-3 w-3 rounded-sm border border-emerald-500 bg-emerald-500/70" /> {t("legendOnTrack")}
            </span>
            <span className="flex items-center gap-1.5">
              <span aria-hidden className="h-3 w-3 rounded-sm border border-red-500 bg-red-500/70" /> {t("legendOverdue")}
            </span>
            {showToday ? (
              <span className="flex items-center gap-1.5">
                <span aria-hidden className="h-3 w-0.5 bg-sky-500" /> {t("legendToday")}
              </span>
            ) : null}
          </p>
        </div>
      )}
    </section>
  );
}
