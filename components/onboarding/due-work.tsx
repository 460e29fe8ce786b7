// Today at a glance: what is overdue and what is due before the day ends.
import { useTranslations } from "next-intl";
import { TaskRow } from "@/components/task/task-row";
import { AlertIcon, ClockIcon } from "@/components/ui/icons";
import type { MyDueWork } from "@/lib/views/my-work";

export function DueWork({ due }: { due: MyDueWork }) {
  const t = useTranslations("onboarding");
  return (
    <section aria-labelledby="due-heading" className="rounded-2xl border border-slate-200 bg-white p-5 shadow-sm dark:border-slate-800 dark:bg-slate-900">
      <h2 id="due-heading" className="text-lg font-semibold">
        {t("today")}
      </h2>
      {due.overdue.length === 0 && due.dueToday.length === 0 ? (
        <p className="mt-2 text-sm text-slate-600 dark:text-slate-400">{t("nothingDue")}</p>
      ) : null}
      {due.overdue.length ? (
        <div className="mt-3">
          <h3 className="flex items-center gap-1.5 text-sm font-semibold text-red-700 dark:text-red-400">
            <AlertIcon className="h-4 w-4" /> {t("overdueTasks", { count: due.overdue.length })}
          </h3>
          <ul className="divide-y divide-slate-100 dark:divide-slate-800">
            {due.overdue.map((task) => (
              <TaskRow key={task.id} task={task} />
            ))}
          </ul>
        </div>
      ) : null}
      {due.dueToday.length ? (
        <div className="mt-3">
          <h3 className="flex items-center gap-1.5 text-sm font-semibold">
            <ClockIcon className="h-4 w-4" /> {t("dueToday", { count: due.dueToday.length })}
          </h3>
          <ul className="divide-y divide-slate-100 dark:divide-slate-800">
            {due.dueToday.map((task) => (
              <TaskRow key={task.id} task={task} />
            ))}
          </ul>
        </div>
      ) : null}
    </section>
  );
}
