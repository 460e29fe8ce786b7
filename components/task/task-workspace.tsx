"use client";
// The task page's live part: status and progress, the steps, the guides, and asking for help.
// It reads from the query cache the server page filled, and every write refreshes it.
import { useQuery } from "@tanstack/react-query";
import { useFormatter, useTimeZone, useTranslations } from "next-intl";
import { useState } from "react";
import { apiFetch } from "@/components/query/api";
import { queryKeys } from "@/components/query/query-keys";
import { GuideCard } from "@/components/guides/guide-card";
import { useLiveTopics } from "@/components/live/use-live";
import { formatDue, formatInstant } from "@/components/ui/format";
import { HelpIcon } from "@/components/ui/icons";
import { ProgressBar, percentOf } from "@/components/ui/progress-bar";
import { StatusBadge } from "@/components/ui/status-badge";
import type { TaskDetailDto } from "@/lib/tasks/queries";
import type { Colleague } from "@/lib/views/colleagues";
import type { StepContent } from "@/lib/views/task-steps";
import type { StatusOption } from "@/lib/views/task-workspace";
import { HelpRequestForm } from "./help-request-form";
import { StepList } from "./step-list";
import { TaskStatusActions } from "./task-status-actions";
import { useTaskActions } from "./use-task-actions";

type Props = {
  taskId: number;
  contents: Record<number, StepContent>;
  /** Guides in reading order with their titles, for links from checklist items. */
  guideTitles: { id: number; title: string }[];
  taskStatuses: StatusOption[];
  colleagues: Colleague[];
  canWork: boolean;
  mayAskForHelp: boolean;
  needsApproval: boolean;
};

export function TaskWorkspace({ taskId, contents, guideTitles, taskStatuses, colleagues, canWork, mayAskForHelp, needsApproval }: Props) {
  const t = useTranslations("task");
  const format = useFormatter();
  const timeZone = useTimeZone();
  const [helpOpen, setHelpOpen] = useState(false);
  const { data: task } = useQuery({
    queryKey: queryKeys.tasks.detail(taskId),
    queryFn: ({ signal }) => apiFetch<TaskDetailDto>(`/api/tasks/${taskId}`, { signal }),
  });
  const actions = useTaskActions(taskId, task?.checklists.map((c) => c.id) ?? []);
  useLiveTopics(task?.project_id ? ["user:me", `project:${task.project_id}`] : ["user:me"]);
  if (!task) return null;

  const stepsDone = task.steps.filter((s) => s.status === "done").length;
  const inSteps = new Set(Object.values(contents).flatMap((c) => (c.kind === "instruction" ? c.guide_ids : [])));
  const moreGuides = guideTitles.filter((g) => !inSteps.has(g.id));
  return (
    <div className="grid items-start gap-6 lg:grid-cols-[minmax(0,1fr)_18rem]">
      <div className="flex min-w-0 flex-col gap-6">
        <section aria-labelledby="steps-heading" className="flex flex-col gap-3">
          <h2 id="steps-heading" className="sr-only">
            {t("steps")}
          </h2>
          {task.steps.length ? (
            <StepList task={task} contents={contents} actions={actions} guideTitles={guideTitles} canWork={canWork} />
          ) : (
            <p className="rounded-xl border border-dashed border-slate-300 p-6 text-center text-sm text-slate-600 dark:border-slate-700 dark:text-slate-400">{t("noSteps")}</p>
          )}
        </section>
        {moreGuides.length ? (
          <section aria-labelledby="guides-heading" className="flex flex-col gap-3">
            <h2 id="guides-heading" className="text-lg font-semibold">
              {t("guides")}
            </h2>
            {moreGuides.map((g) => (
              <GuideCard key={g.id} guideId={g.id} acknowledge={actions.acknowledge} />
            ))}
          </section>
        ) : null}
      </div>

      <aside className="order-first flex flex-col gap-4 lg:sticky lg:top-20 lg:order-none">
        <section aria-labelledby="status-heading" className="flex flex-col gap-3 rounded-2xl border border-slate-200 bg-white p-4 shadow-sm dark:border-slate-800 dark:bg-slate-900">
          <div className="flex items-center justify-between gap-2">
            <h2 id="status-heading" className="text-sm font-semibold">
              {t("status")}
            </h2>
            <span data-testid="task-status">
              <StatusBadge code={task.status} />
            </span>
          </div>
          <div className="flex flex-col gap-1 text-sm">
            <span className="tabular-nums text-slate-700 dark:text-slate-300" data-testid="task-progress">
              {t("stepsDone", { done: stepsDone, total: task.steps.length, percent: percentOf(stepsDone, task.steps.length) })}
            </span>
            <ProgressBar done={stepsDone} total={task.steps.length} label={t("progressLabel")} />
          </div>
          <dl className="grid grid-cols-[auto_1fr] gap-x-3 gap-y-1 text-sm">
            {task.due_date ? (
              <>
                <dt className="text-slate-600 dark:text-slate-400">{t("due")}</dt>
                <dd className={task.overdue ? "font-semibold text-red-700 dark:text-red-400" : ""}>
                  {formatDue(format, task.due_date, timeZone)}
                  {task.overdue ? ` · ${t("overdue")}` : ""}
                </dd>
              </>
            ) : null}
            <dt className="text-slate-600 dark:text-slate-400">{t("expected")}</dt>
            <dd>{t("minutes", { minutes: task.expected_minutes })}</dd>
            {task.completed_at ? (
              <>
                <dt className="text-slate-600 dark:text-slate-400">{t("completed")}</dt>
                <dd>{formatInstant(format, task.completed_at)}</dd>
              </>
            ) : null}
            <dt className="text-slate-600 dark:text-slate-400">{t("people")}</dt>
            <dd>{task.assignees.map((a) => `${a.name} (${t(`role.${a.role}`)})`).join(", ") || "—"}</dd>
          </dl>
          {canWork ? <TaskStatusActions status={task.status} version={task.version} hasSteps={task.steps.length > 0} statuses={taskStatuses} transition={actions.transition} /> : null}
        </section>
        {mayAskForHelp ? (
          <section aria-labelledby="help-heading" className="flex flex-col gap-3 rounded-2xl border border-slate-200 bg-white p-4 shadow-sm dark:border-slate-800 dark:bg-slate-900">
            <h2 id="help-heading" className="flex items-center gap-1.5 text-sm font-semibold">
              <HelpIcon className="h-4 w-4" /> {t("stuck")}
            </h2>
            {helpOpen ? (
              <HelpRequestForm colleagues={colleagues} needsApproval={needsApproval} relatedTaskId={task.id} defaultTitle={t("helpTitle", { name: task.name })} onDone={() => setHelpOpen(false)} />
            ) : (
              <button type="button" onClick={() => setHelpOpen(true)} className="self-start rounded-lg border border-slate-300 px-3 py-1.5 text-sm font-semibold hover:bg-slate-100 dark:border-slate-700 dark:hover:bg-slate-800">
                {t("askForHelp")}
              </button>
            )}
          </section>
        ) : null}
      </aside>
    </div>
  );
}
