"use client";
// A person's task requests: those they asked for (cancellable while pending) and those that ask
// something of them; and a form to ask for a task.
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import Link from "next/link";
import { useFormatter, useTranslations } from "next-intl";
import { useState } from "react";
import { apiFetch, type ApiProblem } from "@/components/query/api";
import { queryKeys } from "@/components/query/query-keys";
import { HelpRequestForm } from "@/components/task/help-request-form";
import { EmptyState } from "@/components/ui/empty-state";
import { formatInstant } from "@/components/ui/format";
import { ProblemMessage } from "@/components/ui/problem-message";
import { StatusBadge } from "@/components/ui/status-badge";
import type { Page } from "@/lib/api/pagination";
import type { TaskRequestDto } from "@/lib/requests/dto";
import type { Colleague } from "@/lib/views/colleagues";

const LIST_URL = { mine: "/api/task-requests?mine=true&limit=100", assigned: "/api/task-requests?assigned_to_me=true&limit=100" } as const;

export function RequestsView({ colleagues, needsApproval }: { colleagues: Colleague[]; needsApproval: boolean }) {
  const t = useTranslations("requests");
  const [formKey, setFormKey] = useState(0);
  return (
    <div className="grid items-start gap-6 lg:grid-cols-[minmax(0,1fr)_22rem]">
      <div className="flex min-w-0 flex-col gap-6">
        <RequestList which="mine" title={t("mine")} empty={t("mineEmpty")} />
        <RequestList which="assigned" title={t("assigned")} empty={t("assignedEmpty")} />
      </div>
      <section aria-labelledby="new-request" className="rounded-2xl border border-slate-200 bg-white p-4 shadow-sm dark:border-slate-800 dark:bg-slate-900">
        <h2 id="new-request" className="mb-3 font-semibold">
          {t("new")}
        </h2>
        <HelpRequestForm key={formKey} colleagues={colleagues} needsApproval={needsApproval} onDone={() => setFormKey((k) => k + 1)} />
      </section>
    </div>
  );
}

function RequestList({ which, title, empty }: { which: "mine" | "assigned"; title: string; empty: string }) {
  const t = useTranslations("requests");
  const format = useFormatter();
  const client = useQueryClient();
  const { data, error } = useQuery<Page<TaskRequestDto>, ApiProblem>({
    queryKey: queryKeys.requests.list(which),
    queryFn: ({ signal }) => apiFetch(LIST_URL[which], { signal }),
  });
  const cancel = useMutation<TaskRequestDto, ApiProblem, TaskRequestDto>({
    mutationFn: (request) => apiFetch(`/api/task-requests/${request.id}/cancel`, { method: "POST", body: { version: request.version } }),
    onSettled: () => client.invalidateQueries({ queryKey: queryKeys.requests.all }),
  });
  const items = [...(data?.items ?? [])].reverse();
  return (
    <section aria-labelledby={`requests-${which}`} className="flex flex-col gap-3">
      <h2 id={`requests-${which}`} className="text-lg font-semibold">
        {title}
      </h2>
      <ProblemMessage problem={error} />
      {data && items.length === 0 ? <EmptyState title={empty} /> : null}
      <ul className="flex flex-col gap-3">
        {items.map((r) => (
          <li key={r.id} className="flex flex-col gap-2 rounded-xl border border-slate-200 bg-white p-4 dark:border-slate-800 dark:bg-slate-900" data-testid={`request-${r.id}`}>
            <div className="flex flex-wrap items-start justify-between gap-2">
              <p className="font-medium">{r.title}</p>
              <StatusBadge code={r.status?.code ?? null} />
            </div>
            {r.description ? <p className="text-sm text-slate-700 dark:text-slate-300">{r.description}</p> : null}
            <p className="text-xs text-slate-600 dark:text-slate-400">
              {which === "mine"
                ? t("forPeople", { names: r.assignees.map((a) => a.name).join(", ") })
                : t("fromPerson", { name: r.created_by?.name ?? "—" })}{" "}
              · {formatInstant(format, r.created_at)}
            </p>
            {r.decision_note ? <p className="text-sm italic text-slate-700 dark:text-slate-300">“{r.decision_note}”</p> : null}
            <div className="flex flex-wrap items-center gap-3 text-sm">
              {r.related_task_id ? (
                <Link href={`/tasks/${r.related_task_id}`} className="font-medium text-emerald-800 hover:underline dark:text-emerald-300">
                  {t("relatedTask")}
                </Link>
              ) : null}
              {r.created_task_id ? (
                <Link href={`/tasks/${r.created_task_id}`} className="font-medium text-emerald-800 hover:underline dark:text-emerald-300">
                  {t("createdTask")}
                </Link>
              ) : null}
              {which === "mine" && r.status?.code === "pending_approval" ? (
                <button
                  type="button"
                  disabled={cancel.isPending && cancel.variables.id === r.id}
                  onClick={() => cancel.mutate(r)}
                  aria-label={`${t("cancel")}: ${r.title}`}
                  className="rounded-lg border border-slate-300 px-2.5 py-1 text-sm font-medium hover:bg-slate-100 disabled:opacity-60 dark:border-slate-700 dark:hover:bg-slate-800"
                >
                  {t("cancel")}
                </button>
              ) : null}
            </div>
            {cancel.variables?.id === r.id ? <ProblemMessage problem={cancel.error} /> : null}
          </li>
        ))}
      </ul>
    </section>
  );
}
