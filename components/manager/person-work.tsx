// A person's programs with their progress and milestones, and their overdue work, each task a link
// to its page.
import Link from "next/link";
import { useFormatter, useTimeZone, useTranslations } from "next-intl";
import { EmptyState } from "@/components/ui/empty-state";
import { formatDay, formatDue } from "@/components/ui/format";
import { percentOf, ProgressBar } from "@/components/ui/progress-bar";
import { StatusBadge } from "@/components/ui/status-badge";
import type { ProjectDetailDto } from "@/lib/projects/service";
import type { OverdueTask } from "@/lib/views/manager/person";

export function PersonProjects({ projects }: { projects: ProjectDetailDto[] }) {
  const t = useTranslations("manager.person");
  const format = useFormatter();
  return (
    <section aria-labelledby="person-projects-title" className="flex flex-col gap-3">
      <h2 id="person-projects-title" className="text-lg font-semibold">
        {t("projectsTitle")}
      </h2>
      {projects.length === 0 ? <EmptyState title={t("projectsEmpty")} /> : null}
      <ul className="flex flex-col gap-3">
        {projects.map((p) => (
          <li key={p.id} className="flex flex-col gap-3 rounded-2xl border border-slate-200 bg-white p-4 shadow-sm dark:border-slate-800 dark:bg-slate-900" data-testid={`project-${p.id}`}>
            <div className="flex flex-wrap items-start justify-between gap-2">
              <p className="font-semibold">{p.name}</p>
              <StatusBadge code={p.status} />
            </div>
            <div className="flex flex-col gap-1">
              <p className="text-sm tabular-nums">{t("progress", { done: p.progress.done, total: p.progress.total, percent: percentOf(p.progress.done, p.progress.total) })}</p>
              <ProgressBar done={p.progress.done} total={p.progress.total} label={t("progressOf", { name: p.name })} tone={p.overdue ? "danger" : "brand"} />
              {p.start_date && p.due_date ? (
                <p className={`text-xs ${p.overdue ? "font-semibold text-red-700 dark:text-red-400" : "text-slate-600 dark:text-slate-400"}`}>
                  {t("dates", { start: formatDay(format, p.start_date), end: formatDay(format, p.due_date) })}
                  {p.overdue ? ` · ${t("overdue")}` : ""}
                </p>
              ) : null}
            </div>
            {p.milestones.length ? (
              <ol className="grid gap-2 sm:grid-cols-2">
                {p.milestones.map((m) => (
                  <li key={m.id} className="flex flex-col gap-1 text-sm">
                    <div className="flex items-baseline justify-between gap-2">
                      <span className="truncate">{m.name}</span>
                      <span className="shrink-0 text-xs tabular-nums text-slate-600 dark:text-slate-400">
                        {m.progress.done}/{m.progress.total}
                      </span>
                    </div>
                    <ProgressBar done={m.progress.done} total={m.progress.total} label={t("progressOf", { name: m.name })} size="sm" tone={m.overdue ? "danger" : "brand"} />
                  </li>
                ))}
              </ol>
            ) : null}
          </li>
        ))}
      </ul>
    </section>
  );
}

export function PersonOverdue({ tasks }: { tasks: OverdueTask[] }) {
  const t = useTranslations("manager.person");
  const format = useFormatter();
  const timeZone = useTimeZone();
  return (
    <section aria-labelledby="person-overdue-title" className="flex flex-col gap-3">
      <h2 id="person-overdue-title" className="text-lg font-semibold">
        {t("overdueTitle", { count: tasks.length })}
      </h2>
      {tasks.length === 0 ? <EmptyState title={t("overdueEmpty")} /> : null}
      <ul className="flex flex-col divide-y divide-slate-100 rounded-2xl border border-slate-200 bg-white empty:hidden dark:divide-slate-800 dark:border-slate-800 dark:bg-slate-900">
        {tasks.map((task) => (
          <li key={task.id} className="flex flex-wrap items-center justify-between gap-2 px-4 py-3 text-sm">
            <div className="flex min-w-0 flex-col">
              <Link href={`/tasks/${task.id}`} className="font-medium text-emerald-800 hover:underline dark:text-emerald-300">
                {task.name}
              </Link>
              <span className="text-xs text-slate-600 dark:text-slate-400">
                {task.project_name ? `${task.project_name} · ` : ""}
                <span className="font-semibold text-red-700 dark:text-red-400">{t("dueOn", { date: formatDue(format, task.due_date, timeZone) })}</span>
              </span>
            </div>
            <StatusBadge code={task.status} />
          </li>
        ))}
      </ul>
    </section>
  );
}
