"use client";
// A new guide with its first translation, checked with the API's schema, then opened in the
// editor to add more languages and attach it where it explains something.
import { useMutation } from "@tanstack/react-query";
import { useRouter } from "next/navigation";
import { useTranslations } from "next-intl";
import { useState } from "react";
import { type ApiProblem, apiFetch } from "@/components/query/api";
import { Button, Checkbox, Select, TextArea, TextInput } from "@/components/admin/templates/controls";
import { type FieldErrors, useIssueMessages } from "@/components/admin/templates/field-errors";
import type { FormatCode } from "@/db/schema/guides";
import type { GuideDto } from "@/lib/guides/dto";
import { guideCreateSchema } from "@/lib/guides/validators";
import { FORMATS } from "./guide-settings";
import { Refusal } from "@/components/admin/templates/refusal";

export function CreateGuide({ languages, defaultLanguage }: { languages: { code: string; name: string }[]; defaultLanguage: string }) {
  const t = useTranslations("adminGuides.create");
  const f = useTranslations("guides.format");
  const tr = useTranslations("adminGuides.translation");
  const router = useRouter();
  const toErrors = useIssueMessages();
  const [open, setOpen] = useState(false);
  const [name, setName] = useState("");
  const [format, setFormat] = useState<FormatCode>("text");
  const [published, setPublished] = useState(false);
  const [language, setLanguage] = useState(languages.some((l) => l.code === defaultLanguage) ? defaultLanguage : (languages[0]?.code ?? "en"));
  const [title, setTitle] = useState("");
  const [body, setBody] = useState("");
  const [mediaUrl, setMediaUrl] = useState("");
  const [errors, setErrors] = useState<FieldErrors>({});
  const create = useMutation<GuideDto, ApiProblem, Record<string, unknown>>({
    mutationFn: (input) => apiFetch("/api/guides", { method: "POST", body: input }),
    onSuccess: (guide) => router.push(`/admin/guides/${guide.id}`),
    onError: (problem) => setErrors(problem.fieldErrors),
  });

  function submit(event: React.SyntheticEvent) {
    event.preventDefault();
    const input = {
      name,
      format,
      is_published: published,
      translations: [{ language, title, body, media_url: format === "text" ? null : mediaUrl.trim() || null }],
    };
    const parsed = guideCreateSchema.safeParse(input);
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
  const first = "translations.0";
  return (
    <form onSubmit={submit} noValidate aria-label={t("label")} className="flex flex-col gap-3 rounded-xl border border-emerald-200 bg-white p-4 dark:border-emerald-900 dark:bg-slate-900">
      <h2 className="text-base font-semibold">{t("label")}</h2>
      <div className="grid gap-3 sm:grid-cols-[1fr_12rem_12rem]">
        <TextInput label={t("name")} hint={t("nameHint")} value={name} onChange={setName} maxLength={100} error={errors.name} />
        <Select label={t("format")} value={format} onChange={(v) => setFormat(v as FormatCode)} options={FORMATS.map((x) => ({ value: x, label: f(x) }))} error={errors.format} />
        <Select
          label={t("language")}
          value={language}
          onChange={setLanguage}
          options={languages.map((l) => ({ value: l.code, label: `${l.name} (${l.code})` }))}
          error={errors[`${first}.language`]}
        />
      </div>
      <TextInput label={tr("title")} value={title} onChange={setTitle} maxLength={200} error={errors[`${first}.title`]} />
      {format === "text" ? null : (
        <TextInput type="url" label={tr(format === "video" ? "videoUrl" : "interactiveUrl")} hint={tr("urlHint")} value={mediaUrl} onChange={setMediaUrl} maxLength={2048} error={errors[`${first}.media_url`]} />
      )}
      <TextArea label={tr("bodyLabel")} hint={tr("bodyHint")} value={body} onChange={setBody} rows={6} maxLength={60_000} error={errors[`${first}.body`]} />
      <Checkbox label={t("published")} checked={published} onChange={setPublished} />
      {errors.translations ? <p className="text-sm text-red-700 dark:text-red-300">{errors.translations}</p> : null}
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
