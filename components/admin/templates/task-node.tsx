"use client";
// One task template in a milestone: its summary line, and when opened its settings and its steps,
// which move by drag and drop (saved as the task's ordered step links) and open in the step editor.
import { useMutation } from "@tanstack/react-query";
import { useTranslations } from "next-intl";
import { type ReactNode, useId, useState } from "react";
import { ChevronIcon } from "@/components/ui/icons";
import { ProblemMessage } from "@/components/ui/problem-message";
import type { StepKind } from "@/lib/templates/process-definition";
import type { TaskTemplateDetailDto } from "@/lib/templates/task-templates";
import type { ApiProblem } from "@/components/query/api";
import { Badge, Button, Select } from "./controls";
import type { GuideOption } from "./definition-editors";
import { draftOf, putSteps, replaceId, useBuilder } from "./program-data";
import { SortableList } from "./sortable-list";
import { StepEditor } from "./step-editor";
import { StateBadge } from "./state-badge";
import { TaskSettings } from "./task-settings";

type Props = {
  task: TaskTemplateDetailDto;
  handle: ReactNode;
  /** Its own state is worth showing: it is a draft, or it sits in a draft milestone. */
  showState: boolean;
  /** Whether the milestone holding it may change (so the task may be removed or revised in place). */
  parentEditable: boolean;
  onRemove: () => void;
  onReplace: (draftId: number) => Promise<unknown>;
  siblings: { id: number; name: string; lineage_id: number }[];
  guides: GuideOption[];
};

type Editing = { step: number } | { add: StepKind } | { settings: true } | null;

