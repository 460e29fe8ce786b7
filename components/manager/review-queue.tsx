"use client";
// Submitted work waiting for the reader's review. Each entry shows the work and the step's
// instructions beside the review form; a sent review takes the entry off the list at once (the
// page then re-reads the queue), a refused one puts it back with the server's reason.
import { useMutation, useQueryClient } from "@tanstack/react-query";
import { useRouter } from "next/navigation";
import { useFormatter, useTranslations } from "next-intl";
import { useState } from "react";
import { apiFetch, type ApiProblem } from "@/components/query/api";
import { queryKeys } from "@/components/query/query-keys";
import { EmptyState } from "@/components/ui/empty-state";
import { formatInstant } from "@/components/ui/format";
import { Markdown } from "@/components/ui/markdown";
import type { ReviewQueueEntry } from "@/lib/views/manager/review-queue";
import { type ReviewBody, ReviewForm } from "./review-form";

export function ReviewQueue({ entries }: { entries: ReviewQueueEntry[] }) {
  const t = useTranslations("manager.reviews");
  const format = useFormatter();
  const router = useRouter();
  const client = useQueryClient();
  const [sent, setSent] = useState<ReadonlySet<number>>(new Set());
  const [refused, setRefused] = useState<{ id: number; problem: ApiProblem } | null>(null);
  const [done, setDone] = useState<string | null>(null);
  const review = useMutation<unknown, ApiProblem, { entry: ReviewQueueEntry; body: ReviewBody }>({
    mutationFn: ({ entry, body }) => apiFetch(`/api/submissions/${entry.id}/review`, { method: "POST", body }),
    onMutate: ({ entry }) => {
      setRefused(null);
      setDone(null);
      setSent((s) => new Set(s).add(entry.id));
    },
    onError: (problem, { entry }) => {
      setSent((s) => new Set([...s].filter((id) => id !== entry.id)));
      setRefused({ id: entry.id, problem });
    },
    onSuccess: (_, { entry, body }) => {
      setDone(t(body.decision === "accept" ? "acceptedNote" : "returnedNote", { task: entry.task.name, name: entry.author?.name ?? "—" }));
      router.refresh();
    },
    onSettled: () => Promise.all([client.invalidateQueries({ queryKey: queryKeys.reviews.all }), client.invalidateQueries({ queryKey: queryKeys.scores.all })]),
  });
  const shown = entries.filter((e) => !sent.has(e.id));
  return (
    <section aria-labelledby="submissions-title" className="flex flex-col gap-3">
      <h2 id="submissions-title" className="text-lg font-semibold">
        {t("submissionsTitle", { count: shown.length })}
      </h2>
      <p role="status" aria-live="polite" className="text-sm font-medium text-emerald-800 dark:text-emerald-300" data-testid="reviews-status">
        {done}
      </p>
      {shown.length === 0 ? <EmptyState title={t("submissionsEmpty")} body={t("submissionsEmptyBody")} /> : null}
      <ul className="flex flex-col gap-4">
        {/* Sent entries are hidden, not removed: a refused one comes back with what was typed. */}
        {entries.map((entry) => (
          <li key={entry.id} hidden={sent.has(entry.id)} className="flex flex-col gap-4 rounded-2xl border border-slate-200 bg-white p-4 shadow-sm dark:border-slate-800 dark:bg-slate-900" data-testid={`submission-${entry.id}`}>
            <div className="flex flex-col gap-1">
              <h3 className="font-semibold">
                {entry.task.name} · {entry.step.name}
              </h3>
              <p className="text-xs text-slate-600 dark:text-slate-400">{t("submittedBy", { name: entry.author?.name ?? "—", date: formatInstant(format, entry.created_at) })}</p>
            </div>
            <div className="grid gap-4 lg:grid-cols-2">
              <div className="flex min-w-0 flex-col gap-2">
                <h4 className="text-sm font-medium">{t("work")}</h4>
                {entry.body ? (
                  <div className="max-h-64 overflow-y-auto rounded-lg bg-slate-50 p-3 dark:bg-slate-950" tabIndex={0} role="region" aria-label={t("work")}>
                    <Markdown source={entry.body} baseLevel={5} />
                  </div>
                ) : null}
                {entry.url ? (
                  <a href={entry.url} target="_blank" rel="noopener noreferrer" className="break-all text-sm font-medium text-emerald-800 underline dark:text-emerald-300">
                    {entry.url}
                  </a>
                ) : null}
                {entry.step.instructions ? (
                  <details className="text-sm">
                    <summary className="cursor-pointer font-medium">{t("instructions")}</summary>
                    <div className="mt-2">
                      <Markdown source={entry.step.instructions} baseLevel={5} />
                    </div>
                  </details>
                ) : null}
              </div>
              <ReviewForm
                rated={entry.step.rated}
                busy={review.isPending && review.variables.entry.id === entry.id}
                refusal={refused?.id === entry.id ? refused.problem : null}
                onSubmit={(body) => review.mutate({ entry, body })}
              />
            </div>
          </li>
        ))}
      </ul>
    </section>
  );
}
