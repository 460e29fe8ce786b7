"use client";
// The status moves the machine allows from where the task stands (lib/statuses/machine.ts), as
// buttons. Cancelling is a manager's call and is not offered here, and "done" only for a task
// without steps (one with steps completes itself after its last). The server enforces the rest.
import { useTranslations } from "next-intl";
import { ProblemMessage } from "@/components/ui/problem-message";
import { legalNextCodes } from "@/lib/statuses/machine";
import type { StatusOption } from "@/lib/views/task-workspace";
import type { TaskActions } from "./use-task-actions";

type Props = { status: string | null; version: number; hasSteps: boolean; statuses: StatusOption[]; transition: TaskActions["transition"] };

export function TaskStatusActions({ status, version, hasSteps, statuses, transition }: Props) {
  const t = useTranslations("taskActions");
  const next = legalNextCodes("task", status ?? "todo").filter((code) => code !== "cancelled" && !(code === "done" && hasSteps));
  if (next.length === 0) return null;
  return (
    <div className="flex flex-col gap-2">
      <div role="group" aria-label={t("label")} className="flex flex-wrap gap-2">
        {next.map((code) => {
          const target = statuses.find((s) => s.code === code);
          if (!target) return null;
          const primary = code === "in_progress" || code === "done";
          return (
            <button
              key={code}
              type="button"
              disabled={transition.isPending}
              onClick={() => transition.mutate({ statusId: target.id, version })}
              className={`rounded-lg px-3 py-1.5 text-sm font-semibold disabled:opacity-60 ${
                primary
                  ? "bg-emerald-700 text-white hover:bg-emerald-800"
                  : "border border-slate-300 text-slate-800 hover:bg-slate-100 dark:border-slate-700 dark:text-slate-200 dark:hover:bg-slate-800"
              }`}
            >
              {t(`to.${code as "done"}`)}
            </button>
          );
        })}
      </div>
      <ProblemMessage problem={transition.error} />
    </div>
  );
}
