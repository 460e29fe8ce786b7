"use client";
// The "New …" form of an admin list: a button that opens it, the body checked with the API's own
// schema before it is sent (errors beside their fields), the server's refusal under the fields, and
// on success the new row opened in its editor. Each list keeps only its fields and its body.
import { useMutation } from "@tanstack/react-query";
import { useRouter } from "next/navigation";
import { useTranslations } from "next-intl";
import { type ReactNode, useState } from "react";
import type { z } from "zod";
import { Button } from "@/components/admin/templates/controls";
import { type FieldErrors, useIssueMessages } from "@/components/admin/templates/field-errors";
import { Refusal } from "@/components/admin/templates/refusal";
import { type ApiProblem, apiFetch } from "@/components/query/api";

type CreateFormProps = {
  /** Where the labels are: open, label, submit, creating, cancel. */
  messages: "adminGuides.create" | "adminTemplates.create";
  /** The collection the body is POSTed to. */
  url: string;
  schema: z.ZodType;
  /** The editor the created row opens in, followed by its id. */
  editor: string;
  /** The body as the fields hold it when the form is sent. */
  body: () => Record<string, unknown>;
  children: (errors: FieldErrors) => ReactNode;
};

export function CreateForm({ messages, url, schema, editor, body, children }: CreateFormProps) {
  const t = useTranslations(messages);
  const router = useRouter();
  const toErrors = useIssueMessages();
  const [open, setOpen] = useState(false);
  const [errors, setErrors] = useState<FieldErrors>({});
  const create = useMutation<{ id: number }, ApiProblem, Record<string, unknown>>({
    mutationFn: (input) => apiFetch(url, { method: "POST", body: input }),
    onSuccess: (created) => router.push(`${editor}/${created.id}`),
    onError: (problem) => setErrors(problem.fieldErrors),
  });

  function submit(event: React.SyntheticEvent) {
    event.preventDefault();
    const input = body();
    const parsed = schema.safeParse(input);
    if (!parsed.success) {
      setErrors(toErrors(parsed.error));
      return;
    }
    setErrors({});
    create.mutate(input);
  }

  if (!open) {
    return (
      <div>
        <Button look="primary" onClick={() => setOpen(true)} aria-expanded={false}>
          {t("open")}
        </Button>
      </div>
    );
  }
  return (
    <form onSubmit={submit} noValidate aria-label={t("label")} className="flex flex-col gap-3 rounded-xl border border-emerald-200 bg-white p-4 dark:border-emerald-900 dark:bg-slate-900">
      <h2 className="text-base font-semibold">{t("label")}</h2>
      {children(errors)}
      <Refusal problem={create.error} />
      <div className="flex flex-wrap gap-2">
        <Button type="submit" look="primary" pending={create.isPending}>
          {create.isPending ? t("creating") : t("submit")}
        </Button>
        <Button onClick={() => setOpen(false)}>{t("cancel")}</Button>
      </div>
    </form>
  );
}
