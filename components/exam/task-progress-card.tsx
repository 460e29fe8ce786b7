"use client";
// Where the task stands, beside its exam or submission: its status and how many of its steps are
// done, read from the same cache entry as the task page, so a graded exam moves it here too.
import { useQuery } from "@tanstack/react-query";
import Link from "next/link";
import { useTranslations } from "next-intl";
import { apiFetch } from "@/components/query/api";
import { queryKeys } from "@/components/query/query-keys";
import { ProgressBar, percentOf } from "@/components/ui/progress-bar";
import { StatusBadge } from "@/components/ui/status-badge";
import type { TaskDetailDto } from "@/lib/tasks/queries";

export function useTaskDetail(taskId: number) {
  return useQuery({
    queryKey: queryKeys.tasks.detail(taskId),
    queryFn: ({ signal }) => apiFetch<TaskDetailDto>(`/api/tasks/${taskId}`, { signal }),
  });
}

export function TaskProgressCard({ taskId, stepId }: { taskId: number; stepId: number }) {
  const t = useTranslations("task");
  const e = useTranslations("exam");
  const { data: task } = useTaskDetail(taskId);
  if (!task) return null;
  const done = task.steps.filter((s) => s.status === "done").length;
  const step = task.steps.find((s) => s.id === stepId);
  return (
    <section aria-labelledby="task-progress-heading" className="flex flex-col gap-3 rounded-2xl border border-slate-200 bg-white p-4 shadow-sm dark:border-slate-800 dark:bg-slate-900">
      <div className="flex items-center justify-between gap-2">
        <h2 id="task-progress-heading" className="text-sm font-semibold">
          {e("taskProgress")}
        </h2>
        <span data-testid="task-status" className="shrink-0">
          <StatusBadge code={task.status} />
        </span>
      </div>
      <p className="text-sm font-medium">{task.name}</p>
      <div className="flex flex-col gap-1 text-sm">
        <span className="tabular-nums text-slate-700 dark:text-slate-300" data-testid="task-progress">
          {t("stepsDone", { done, total: task.steps.length, percent: percentOf(done, task.steps.length) })}
        </span>
        <ProgressBar done={done} total={task.steps.length} label={t("progressLabel")} />
      </div>
      {step ? (
        <p className="flex items-center justify-between gap-2 text-sm">
          <span className="text-slate-600 dark:text-slate-400">{e("thisStep")}</span>
          <span data-testid="step-status" className="shrink-0">
            <StatusBadge code={step.status} />
          </span>
        </p>
      ) : null}
      <Link href={`/tasks/${taskId}`} className="text-sm font-medium text-emerald-800 underline dark:text-emerald-300">
        {e("backToTask")}
      </Link>
    </section>
  );
}
