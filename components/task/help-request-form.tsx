"use client";
// Asking for help on a task: a task request to a colleague, validated in the browser with the
// same zod schema the API parses it with, and the server's field issues shown beside the fields.
// The form submits through onSubmit, not a form action: React resets a form after its action
// runs, which would wipe what the person typed whenever the request is refused.
import { useMutation, useQueryClient } from "@tanstack/react-query";
import Link from "next/link";
import { useTranslations } from "next-intl";
import { type SubmitEvent, useState } from "react";
import { apiFetch, ApiProblem } from "@/components/query/api";
import { queryKeys } from "@/components/query/query-keys";
import { ProblemMessage } from "@/components/ui/problem-message";
import { taskRequestCreateSchema } from "@/lib/requests/validators";
import type { TaskRequestDto } from "@/lib/requests/dto";
import type { Colleague } from "@/lib/views/colleagues";
import { useFieldMessages } from "./field-messages";

type Props = {
  colleagues: Colleague[];
  /** Employees' requests wait for a manager; managers' and admins' become tasks at once. */
  needsApproval: boolean;
  relatedTaskId?: number;
  defaultTitle?: string;
  onDone?: () => void;
};

export function HelpRequestForm({ colleagues, needsApproval, relatedTaskId, defaultTitle = "", onDone }: Props) {
  const t = useTranslations("help");
  const messageOf = useFieldMessages();
  const client = useQueryClient();
  const [fieldErrors, setFieldErrors] = useState<Record<string, string>>({});
  const create = useMutation<TaskRequestDto, ApiProblem, unknown>({
    mutationFn: (body) => apiFetch<TaskRequestDto>("/api/task-requests", { method: "POST", body }),
    onSuccess: () => client.invalidateQueries({ queryKey: queryKeys.requests.all }),
    onError: (problem) => setFieldErrors(problem.fieldErrors),
  });

  function submit(event: SubmitEvent<HTMLFormElement>) {
    event.preventDefault();
    const form = new FormData(event.currentTarget);
    const text = (name: string) => {
      const value = form.get(name);
      return typeof value === "string" ? value : "";
    };
    const assignee = Number(text("assignee_ids"));
    const body = {
      title: text("title"),
      description: text("description"),
      assignee_ids: assignee > 0 ? [assignee] : [],
      ...(relatedTaskId ? { related_task_id: relatedTaskId } : {}),
    };
    const parsed = taskRequestCreateSchema.safeParse(body);
    if (!parsed.success) {
      const errors: Record<string, string> = {};
      for (const issue of parsed.error.issues) {
        const field = String(issue.path[0] ?? "");
        errors[field] ??= messageOf(issue);
      }
      setFieldErrors(errors);
      return;
    }
    setFieldErrors({});
    create.mutate(body);
  }

  if (create.isSuccess) {
    const request = create.data;
    return (
      <div role="status" className="flex flex-col gap-2 rounded-xl bg-emerald-50 p-4 text-sm text-emerald-900 dark:bg-emerald-950/40 dark:text-emerald-200">
        <p className="font-semibold">{request.status?.code === "pending_approval" ? t("sentPending") : t("sentApproved")}</p>
        <div className="flex gap-3">
          <Link href="/requests" className="font-medium underline">
            {t("viewRequests")}
          </Link>
          {onDone ? (
            <button type="button" className="font-medium underline" onClick={onDone}>
              {t("close")}
            </button>
          ) : null}
        </div>
      </div>
    );
  }

  const error = (name: string) => fieldErrors[name] ?? fieldErrors[`${name}.0`];
  const input =
    "w-full rounded-lg border border-slate-300 bg-white px-3 py-2 text-sm outline-none focus:border-emerald-600 focus:ring-2 focus:ring-emerald-600/30 aria-[invalid=true]:border-red-600 dark:border-slate-700 dark:bg-slate-950";
  return (
    <form onSubmit={submit} noValidate className="flex flex-col gap-3" aria-label={t("formLabel")}>
      <Field name="title" label={t("title")} error={error("title")}>
        <input id="help-title" name="title" defaultValue={defaultTitle} maxLength={100} aria-invalid={error("title") ? true : undefined} aria-describedby={error("title") ? "help-title-error" : undefined} className={input} />
      </Field>
      <Field name="description" label={t("description")} error={error("description")}>
        <textarea id="help-description" name="description" rows={3} maxLength={500} aria-invalid={error("description") ? true : undefined} aria-describedby={error("description") ? "help-description-error" : undefined} className={input} />
      </Field>
      <Field name="assignee_ids" label={t("person")} error={error("assignee_ids")}>
        <select id="help-assignee_ids" name="assignee_ids" defaultValue={colleagues.find((c) => c.is_manager)?.id ?? ""} aria-invalid={error("assignee_ids") ? true : undefined} aria-describedby={error("assignee_ids") ? "help-assignee_ids-error" : undefined} className={input}>
          <option value="">{t("choosePerson")}</option>
          {colleagues.map((c) => (
            <option key={c.id} value={c.id}>
              {c.is_manager ? t("yourManager", { name: c.name }) : `${c.name} · ${c.department}`}
            </option>
          ))}
        </select>
      </Field>
      {needsApproval ? <p className="text-xs text-slate-600 dark:text-slate-400">{t("approvalNote")}</p> : null}
      {create.error && Object.keys(create.error.fieldErrors).length === 0 ? <ProblemMessage problem={create.error} /> : null}
      <button type="submit" disabled={create.isPending} className="self-start rounded-lg bg-emerald-700 px-4 py-2 text-sm font-semibold text-white hover:bg-emerald-800 disabled:opacity-60">
        {create.isPending ? t("sending") : t("send")}
      </button>
    </form>
  );
}

function Field({ name, label, error, children }: { name: string; label: string; error?: string; children: React.ReactNode }) {
  return (
    <div className="flex flex-col gap-1 text-sm">
      <label htmlFor={`help-${name}`} className="font-medium">
        {label}
      </label>
      {children}
      {error ? (
        <p id={`help-${name}-error`} className="text-xs text-red-700 dark:text-red-300">
          {error}
        </p>
      ) : null}
    </div>
  );
}
