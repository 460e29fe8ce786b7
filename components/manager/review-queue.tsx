"use client";
// Submitted work waiting for the reader's review. Each entry shows the work and the step's
// instructions beside the review form; a sent review takes the entry off the list at once (the
// page then re-reads the queue), a refused one puts it back with the server's reason.
import { useFormatter, useTranslations } from "next-intl";
import { apiFetch } from "@/components/query/api";
import { queryKeys } from "@/components/query/query-keys";
import { formatInstant } from "@/components/ui/format";
import { Markdown } from "@/components/ui/markdown";
import type { ReviewQueueEntry } from "@/lib/views/manager/review-queue";
import { QueueSection, useQueueAction } from "./queue-section";
import { type ReviewBody, ReviewForm } from "./review-form";

export function ReviewQueue({ entries }: { entries: ReviewQueueEntry[] }) {
  const t = useTranslations("manager.reviews");
  const format = useFormatter();
  const review = useQueueAction<{ entry: ReviewQueueEntry; body: ReviewBody }>({
    keyOf: ({ entry }) => entry.id,
    send: ({ entry, body }) => apiFetch(`/api/submissions/${entry.id}/review`, { method: "POST", body }),
    doneNote: ({ entry, body }) => t(body.decision === "accept" ? "acceptedNote" : "returnedNote", { task: entry.task.name, name: entry.author?.name ?? "—" }),
    stale: () => [queryKeys.reviews.all, queryKeys.scores.all],
  });
  const shown = entries.filter((e) => !review.isSent(e.id));
  return (
    <QueueSection
      id="submissions-title"
      title={t("submissionsTitle", { count: shown.length })}
      statusTestId="reviews-status"
      done={review.done}
      empty={shown.length === 0 ? { title: t("submissionsEmpty"), body: t("submissionsEmptyBody") } : null}
    >
      <ul className="flex flex-col gap-4">
        {/* Sent entries are hidden, not removed: a refused one comes back with what was typed. */}
        {entries.map((entry) => (
          <li key={entry.id} hidden={review.isSent(entry.id)} className="flex flex-col gap-4 rounded-2xl border border-slate-200 bg-white p-4 shadow-sm dark:border-slate-800 dark:bg-slate-900" data-testid={`submission-${entry.id}`}>
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
                busy={review.isBusy(entry.id)}
                refusal={review.refusalOf(entry.id)}
                onSubmit={(body) => review.act({ entry, body })}
              />
            </div>
          </li>
        ))}
      </ul>
    </QueueSection>
  );
}
