"use client";
// One request waiting for a decision: what is asked, by whom, for whom; approve at once, or reject
// with a reason (the API's schema checks it here first, and the server's field issues show beside it).
import Link from "next/link";
import { useFormatter, useTranslations } from "next-intl";
import { useId, useState } from "react";
import type { ApiProblem } from "@/components/query/api";
import { useFieldMessages } from "@/components/task/field-messages";
import { formatInstant } from "@/components/ui/format";
import { ProblemMessage } from "@/components/ui/problem-message";
import type { TaskRequestDto } from "@/lib/requests/dto";
import { DECISION_NOTE_MAX, taskRequestRejectSchema } from "@/lib/requests/validators";
import type { Decision } from "./approvals-view";

/** The server's refusal of this request's last decision, with the reason that was sent. */
type Refusal = { problem: ApiProblem; note?: string };
type Props = { request: TaskRequestDto; busy: boolean; refusal: Refusal | null; onDecide: (decision: Decision) => void };

export function ApprovalCard({ request: r, busy, refusal, onDecide }: Props) {
  const t = useTranslations("manager.approvals");
  const format = useFormatter();
  const messageOf = useFieldMessages();
  const noteId = useId();
  const serverNoteError = refusal?.problem.fieldErrors.note ?? null;
  // A refused rejection comes back with its form open and its reason kept.
  const [rejecting, setRejecting] = useState(refusal?.note !== undefined);
  const [noteError, setNoteError] = useState<string | null>(null);
  const shownNoteError = noteError ?? serverNoteError;

  function reject(form: FormData) {
    const note = form.get("note");
    const parsed = taskRequestRejectSchema.safeParse({ note: typeof note === "string" ? note : "", version: r.version });
    if (!parsed.success) {
      const issue = parsed.error.issues.find((i) => i.path[0] === "note") ?? parsed.error.issues[0];
      setNoteError(issue && issue.code !== "too_small" ? messageOf(issue) : t("reasonRequired"));
      return;
    }
    setNoteError(null);
    onDecide({ request: r, action: "reject", note: parsed.data.note });
  }

  return (
    <li className="flex flex-col gap-3 rounded-2xl border border-slate-200 bg-white p-4 shadow-sm dark:border-slate-800 dark:bg-slate-900" data-testid={`approval-${r.id}`}>
      <div className="flex flex-col gap-1">
        <h2 className="font-semibold">{r.title}</h2>
        {r.description ? <p className="text-sm text-slate-700 dark:text-slate-300">{r.description}</p> : null}
        <p className="text-xs text-slate-600 dark:text-slate-400">
          {t("askedBy", { name: r.created_by?.name ?? "—", date: formatInstant(format, r.created_at) })}
          {" · "}
          {t("forPeople", { names: r.assignees.map((a) => a.name).join(", ") })}
          {r.due_date ? ` · ${t("dueOn", { date: formatInstant(format, r.due_date, { dateStyle: "medium" }) })}` : ""}
        </p>
        {r.related_task_id ? (
          <Link href={`/tasks/${r.related_task_id}`} className="self-start text-sm font-medium text-emerald-800 hover:underline dark:text-emerald-300">
            {t("relatedTask")}
          </Link>
        ) : null}
      </div>
      {refusal && !serverNoteError ? <ProblemMessage problem={refusal.problem} /> : null}
      {rejecting ? (
        <form
          onSubmit={(e) => {
            e.preventDefault();
            reject(new FormData(e.currentTarget));
          }}
          noValidate className="flex flex-col gap-2" aria-label={t("rejectForm", { title: r.title })}>
          <label htmlFor={noteId} className="text-sm font-medium">
            {t("reason")}
          </label>
          <textarea
            id={noteId}
            name="note"
            rows={3}
            defaultValue={refusal?.note}
            maxLength={DECISION_NOTE_MAX}
            aria-invalid={shownNoteError ? true : undefined}
            aria-describedby={shownNoteError ? `${noteId}-error` : undefined}
            className="w-full rounded-lg border border-slate-300 bg-white px-3 py-2 text-sm outline-none focus:border-emerald-600 focus:ring-2 focus:ring-emerald-600/30 aria-[invalid=true]:border-red-600 dark:border-slate-700 dark:bg-slate-950"
          />
          {shownNoteError ? (
            <p id={`${noteId}-error`} className="text-xs text-red-700 dark:text-red-300">
              {shownNoteError}
            </p>
          ) : null}
          <div className="flex flex-wrap gap-2">
            <button type="submit" disabled={busy} className="rounded-lg bg-red-700 px-3 py-1.5 text-sm font-semibold text-white hover:bg-red-800 disabled:opacity-60">
              {t("confirmReject")}
            </button>
            <button
              type="button"
              onClick={() => {
                setRejecting(false);
                setNoteError(null);
              }}
              className="rounded-lg border border-slate-300 px-3 py-1.5 text-sm font-medium hover:bg-slate-100 dark:border-slate-700 dark:hover:bg-slate-800"
            >
              {t("cancel")}
            </button>
          </div>
        </form>
      ) : (
        <div className="flex flex-wrap gap-2">
          <button
            type="button"
            disabled={busy}
            onClick={() => onDecide({ request: r, action: "approve" })}
            aria-label={`${t("approve")}: ${r.title}`}
            className="rounded-lg bg-emerald-700 px-3 py-1.5 text-sm font-semibold text-white hover:bg-emerald-800 disabled:opacity-60"
          >
            {t("approve")}
          </button>
          <button
            type="button"
            disabled={busy}
            onClick={() => setRejecting(true)}
            aria-label={`${t("reject")}: ${r.title}`}
            className="rounded-lg border border-red-300 px-3 py-1.5 text-sm font-semibold text-red-800 hover:bg-red-50 disabled:opacity-60 dark:border-red-800 dark:text-red-300 dark:hover:bg-red-950"
          >
            {t("reject")}
          </button>
        </div>
      )}
    </li>
  );
}
