"use client";
// A guide's own fields — name, format (text, video, interactive), published or draft — saved with
// the version the page was read at, and deleting the guide (refused while running checklist items
// validate against it; the server says so).
import { useMutation } from "@tanstack/react-query";
import { useRouter } from "next/navigation";
import { useTranslations } from "next-intl";
import { useState } from "react";
import { type ApiProblem, apiFetch } from "@/components/query/api";
import { Button, Checkbox, Select, TextInput } from "@/components/admin/templates/controls";
import { type FieldErrors, useIssueMessages } from "@/components/admin/templates/field-errors";
import { ProblemMessage } from "@/components/ui/problem-message";
import type { GuideDto } from "@/lib/guides/dto";
import { guideUpdateSchema } from "@/lib/guides/validators";
import { Refusal } from "@/components/admin/templates/refusal";

export const FORMATS = ["text", "video", "interactive"] as const;

export function GuideSettings({ guide }: { guide: GuideDto }) {
  const t = useTranslations("adminGuides.settings");
  const f = useTranslations("guides.format");
  const router = useRouter();
  const toErrors = useIssueMessages();
  const [name, setName] = useState(guide.name);
  const [format, setFormat] = useState(guide.format);
  const [published, setPublished] = useState(guide.is_published);
  const [errors, setErrors] = useState<FieldErrors>({});
  const [confirmDelete, setConfirmDelete] = useState(false);
  const [saved, setSaved] = useState(false);

  const save = useMutation<GuideDto, ApiProblem, Record<string, unknown>>({
    mutationFn: (body) => apiFetch(`/api/guides/${guide.id}`, { method: "PATCH", body }),
    onSuccess: () => {
      setSaved(true);
      router.refresh();
    },
    onError: (problem) => setErrors(problem.fieldErrors),
  });
  const remove = useMutation<null, ApiProblem>({
    mutationFn: () => apiFetch(`/api/guides/${guide.id}`, { method: "DELETE", ifMatch: guide.version }),
    onSuccess: () => router.push("/admin/guides"),
  });

  function submit(event: React.SyntheticEvent) {
    event.preventDefault();
    setSaved(false);
    const body = { name, format, is_published: published, version: guide.version };
    const parsed = guideUpdateSchema.safeParse(body);
    if (!parsed.success) {
      setErrors(toErrors(parsed.error));
      return;
    }
    setErrors({});
    save.mutate(body);
  }

  return (
    <section aria-labelledby="guide-settings-heading" className="flex flex-col gap-3 rounded-2xl border border-slate-200 bg-white p-4 dark:border-slate-800 dark:bg-slate-900">
      <h2 id="guide-settings-heading" className="text-lg font-semibold">
        {t("title")}
      </h2>
      <form onSubmit={submit} noValidate className="flex flex-col gap-3" aria-labelledby="guide-settings-heading">
        <div className="grid gap-3 sm:grid-cols-[1fr_12rem]">
          <TextInput label={t("name")} hint={t("nameHint")} value={name} onChange={setName} maxLength={100} error={errors.name} />
          <Select
            label={t("format")}
            value={format}
            onChange={(v) => setFormat(v as GuideDto["format"])}
            options={FORMATS.map((x) => ({ value: x, label: f(x) }))}
            error={errors.format}
          />
        </div>
        <Checkbox label={t("published")} checked={published} onChange={setPublished} />
        <p className="text-xs text-slate-600 dark:text-slate-400">{published ? t("publishedHint") : t("draftHint")}</p>
        {saved && !save.isPending ? (
          <p role="status" className="text-sm text-emerald-800 dark:text-emerald-300">
            {t("saved")}
          </p>
        ) : null}
        <Refusal problem={save.error} />
        <div className="flex flex-wrap gap-2">
          <Button type="submit" look="primary" pending={save.isPending}>
            {save.isPending ? t("saving") : t("save")}
          </Button>
          <Button look="danger" onClick={() => setConfirmDelete(true)} aria-expanded={confirmDelete}>
            {t("delete")}
          </Button>
        </div>
      </form>
      {confirmDelete ? (
        <div role="group" aria-label={t("deleteTitle")} className="flex flex-col gap-2 rounded-xl border border-red-300 bg-red-50 p-3 dark:border-red-900 dark:bg-red-950/40">
          <p className="text-sm">{t("deleteBody")}</p>
          <ProblemMessage problem={remove.error} />
          <div className="flex flex-wrap gap-2">
            <Button look="danger" pending={remove.isPending} onClick={() => remove.mutate()}>
              {t("deleteConfirm")}
            </Button>
            <Button onClick={() => setConfirmDelete(false)}>{t("cancel")}</Button>
          </div>
        </div>
      ) : null}
    </section>
  );
}
