"use client";
// Handing in work as the step asks for it: text, a link, or either. Checked in the browser with the
// API's own schema, and the server's reasons (a field, or a 409 such as "waiting for review") shown.
// Submitted through onSubmit, not a form action, so a refused hand-in keeps what was written.
import { useMutation } from "@tanstack/react-query";
import { useTranslations } from "next-intl";
import { type SubmitEvent, useState } from "react";
import { useFieldMessages } from "@/components/task/field-messages";
import { apiFetch, type ApiProblem } from "@/components/query/api";
import { ProblemMessage } from "@/components/ui/problem-message";
import type { SubmitWorkAnswer } from "@/lib/exams/submissions";
import { submissionCreateSchema, SUBMISSION_TEXT_MAX } from "@/lib/exams/validators";
import type { z } from "zod";

export type Accepts = "text" | "link" | "text_or_link";

type Props = {
  taskId: number;
  stepId: number;
  accepts: Accepts;
  /** The work returned for changes, to start the resubmission from. */
  initial?: { body: string | null; url: string | null };
  resubmission: boolean;
  onSubmitted: (answer: SubmitWorkAnswer) => void;
};

type Fields = { body?: string; url?: string };

/** The schema is a union (text, or a link): the issues of the branch closest to what was sent. */
function issuesOf(error: z.ZodError): z.core.$ZodIssue[] {
  const union = error.issues.find((issue): issue is z.core.$ZodIssueInvalidUnion => issue.code === "invalid_union");
  if (!union) return error.issues;
  const branches = union.errors.filter((branch) => branch.length > 0);
  return branches.reduce((best, branch) => (branch.length < best.length ? branch : best), branches[0] ?? [union]);
}

export function SubmissionForm({ taskId, stepId, accepts, initial, resubmission, onSubmitted }: Props) {
  const t = useTranslations("submission");
  const messageOf = useFieldMessages();
  const [fieldErrors, setFieldErrors] = useState<Record<string, string>>({});
  const send = useMutation<SubmitWorkAnswer, ApiProblem, Fields>({
    mutationFn: (body) => apiFetch<SubmitWorkAnswer>(`/api/tasks/${taskId}/steps/${stepId}/submissions`, { method: "POST", body }),
    onSuccess: onSubmitted,
    onError: (problem) => setFieldErrors(problem.fieldErrors),
  });

  function submit(event: SubmitEvent<HTMLFormElement>) {
    event.preventDefault();
    const form = new FormData(event.currentTarget);
    const text = (name: string) => {
      const value = form.get(name);
      return typeof value === "string" ? value.trim() : "";
    };
    const body: Fields = {};
    if (accepts !== "link" && text("body")) body.body = text("body");
    if (accepts !== "text" && text("url")) body.url = text("url");
    if (!body.body && !body.url) {
      setFieldErrors({ [accepts === "link" ? "url" : "body"]: t(`required.${accepts}`) });
      return;
    }
    const parsed = submissionCreateSchema.safeParse(body);
    if (!parsed.success) {
      const errors: Record<string, string> = {};
      for (const issue of issuesOf(parsed.error)) {
        const field = String(issue.path[0] ?? (accepts === "link" ? "url" : "body"));
        errors[field] ??= issue.code === "invalid_format" ? t("invalidUrl") : messageOf(issue);
      }
      setFieldErrors(errors);
      return;
    }
    setFieldErrors({});
    send.mutate(body);
  }

  const inputClass = "w-full rounded-lg border border-slate-300 bg-white px-3 py-2 text-base dark:border-slate-700 dark:bg-slate-950 aria-[invalid=true]:border-red-600";
  return (
    <form onSubmit={submit} noValidate className="flex flex-col gap-4" aria-labelledby="submission-form-heading">
      <h2 id="submission-form-heading" className="text-base font-semibold">
        {resubmission ? t("resubmitTitle") : t("submitTitle")}
      </h2>
      {accepts === "text_or_link" ? <p className="text-sm text-slate-600 dark:text-slate-400">{t("eitherHint")}</p> : null}
      {accepts !== "link" ? (
        <div className="flex flex-col gap-1">
          <label htmlFor="submission-body" className="text-sm font-medium">
            {t("bodyLabel")}
          </label>
          <textarea
            id="submission-body"
            name="body"
            rows={8}
            maxLength={SUBMISSION_TEXT_MAX}
            defaultValue={initial?.body ?? ""}
            aria-invalid={fieldErrors.body ? true : undefined}
            aria-describedby={fieldErrors.body ? "submission-body-error" : undefined}
            className={inputClass}
          />
          {fieldErrors.body ? (
            <p id="submission-body-error" className="text-sm text-red-700 dark:text-red-300">
              {fieldErrors.body}
            </p>
          ) : null}
        </div>
      ) : null}
      {accepts !== "text" ? (
        <div className="flex flex-col gap-1">
          <label htmlFor="submission-url" className="text-sm font-medium">
            {t("urlLabel")}
          </label>
          <input
            id="submission-url"
            name="url"
            type="url"
            inputMode="url"
            placeholder="https://"
            defaultValue={initial?.url ?? ""}
            aria-invalid={fieldErrors.url ? true : undefined}
            aria-describedby={fieldErrors.url ? "submission-url-error" : undefined}
            className={inputClass}
          />
          {fieldErrors.url ? (
            <p id="submission-url-error" className="text-sm text-red-700 dark:text-red-300">
              {fieldErrors.url}
            </p>
          ) : null}
        </div>
      ) : null}
      <button type="submit" disabled={send.isPending} className="self-start rounded-lg bg-emerald-700 px-4 py-2 text-sm font-semibold text-white hover:bg-emerald-800 disabled:opacity-60">
        {send.isPending ? t("sending") : resubmission ? t("resubmit") : t("submit")}
      </button>
      {Object.keys(send.error?.fieldErrors ?? {}).length ? null : <ProblemMessage problem={send.error} />}
    </form>
  );
}
