// One onboarding program: overall progress, the milestone the person is in now with its tasks,
// and every milestone with its own progress, dates and an overdue mark.
import { useFormatter, useTranslations } from "next-intl";
import { ProgressBar, percentOf } from "@/components/ui/progress-bar";
import { StatusBadge } from "@/components/ui/status-badge";
import { formatDay } from "@/components/ui/format";
import { FlagIcon } from "@/components/ui/icons";
import { LiveTopics } from "@/components/live/live-topics";
import { TaskRow } from "@/components/task/task-row";
import type { OnboardingProgram } from "@/lib/views/onboarding";

export function ProgramCard({ program }: { program: OnboardingProgram }) {
  const t = useTranslations("onboarding");
  const format = useFormatter();
  const { done, total } = program.progress;
  const current = program.current;
  return (
    <section aria-labelledby={`program-${program.id}`} className="flex flex-col gap-6 rounded-2xl border border-slate-200 bg-white p-5 shadow-sm sm:p-6 dark:border-slate-800 dark:bg-slate-900">
      <LiveTopics topics={["user:me", `project:${program.id}`]} refresh />
      <div className="flex flex-col gap-3">
        <div className="flex flex-wrap items-start justify-between gap-2">
          <div>
            <h2 id={`program-${program.id}`} className="text-xl font-semibold tracking-tight">
              {program.name}
            </h2>
            {program.description ? <p className="mt-1 text-sm text-slate-600 dark:text-slate-400">{program.description}</p> : null}
          </div>
          <StatusBadge code={program.status} />
        </div>
        <div className="flex flex-col gap-1.5">
          <div className="flex flex-wrap items-baseline justify-between gap-2 text-sm">
            <span className="font-medium">{t("overall")}</span>
            <span data-testid="program-progress" className="tabular-nums text-slate-700 dark:text-slate-300">
              {t("progress", { done, total, percent: percentOf(done, total) })}
            </span>
          </div>
          <ProgressBar done={done} total={total} label={t("overallOf", { name: program.name })} tone={program.overdue ? "danger" : "brand"} />
          {program.start_date && program.due_date ? (
            <p className={`text-xs ${program.overdue ? "font-semibold text-red-700 dark:text-red-400" : "text-slate-600 dark:text-slate-400"}`}>
              {t("dates", { start: formatDay(format, program.start_date), end: formatDay(format, program.due_date) })}
              {program.overdue ? ` · ${t("overdue")}` : ""}
            </p>
          ) : null}
        </div>
      </div>

      {current ? (
        <div className="rounded-xl border border-emerald-200 bg-emerald-50/60 p-4 dark:border-emerald-900 dark:bg-emerald-950/30">
          <p className="flex items-center gap-1.5 text-xs font-semibold uppercase tracking-wide text-emerald-800 dark:text-emerald-300">
            <FlagIcon className="h-3.5 w-3.5" /> {t("current")}
          </p>
          <h3 className="mt-1 text-lg font-semibold">{current.name}</h3>
          <p className="text-sm text-slate-600 dark:text-slate-400">{current.description}</p>
          <div className="mt-3">
            <ProgressBar done={current.progress.done} total={current.progress.total} label={t("milestoneOf", { name: current.name })} tone={current.overdue ? "danger" : "brand"} />
          </div>
          {current.tasks.length ? (
            <ul className="mt-3 divide-y divide-emerald-100 dark:divide-emerald-900/60">
              {current.tasks.map((task) => (
                <TaskRow key={task.id} task={task} />
              ))}
            </ul>
          ) : null}
        </div>
      ) : program.completed_at ? (
        <p className="rounded-xl bg-emerald-50 p-4 text-sm font-medium text-emerald-900 dark:bg-emerald-950/40 dark:text-emerald-200">{t("finished")}</p>
      ) : null}

      <div>
        <h3 className="text-sm font-semibold uppercase tracking-wide text-slate-600 dark:text-slate-400">{t("milestones")}</h3>
        <ol className="mt-2 flex flex-col gap-3">
          {program.milestones.map((m) => (
            <li key={m.id} className="grid gap-1.5 sm:grid-cols-[minmax(0,14rem)_1fr_auto] sm:items-center sm:gap-4">
              <div className="min-w-0">
                <p className={`truncate font-medium ${m.id === current?.id ? "text-emerald-800 dark:text-emerald-300" : ""}`}>{m.name}</p>
                {m.start_date && m.end_date ? (
                  <p className={`text-xs ${m.overdue ? "font-semibold text-red-700 dark:text-red-400" : "text-slate-600 dark:text-slate-400"}`}>
                    {formatDay(format, m.start_date, { day: "numeric", month: "short" })} – {formatDay(format, m.end_date, { day: "numeric", month: "short" })}
                    {m.overdue ? ` · ${t("overdue")}` : ""}
                  </p>
                ) : null}
              </div>
              <ProgressBar done={m.progress.done} total={m.progress.total} label={t("milestoneOf", { name: m.name })} tone={m.overdue ? "danger" : "brand"} size="sm" />
              <div className="flex items-center gap-2 text-xs tabular-nums text-slate-600 dark:text-slate-400">
                <span>
                  {m.progress.done}/{m.progress.total}
                </span>
                <StatusBadge code={m.status} />
              </div>
            </li>
          ))}
        </ol>
      </div>
    </section>
  );
}
