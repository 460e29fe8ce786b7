"use client";
// A milestone's tasks, read when the person expands the milestone (GET /api/milestones/:id).
import { useQuery } from "@tanstack/react-query";
import { useTranslations } from "next-intl";
import { useState } from "react";
import { apiFetch, type ApiProblem } from "@/components/query/api";
import { queryKeys } from "@/components/query/query-keys";
import { TaskRow } from "@/components/task/task-row";
import { ChevronIcon } from "@/components/ui/icons";
import { ProblemMessage } from "@/components/ui/problem-message";
import type { MilestoneDetailDto } from "@/lib/projects/service";

export function MilestoneTasks({ milestoneId, name, count }: { milestoneId: number; name: string; count: number }) {
  const t = useTranslations("timeline");
  const [open, setOpen] = useState(false);
  const { data, error, isPending } = useQuery<MilestoneDetailDto, ApiProblem>({
    queryKey: queryKeys.milestones.detail(milestoneId),
    queryFn: ({ signal }) => apiFetch<MilestoneDetailDto>(`/api/milestones/${milestoneId}`, { signal }),
    enabled: open,
  });
  const regionId = `milestone-${milestoneId}-tasks`;
  return (
    <div>
      <button
        type="button"
        aria-expanded={open}
        aria-controls={regionId}
        aria-label={`${open ? t("hideTasks") : t("showTasks", { count })}: ${name}`}
        onClick={() => setOpen((v) => !v)}
        className="inline-flex items-center gap-1 rounded-md px-1 py-0.5 text-xs font-medium text-emerald-800 hover:bg-emerald-50 dark:text-emerald-300 dark:hover:bg-emerald-950"
      >
        <ChevronIcon className={`h-3.5 w-3.5 transition-transform ${open ? "rotate-90" : ""}`} />
        {open ? t("hideTasks") : t("showTasks", { count })}
      </button>
      {open ? (
        <div id={regionId} className="mt-1 rounded-lg border border-slate-200 bg-white px-3 dark:border-slate-800 dark:bg-slate-900">
          {isPending ? <p className="py-2 text-sm text-slate-600 dark:text-slate-400">{t("loadingTasks")}</p> : null}
          <ProblemMessage problem={error} />
          {data ? (
            data.tasks.length ? (
              <ul className="divide-y divide-slate-100 dark:divide-slate-800">
                {data.tasks.map((task) => (
                  <TaskRow key={task.id} task={task} />
                ))}
              </ul>
            ) : (
              <p className="py-2 text-sm text-slate-600 dark:text-slate-400">{t("noTasks")}</p>
            )
          ) : null}
        </div>
      ) : null}
    </div>
  );
}
