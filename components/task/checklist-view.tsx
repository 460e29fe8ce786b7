"use client";
// A checklist with its items in order. A sequential checklist shows each later item locked until
// the one before is done; an item that needs validation says what it waits for (the guide to be
// acknowledged, or a manager). The server decides: a refused move shows its reason by the item.
import { useQueries, useQuery } from "@tanstack/react-query";
import { useTranslations } from "next-intl";
import { apiFetch } from "@/components/query/api";
import { queryKeys } from "@/components/query/query-keys";
import { CheckIcon, ClockIcon, LockIcon } from "@/components/ui/icons";
import { ProblemMessage } from "@/components/ui/problem-message";
import { ProgressBar } from "@/components/ui/progress-bar";
import type { ChecklistDto, ChecklistItemDto } from "@/lib/checklists/dto";
import type { GuideDto } from "@/lib/guides/dto";
import type { TaskActions } from "./use-task-actions";

type GuideRef = { id: number; title: string };

export function ChecklistView({ checklistId, actions, guides, canWork }: { checklistId: number; actions: TaskActions; guides: GuideRef[]; canWork: boolean }) {
  const t = useTranslations("checklist");
  const { data: checklist } = useQuery({
    queryKey: queryKeys.checklists.detail(checklistId),
    queryFn: ({ signal }) => apiFetch<ChecklistDto>(`/api/checklists/${checklistId}`, { signal }),
  });
  if (!checklist) return null;
  const done = checklist.items.filter((i) => i.status?.code === "done").length;
  return (
    <div className="flex flex-col gap-3" data-testid={`checklist-${checklist.id}`}>
      <div className="flex flex-wrap items-center justify-between gap-2 text-sm">
        <span className="font-medium">
          {checklist.name}{" "}
          <span className="font-normal text-slate-600 dark:text-slate-400">· {checklist.mode === "sequential" ? t("sequential") : t("parallel")}</span>
        </span>
        <span className="tabular-nums text-slate-600 dark:text-slate-400">{t("count", { done, total: checklist.items.length })}</span>
      </div>
      <ProgressBar done={done} total={checklist.items.length} label={t("progressOf", { name: checklist.name })} size="sm" />
      <ol className="flex flex-col divide-y divide-slate-100 rounded-xl border border-slate-200 dark:divide-slate-800 dark:border-slate-800">
        {checklist.items.map((item, index) => (
          <ChecklistItemRow key={item.id} item={item} index={index} actions={actions} guides={guides} canWork={canWork && !checklist.is_completed} />
        ))}
      </ol>
    </div>
  );
}

function ChecklistItemRow({ item, index, actions, guides, canWork }: { item: ChecklistItemDto; index: number; actions: TaskActions; guides: GuideRef[]; canWork: boolean }) {
  const t = useTranslations("checklist");
  const code = item.status?.code ?? "todo";
  const done = code === "done";
  const pending = code === "pending_validation";
  const waiting = pending && !item.validation?.satisfied;
  const move = actions.moveItem;
  const mine = move.variables?.itemId === item.id;
  const hintId = `item-${item.id}-hint`;
  const guideIds = (item.validation?.guide_ids ?? []).filter((id) => guides.some((g) => g.id === id));
  // The guides' own queries (hydrated by the page) say which are still unread, and update on acknowledgement.
  const guideStates = useQueries({
    queries: guideIds.map((id) => ({
      queryKey: queryKeys.guides.detail(id),
      queryFn: ({ signal }: { signal: AbortSignal }) => apiFetch<GuideDto>(`/api/guides/${id}`, { signal }),
    })),
  });
  const unread = new Set(guideStates.flatMap((q, i) => (q.data?.acknowledgement ? [] : [guideIds[i]])));
  const itemGuides = guides.filter((g) => unread.has(g.id));
  return (
    <li className={`grid grid-cols-[auto_minmax(0,1fr)] items-start gap-x-3 gap-y-2 p-3 sm:grid-cols-[auto_minmax(0,1fr)_auto] ${done ? "bg-emerald-50/50 dark:bg-emerald-950/20" : ""}`} data-testid={`item-${item.id}`} data-state={item.locked ? "locked" : code}>
      <span
        aria-hidden
        className={`mt-0.5 grid h-6 w-6 shrink-0 place-items-center rounded-full border text-xs ${
          done
            ? "border-emerald-600 bg-emerald-600 text-white"
            : item.locked
              ? "border-slate-300 text-slate-500 dark:border-slate-700"
              : pending
                ? "border-amber-500 text-amber-600"
                : "border-slate-400 text-slate-500"
        }`}
      >
        {done ? <CheckIcon className="h-3.5 w-3.5" /> : item.locked ? <LockIcon className="h-3 w-3" /> : pending ? <ClockIcon className="h-3.5 w-3.5" /> : index + 1}
      </span>
      <div className="flex min-w-0 flex-1 flex-col gap-1">
        <p className={`font-medium ${done ? "text-slate-600 line-through decoration-slate-400 dark:text-slate-400" : ""}`}>{item.title}</p>
        <div id={hintId} className="flex flex-col gap-0.5 text-xs text-slate-600 dark:text-slate-400">
          {item.locked && item.locked_by ? <span>{t("lockedBy", { title: item.locked_by.title })}</span> : null}
          {item.validation && !done ? (
            item.validation.satisfied ? (
              <span className="text-emerald-800 dark:text-emerald-300">{item.validation.validated_at ? t("validated") : t("guideAcknowledged")}</span>
            ) : (
              <span className="text-amber-800 dark:text-amber-300">
                {waiting ? t("waitingValidation") : t("needsValidation")}{" "}
                {itemGuides.map((g) => (
                  <a key={g.id} href={`#guide-${g.id}`} className="font-medium underline">
                    {t("readGuide", { title: g.title })}
                  </a>
                ))}
                {itemGuides.length === 0 ? t("managerValidates") : null}
              </span>
            )
          ) : null}
        </div>
        {mine ? <ProblemMessage problem={move.error} /> : null}
      </div>
      {canWork && !done ? (
        <button
          type="button"
          disabled={(move.isPending && mine) || waiting}
          aria-describedby={hintId}
          aria-label={`${waiting ? t("waiting") : t("complete")}: ${item.title}`}
          onClick={() => move.mutate({ checklistId: item.checklist_id, itemId: item.id, version: item.version, action: "complete" })}
          className={`col-start-2 inline-flex shrink-0 items-center gap-1.5 self-start justify-self-start rounded-lg sm:col-start-auto px-3 py-1.5 text-sm font-semibold disabled:cursor-not-allowed disabled:opacity-60 ${
            item.locked
              ? "border border-slate-300 text-slate-700 dark:border-slate-700 dark:text-slate-300"
              : "bg-emerald-700 text-white hover:bg-emerald-800"
          }`}
        >
          {item.locked ? <LockIcon className="h-3.5 w-3.5" /> : null}
          {waiting ? t("waiting") : t("complete")}
        </button>
      ) : null}
    </li>
  );
}
