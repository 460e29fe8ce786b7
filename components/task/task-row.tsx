// One task in a list: its name (a link to the task), status, due date in the reader's time zone,
// and an overdue mark. Renders on the server and in the browser alike.
import Link from "next/link";
import { useFormatter, useTimeZone, useTranslations } from "next-intl";
import { StatusBadge } from "@/components/ui/status-badge";
import { formatDue } from "@/components/ui/format";
import type { TaskDto } from "@/lib/tasks/dto";

type TaskSummary = Pick<TaskDto, "id" | "name" | "status" | "due_date" | "overdue" | "kind">;

export function TaskRow({ task }: { task: TaskSummary }) {
  const t = useTranslations("tasks");
  const format = useFormatter();
  const timeZone = useTimeZone();
  return (
    <li className="flex flex-wrap items-center gap-x-3 gap-y-1 py-2">
      <Link href={`/tasks/${task.id}`} className="min-w-0 basis-full font-medium sm:basis-0 sm:flex-1 text-slate-900 hover:text-emerald-700 hover:underline dark:text-slate-100 dark:hover:text-emerald-400">
        {task.name}
        {task.kind === "exam" ? <span className="ml-2 rounded bg-violet-100 px-1.5 py-0.5 text-xs font-medium text-violet-900 dark:bg-violet-950 dark:text-violet-200">{t("exam")}</span> : null}
      </Link>
      {task.due_date ? (
        <span className={`text-xs ${task.overdue ? "font-semibold text-red-700 dark:text-red-400" : "text-slate-600 dark:text-slate-400"}`}>
          {task.overdue ? `${t("overdue")} · ` : ""}
          {t("due", { date: formatDue(format, task.due_date, timeZone) })}
        </span>
      ) : null}
      <StatusBadge code={task.status} />
    </li>
  );
}
