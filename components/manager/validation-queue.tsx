"use client";
// Checklist items waiting for the reader's sign-off. Validating one (POST
// /api/checklists/:id/items/:itemId/validate with the version read) takes it off the list at once;
// a refusal (changed meanwhile, no longer waiting) brings it back with the server's reason.
import Link from "next/link";
import { useFormatter, useTranslations } from "next-intl";
import { apiFetch } from "@/components/query/api";
import { queryKeys } from "@/components/query/query-keys";
import { formatInstant } from "@/components/ui/format";
import { ProblemMessage } from "@/components/ui/problem-message";
import type { AwaitingValidation } from "@/lib/views/manager/validation-queue";
import { QueueSection, useQueueAction } from "./queue-section";

export function ValidationQueue({ items }: { items: AwaitingValidation[] }) {
  const t = useTranslations("manager.reviews");
  const format = useFormatter();
  const validate = useQueueAction<AwaitingValidation>({
    keyOf: (item) => item.item_id,
    send: (item) => apiFetch(`/api/checklists/${item.checklist_id}/items/${item.item_id}/validate`, { method: "POST", body: { version: item.version } }),
    doneNote: (item) => t("validatedNote", { title: item.title }),
    stale: (item) => [queryKeys.checklists.detail(item.checklist_id), queryKeys.tasks.all, queryKeys.scores.all],
    // The item may have changed meanwhile: read it again, so a retry sends its current version.
    refreshOnRefusal: true,
  });
  const shown = items.filter((i) => !validate.isSent(i.item_id));
  return (
    <QueueSection
      id="validations-title"
      title={t("validationsTitle", { count: shown.length })}
      statusTestId="validations-status"
      done={validate.done}
      empty={shown.length === 0 ? { title: t("validationsEmpty"), body: t("validationsEmptyBody") } : null}
    >
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
                disabled={validate.isBusy(item.item_id)}
                onClick={() => validate.act(item)}
                aria-label={`${t("validate")}: ${item.title}`}
                className="shrink-0 rounded-lg bg-emerald-700 px-3 py-1.5 text-sm font-semibold text-white hover:bg-emerald-800 disabled:opacity-60"
              >
                {t("validate")}
              </button>
            </div>
            <ProblemMessage problem={validate.refusalOf(item.item_id)} />
          </li>
        ))}
      </ul>
    </QueueSection>
  );
}
