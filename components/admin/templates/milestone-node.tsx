"use client";
// One milestone of a program: its schedule and expected hours, its task templates in order (moved
// by drag and drop and saved as the milestone's ordered task links), and what may be done with it.
import { useMutation } from "@tanstack/react-query";
import { useTranslations } from "next-intl";
import { type ReactNode, useState } from "react";
import { ProblemMessage } from "@/components/ui/problem-message";
import type { ApiProblem } from "@/components/query/api";
import { Button } from "./controls";
import type { GuideOption } from "./definition-editors";
import { MilestoneSettings, NewTaskForm, type Schedule, ScheduleForm } from "./milestone-forms";
import { draftOf, type ProgramMilestone, type ProgramTree, putTasks, replaceId, useBuilder } from "./program-data";
import { SortableList } from "./sortable-list";
import { StateBadge } from "./state-badge";
import { TaskNode } from "./task-node";

type Props = {
  program: ProgramTree;
  milestone: ProgramMilestone;
  handle: ReactNode;
  guides: GuideOption[];
  onSchedule: (schedule: Schedule) => Promise<unknown>;
  onRemove: () => void;
  onReplace: (draftId: number) => Promise<unknown>;
};

type Open = "settings" | "schedule" | "task" | null;

export function MilestoneNode({ program, milestone, handle, guides, onSchedule, onRemove, onReplace }: Props) {
  const t = useTranslations("adminTemplates.milestone");
  const { editable, revisable, refresh } = useBuilder();
  const [open, setOpen] = useState<Open>(null);
  const programEditable = editable(program);
  const mine = editable(milestone);
  const action = useMutation<unknown, ApiProblem, () => Promise<unknown>>({ mutationFn: (run) => run(), onSettled: () => refresh() });
  const taskIds = milestone.task_templates.map((x) => x.id);
  const tasks = milestone.task_templates.map((x) => program.tasks[x.id] ?? { ...x, steps: [], professions: [], parents: [] });
  const siblings = Object.values(program.tasks).map((x) => ({ id: x.id, name: x.name, lineage_id: x.lineage_id }));
  const toggle = (which: Open) => setOpen(open === which ? null : which);
  const headingId = `milestone-${milestone.id}-heading`;

  return (
    <section aria-labelledby={headingId} className="rounded-2xl border border-slate-200 bg-slate-50/60 p-3 sm:p-4 dark:border-slate-800 dark:bg-slate-900/40" data-testid={`milestone-${milestone.id}`}>
      <div className="flex items-start gap-2">
        {handle}
        <div className="flex min-w-0 flex-1 flex-col gap-1">
          <div className="flex flex-wrap items-center gap-2">
            <h3 id={headingId} className="text-base font-semibold">
              {milestone.name}
            </h3>
            <StateBadge node={milestone} />
          </div>
          <p className="text-xs text-slate-600 dark:text-slate-400">
            {milestone.duration_days === 1
              ? t("summaryOneDay", { day: milestone.start_offset_days + 1, hours: milestone.expected_hours })
              : t("summary", { start: milestone.start_offset_days + 1, end: milestone.start_offset_days + milestone.duration_days, hours: milestone.expected_hours })}
          </p>
          {milestone.description ? <p className="text-sm text-slate-700 dark:text-slate-300">{milestone.description}</p> : null}
          <div className="mt-1 flex flex-wrap gap-2">
            {mine ? (
              <Button size="sm" onClick={() => toggle("settings")} aria-expanded={open === "settings"} aria-label={`${t("edit")}: ${milestone.name}`}>
                {t("edit")}
              </Button>
            ) : null}
            {programEditable ? (
              <Button size="sm" onClick={() => toggle("schedule")} aria-expanded={open === "schedule"} aria-label={`${t("schedule")}: ${milestone.name}`}>
                {t("schedule")}
              </Button>
            ) : null}
            {programEditable && revisable(milestone) ? (
              <Button size="sm" pending={action.isPending} onClick={() => action.mutate(async () => onReplace((await draftOf("milestone", milestone)).id))} aria-label={`${t("revise")}: ${milestone.name}`}>
                {t("revise")}
              </Button>
            ) : null}
            {programEditable ? (
              <Button size="sm" look="danger" onClick={onRemove} aria-label={t("removeLabel", { name: milestone.name })}>
                {t("remove")}
              </Button>
            ) : null}
          </div>
          {programEditable && !milestone.is_draft && revisable(milestone) ? <p className="text-xs text-slate-600 dark:text-slate-400">{t("frozenHint")}</p> : null}
        </div>
      </div>
      <ProblemMessage problem={action.error} />
      {open === "settings" ? (
        <div className="mt-3">
          <MilestoneSettings milestone={milestone} onDone={() => setOpen(null)} />
        </div>
      ) : null}
      {open === "schedule" ? (
        <div className="mt-3">
          <ScheduleForm milestone={milestone} onSave={onSchedule} onDone={() => setOpen(null)} />
        </div>
      ) : null}
      <div className="mt-3 flex flex-col gap-2">
        {tasks.length === 0 ? <p className="text-sm text-slate-600 dark:text-slate-400">{t("noTasks")}</p> : null}
        <SortableList
          listId={`milestone-${milestone.id}`}
          label={t("tasksOf", { name: milestone.name })}
          rows={tasks}
          enabled={mine}
          onReorder={(ids) => action.mutate(() => putTasks(milestone, ids))}
          renderRow={(task, taskHandle) => (
            <TaskNode
              task={task}
              handle={taskHandle}
              showState={task.is_draft || milestone.is_draft}
              parentEditable={mine}
              siblings={siblings.filter((s) => s.id !== task.id)}
              guides={guides}
              onRemove={() => action.mutate(() => putTasks(milestone, taskIds.filter((id) => id !== task.id)))}
              onReplace={(draftId) => putTasks(milestone, replaceId(taskIds, task.id, draftId))}
            />
          )}
        />
        {mine ? (
          open === "task" ? (
            <NewTaskForm milestone={milestone} onDone={() => setOpen(null)} />
          ) : (
            <div>
              <Button size="sm" onClick={() => setOpen("task")} aria-label={t("addTaskLabel", { name: milestone.name })}>
                {t("addTask")}
              </Button>
            </div>
          )
        ) : null}
      </div>
    </section>
  );
}
