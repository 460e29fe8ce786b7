"use client";
// A task's steps in order, each with its state and what to do: read an instruction and mark it
// done, work through its checklist, or go to its exam or submission.
import Link from "next/link";
import { useTranslations } from "next-intl";
import { GuideCard } from "@/components/guides/guide-card";
import { CheckIcon } from "@/components/ui/icons";
import { Markdown } from "@/components/ui/markdown";
import { ProblemMessage } from "@/components/ui/problem-message";
import { StatusBadge } from "@/components/ui/status-badge";
import type { TaskDetailDto } from "@/lib/tasks/queries";
import type { StepContent } from "@/lib/views/task-steps";
import { ChecklistView } from "./checklist-view";
import type { TaskActions } from "./use-task-actions";

type Props = {
  task: TaskDetailDto;
  contents: Record<number, StepContent>;
  actions: TaskActions;
  guideTitles: { id: number; title: string }[];
  canWork: boolean;
};

export function StepList({ task, contents, actions, guideTitles, canWork }: Props) {
  const t = useTranslations("steps");
  const finalTask = task.status === "done" || task.status === "cancelled";
  return (
    <ol className="flex flex-col gap-4">
      {task.steps.map((step, index) => {
        const content = contents[step.id] ?? { kind: "unknown" as const };
        const done = step.status === "done";
        const checklist = task.checklists.find((c) => c.task_step_id === step.id);
        const mine = actions.completeStep.variables?.stepId === step.id;
        return (
          <li key={step.id} className="rounded-2xl border border-slate-200 bg-white p-4 shadow-sm sm:p-5 dark:border-slate-800 dark:bg-slate-900" data-testid={`step-${step.id}`}>
            <div className="flex items-start gap-3">
              <span
                aria-hidden
                className={`grid h-7 w-7 shrink-0 place-items-center rounded-full text-sm font-semibold ${
                  done ? "bg-emerald-600 text-white" : "bg-slate-100 text-slate-700 dark:bg-slate-800 dark:text-slate-200"
                }`}
              >
                {done ? <CheckIcon className="h-4 w-4" /> : index + 1}
              </span>
              <div className="flex min-w-0 flex-1 flex-col gap-3">
                <div className="flex flex-wrap items-center gap-2">
                  <h2 className="text-base font-semibold">
                    <span className="sr-only">{t("stepNumber", { number: index + 1 })}: </span>
                    {step.name}
                  </h2>
                  <span className="rounded bg-slate-100 px-1.5 py-0.5 text-xs text-slate-700 dark:bg-slate-800 dark:text-slate-300">{t(`kind.${step.kind as "instruction"}`)}</span>
                  <StatusBadge code={step.status} />
                </div>
                {content.kind === "instruction" ? (
                  <>
                    {content.body ? <Markdown source={content.body} baseLevel={3} /> : null}
                    {content.guide_ids.map((id) => (
                      <GuideCard key={id} guideId={id} acknowledge={actions.acknowledge} />
                    ))}
                    {!done && canWork && !finalTask ? (
                      <div className="flex flex-col gap-2">
                        <button
                          type="button"
                          disabled={actions.completeStep.isPending && mine}
                          onClick={() => actions.completeStep.mutate({ stepId: step.id, version: step.version })}
                          aria-label={`${t("markDone")}: ${step.name}`}
                          className="self-start rounded-lg bg-emerald-700 px-3 py-1.5 text-sm font-semibold text-white hover:bg-emerald-800 disabled:opacity-60"
                        >
                          {t("markDone")}
                        </button>
                        {mine ? <ProblemMessage problem={actions.completeStep.error} /> : null}
                      </div>
                    ) : null}
                  </>
                ) : null}
                {content.kind === "checklist" || step.kind === "checklist" ? (
                  checklist ? (
                    <ChecklistView checklistId={checklist.id} actions={actions} guides={guideTitles} canWork={canWork && !finalTask} />
                  ) : (
                    <p className="text-sm text-slate-600 dark:text-slate-400">{t("noChecklist")}</p>
                  )
                ) : null}
                {content.kind === "quiz" ? (
                  <EvaluatedStep href={`/tasks/${task.id}/steps/${step.id}`} label={t("takeExam")} done={done}>
                    {t("examOutline", {
                      questions: content.questions,
                      passMark: Math.round(content.pass_mark * 100),
                      attempts: content.max_attempts,
                    })}
                    {content.time_limit_minutes ? ` ${t("timeLimit", { minutes: content.time_limit_minutes })}` : ""}
                  </EvaluatedStep>
                ) : null}
                {content.kind === "submission" ? (
                  <EvaluatedStep href={`/tasks/${task.id}/steps/${step.id}`} label={t("submitWork")} done={done}>
                    {content.instructions ? <Markdown source={content.instructions} baseLevel={3} /> : null}
                    <span className="text-xs text-slate-600 dark:text-slate-400">{t(`accepts.${content.accepts}`)}</span>
                  </EvaluatedStep>
                ) : null}
              </div>
            </div>
          </li>
        );
      })}
    </ol>
  );
}

function EvaluatedStep({ href, label, done, children }: { href: string; label: string; done: boolean; children: React.ReactNode }) {
  const t = useTranslations("steps");
  return (
    <div className="flex flex-col gap-2 text-sm">
      <div className="flex flex-col gap-2">{children}</div>
      {done ? (
        <p className="text-emerald-800 dark:text-emerald-300">{t("evaluated")}</p>
      ) : (
        <Link href={href} className="self-start rounded-lg border border-emerald-700 px-3 py-1.5 font-semibold text-emerald-800 hover:bg-emerald-50 dark:border-emerald-500 dark:text-emerald-300 dark:hover:bg-emerald-950">
          {label}
        </Link>
      )}
    </div>
  );
}
