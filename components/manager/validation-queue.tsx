"use client";
// Checklist items waiting for the reader's sign-off. Validating one (POST
// /api/checklists/:id/items/:itemId/validate with the version read) takes it off the list at once;
// a refusal (changed meanwhile, no longer waiting) brings it back with the server's reason.
import { useMutation, useQueryClient } from "@tanstack/react-query";
import Link from "next/link";
import { useRouter } from "next/navigation";
import { useFormatter, useTranslations } from "next-intl";
import { useState } from "react";
import { apiFetch, type ApiProblem } from "@/components/query/api";
import { queryKeys } from "@/components/query/query-keys";
import { EmptyState } from "@/components/ui/empty-state";
import { formatInstant } from "@/components/ui/format";
import { ProblemMessage } from "@/components/ui/problem-message";
import type { AwaitingValidation } from "@/lib/views/manager/validation-queue";

export function ValidationQueue({ items }: { items: AwaitingValidation[] }) {
  const t = useTranslations("manager.reviews");
  const format = useFormatter();
  const router = useRouter();
  const client = useQueryClient();
  const [sent, setSent] = useState<ReadonlySet<number>>(new Set());
  const [refused, setRefused] = useState<{ id: number; problem: ApiProblem } | null>(null);
  const [done, setDone] = useState<string | null>(null);
  const validate = useMutation<unknown, ApiProblem, AwaitingValidation>({
    mutationFn: (item) => apiFetch(`/api/checklists/${item.checklist_id}/items/${item.item_id}/validate`, { method: "POST", body: { version: item.version } }),
    onMutate: (item) => {
      setRefused(null);
      setDone(null);
      setSent((s) => new Set(s).add(item.item_id));
    },
    onError: (problem, item) => {
      setSent((s) => new Set([...s].filter((id) => id !== item.item_id)));
      setRefused({ id: item.item_id, problem });
      // The item may have changed meanwhile: read it again, so a retry sends its current version.
      router.refresh();
    },
    onSuccess: (_, item) => {
      setDone(t("validatedNote", { title: item.title }));
      router.refresh();
    },
    onSettled: (_, __, item) =>
      Promise.all([
        client.invalidateQueries({ queryKey: queryKeys.checklists.detail(item.checklist_id) }),
        client.invalidateQueries({ queryKey: queryKeys.tasks.all }),
        client.invalidateQueries({ queryKey: queryKeys.scores.all }),
      ]),
  });
  const shown = items.filter((i) => !sent.has(i.item_id));
  return (
    <section aria-labelledby="validations-title" className="flex flex-col gap-3">
      <h2 id="validations-title" className="text-lg font-semibold">
        {t("validationsTitle", { count: shown.length })}
      </h2>
      <p role="status" aria-live="polite" className="text-sm font-medium text-emerald-800 dark:text-emerald-300" data-testid="validations-status">
        {done}
      </p>
      {shown.length === 0 ? <EmptyState title={t("validationsEmpty")} body={t("validationsEmptyBody")} /> : null}
      <ul className="flex flex-col divide-y divide-slate-100 rounded-2xl border border-slate-200 bg-white empty:hidden dark:divide-slate-800 dark:border-slate-800 dark:bg-slate-900">
        {shown.map((item) => (
          <li key={item.item_id} className="flex flex-col gap-2 px-4 py-3" data-testid={`validation-${item.item_id}`}>
            <div className="flex flex-wrap items-start justify-between gap-3">
              <div className="flex min-w-0 flex-col gap-0.5">
                <p className="font-medium">{item.title}</p>
                <p className="text-xs text-slate-600 dark:text-slate-400">
                  <Link href={`/tasks/${item.task.id}`} className="font-medium text-emerald-800 hover:underline dark:text-emerald-300">
                    {item.task.name}
                  </Link>
                  {` · ${item.checklist_name} · `}
                  {t("doneBy", { name: item.person?.name ?? "—", date: formatInstant(format, item.waiting_since) })}
                </p>
              </div>
              <button
                type="button"
                disabled={validate.isPending && validate.variables.item_id === item.item_id}
                onClick={() => validate.mutate(item)}
                aria-label={`${t("validate")}: ${item.title}`}
                className="shrink-0 rounded-lg bg-emerald-700 px-3 py-1.5 text-sm font-semibold text-white hover:bg-emerald-800 disabled:opacity-60"
              >
                {t("validate")}
              </button>
            </div>
            {refused?.id === item.item_id ? <ProblemMessage problem={refused.problem} /> : null}
          </li>
        ))}
      </ul>
    </section>
  );
}