export function TaskNode({ task, handle, showState, parentEditable, onRemove, onReplace, siblings, guides }: Props) {
  const t = useTranslations("adminTemplates.task");
  const k = useTranslations("adminTemplates.stepKinds");
  const { editable, revisable, refresh } = useBuilder();
  const [open, setOpen] = useState(false);
  const [editing, setEditing] = useState<Editing>(null);
  const [newKind, setNewKind] = useState<StepKind>("instruction");
  const panelId = useId();
  const mine = editable(task);

  const action = useMutation<unknown, ApiProblem, () => Promise<unknown>>({
    mutationFn: (run) => run(),
    onSettled: () => refresh(),
  });
  const reorder = (ids: number[]) => action.mutate(() => putSteps(task, ids));
  const removeStep = (id: number) => action.mutate(() => putSteps(task, task.steps.map((s) => s.id).filter((s) => s !== id)));
  const reviseStep = (id: number) =>
    action.mutate(async () => {
      const step = task.steps.find((s) => s.id === id);
      if (!step) return;
      const draft = await draftOf("step", step);
      await putSteps(task, replaceId(task.steps.map((s) => s.id), id, draft.id));
      setEditing({ step: draft.id });
    });
  const reviseTask = () =>
    action.mutate(async () => {
      const draft = await draftOf("task", task);
      await onReplace(draft.id);
    });

  return (
    <div className="rounded-xl border border-slate-200 bg-white dark:border-slate-700 dark:bg-slate-900" data-testid={`task-${task.id}`}>
      <div className="flex items-start gap-2 p-2">
        {handle}
        <div className="flex min-w-0 flex-1 flex-col gap-1 sm:flex-row sm:items-center sm:gap-2">
          <button
            type="button"
            aria-expanded={open}
            aria-controls={panelId}
            onClick={() => setOpen(!open)}
            className="flex min-w-0 items-center gap-2 rounded-md px-1 py-1 text-left hover:bg-slate-50 sm:flex-1 dark:hover:bg-slate-800"
          >
            <ChevronIcon className={`h-4 w-4 shrink-0 transition-transform ${open ? "rotate-90" : ""}`} />
            <span className="min-w-0 font-medium break-words">{task.name}</span>
          </button>
          <span className="flex flex-wrap items-center gap-1.5 pl-7 text-xs text-slate-600 sm:pl-0 dark:text-slate-400">
            {task.kind === "exam" ? <Badge tone="violet">{t("kinds.exam")}</Badge> : null}
            <span>{t("minutesShort", { minutes: task.expected_minutes })}</span>
            <span>{t("stepCount", { count: task.steps.length })}</span>
            {showState ? <StateBadge node={task} compact /> : null}
          </span>
        </div>
      </div>
      {open ? (
        <div id={panelId} className="flex flex-col gap-3 border-t border-slate-200 p-3 dark:border-slate-700">
          {task.description ? <p className="text-sm text-slate-700 dark:text-slate-300">{task.description}</p> : null}
          <p className="flex flex-wrap gap-x-3 gap-y-1 text-xs text-slate-600 dark:text-slate-400">
            <span>{t("professionList", { names: task.professions.map((p) => p.name).join(", ") || "—" })}</span>
            <span>{t("parentList", { names: task.parents.map((p) => p.name).join(", ") || "—" })}</span>
          </p>
          <div className="flex flex-wrap gap-2">
            {mine ? (
              <Button size="sm" onClick={() => setEditing({ settings: true })} aria-expanded={editing !== null && "settings" in editing}>
                {t("edit")}
              </Button>
            ) : null}
            {parentEditable && revisable(task) ? (
              <Button size="sm" onClick={reviseTask} pending={action.isPending}>
                {t("revise")}
              </Button>
            ) : null}
            {parentEditable ? (
              <Button size="sm" look="danger" onClick={onRemove} aria-label={t("removeLabel", { name: task.name })}>
                {t("remove")}
              </Button>
            ) : null}
          </div>
          {editing && "settings" in editing ? <TaskSettings task={task} siblings={siblings} onDone={() => setEditing(null)} /> : null}
          <ProblemMessage problem={action.error} />
          <h4 className="text-sm font-semibold">{t("steps")}</h4>
          {task.steps.length === 0 ? <p className="text-sm text-slate-600 dark:text-slate-400">{t("noSteps")}</p> : null}
          <SortableList
            listId={`task-${task.id}`}
            label={t("stepsOf", { name: task.name })}
            rows={task.steps}
            enabled={mine}
            onReorder={reorder}
            renderRow={(step, stepHandle, index) => (
              <div className="flex flex-col gap-2">
                <div className="flex flex-wrap items-center gap-2 rounded-lg border border-slate-200 px-2 py-1.5 dark:border-slate-700" data-testid={`step-${step.id}`}>
                  {stepHandle}
                  <span className="min-w-0 flex-1 basis-40 text-sm break-words">
                    <span className="text-slate-600 dark:text-slate-400">{index + 1}. </span>
                    {step.name}
                  </span>
                  <Badge tone="sky">{k(step.kind)}</Badge>
                  {step.is_draft || task.is_draft ? <StateBadge node={step} compact /> : null}
                  <Button size="sm" onClick={() => setEditing({ step: step.id })} aria-label={`${editable(step) ? t("editStep") : t("viewStep")}: ${step.name}`}>
                    {editable(step) ? t("editStep") : t("viewStep")}
                  </Button>
                  {mine && revisable(step) ? (
                    <Button size="sm" onClick={() => reviseStep(step.id)} aria-label={`${t("revise")}: ${step.name}`}>
                      {t("revise")}
                    </Button>
                  ) : null}
                  {mine ? (
                    <Button size="sm" look="danger" onClick={() => removeStep(step.id)} aria-label={t("removeStepLabel", { name: step.name })}>
                      {t("remove")}
                    </Button>
                  ) : null}
                </div>
                {editing && "step" in editing && editing.step === step.id ? (
                  <StepEditor key={step.id} task={task} step={step} guides={guides} readOnly={!editable(step)} onDone={() => setEditing(null)} />
                ) : null}
              </div>
            )}
          />
          {mine ? (
            editing && "add" in editing ? (
              <StepEditor task={task} kind={editing.add} guides={guides} readOnly={false} onDone={() => setEditing(null)} />
            ) : (
              <div className="flex flex-wrap items-end gap-2">
                <Select
                  className="w-48"
                  label={t("newStepKind")}
                  value={newKind}
                  onChange={(v) => setNewKind(v as StepKind)}
                  options={(["instruction", "checklist", "quiz", "submission"] as const).map((x) => ({ value: x, label: k(x) }))}
                />
                <Button onClick={() => setEditing({ add: newKind })}>{t("addStep")}</Button>
              </div>
            )
          ) : null}
        </div>
      ) : null}
    </div>
  );
}
