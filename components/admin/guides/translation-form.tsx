"use client";
// One translation of a guide: title, Markdown body (with a preview as readers will see it) and,
// for video and interactive guides, the https address of the content. An existing translation is
// replaced with its version (If-Match); a new one is created only if the language has none yet.
import { useMutation } from "@tanstack/react-query";
import { useRouter } from "next/navigation";
import { useTranslations } from "next-intl";
import { useState } from "react";
import { type ApiProblem, apiFetch } from "@/components/query/api";
import { Button, TextArea, TextInput } from "@/components/admin/templates/controls";
import { type FieldErrors, useIssueMessages } from "@/components/admin/templates/field-errors";
import { Markdown } from "@/components/ui/markdown";
import type { FormatCode } from "@/db/schema/guides";
import type { TranslationDto } from "@/lib/guides/dto";
import { translationUpsertSchema } from "@/lib/guides/validators";
import { Refusal } from "@/components/admin/templates/refusal";

type Props = {
  guideId: number;
  format: FormatCode;
  language: string;
  languageName: string;
  /** The stored translation; absent for a language being added. */
  translation?: TranslationDto;
  onCreated?: (language: string) => void;
};

export function TranslationForm({ guideId, format, language, languageName, translation, onCreated }: Props) {
  const t = useTranslations("adminGuides.translation");
  const router = useRouter();
  const toErrors = useIssueMessages();
  const [title, setTitle] = useState(translation?.title ?? "");
  const [body, setBody] = useState(translation?.body ?? "");
  const [mediaUrl, setMediaUrl] = useState(translation?.media_url ?? "");
  const [preview, setPreview] = useState(false);
  const [errors, setErrors] = useState<FieldErrors>({});
  const [saved, setSaved] = useState(false);
  const url = `/api/guides/${guideId}/translations/${encodeURIComponent(language)}`;

  const save = useMutation<TranslationDto, ApiProblem, Record<string, unknown>>({
    mutationFn: (input) =>
      apiFetch(url, translation ? { method: "PUT", body: input, ifMatch: translation.version } : { method: "PUT", body: input, createOnly: true }),
    onSuccess: (stored) => {
      setSaved(true);
      router.refresh();
      if (!translation) onCreated?.(stored.language);
    },
    onError: (problem) => setErrors(problem.fieldErrors),
  });
  const remove = useMutation<null, ApiProblem>({
    mutationFn: () => apiFetch(url, { method: "DELETE", ifMatch: translation?.version }),
    onSuccess: () => router.refresh(),
  });

  function submit(event: React.SyntheticEvent) {
    event.preventDefault();
    setSaved(false);
    const input = { title, body, media_url: format === "text" ? null : mediaUrl.trim() || null };
    const parsed = translationUpsertSchema.safeParse(input);
    if (!parsed.success) {
      setErrors(toErrors(parsed.error));
      return;
    }
    setErrors({});
    save.mutate(input);
  }

  return (
    <form onSubmit={submit} noValidate aria-label={t("label", { language: languageName })} className="flex flex-col gap-3">
      <TextInput label={t("title")} value={title} onChange={setTitle} maxLength={200} error={errors.title} />
      {format === "text" ? null : (
        <TextInput type="url" label={t(format === "video" ? "videoUrl" : "interactiveUrl")} hint={t("urlHint")} value={mediaUrl} onChange={setMediaUrl} maxLength={2048} error={errors.media_url} />
      )}
      <div className="flex flex-col gap-2">
        <div className="flex justify-end">
          <Button size="sm" look="ghost" onClick={() => setPreview(!preview)} aria-pressed={preview}>
            {t("preview")}
          </Button>
        </div>
        {preview ? (
          <div className="rounded-lg border border-slate-200 p-3 dark:border-slate-700" aria-label={t("previewLabel")} role="region">
            {body.trim() ? <Markdown source={body} baseLevel={3} /> : <p className="text-sm text-slate-600 dark:text-slate-400">{t("emptyBody")}</p>}
          </div>
        ) : (
          <TextArea label={t("bodyLabel")} hint={t("bodyHint")} value={body} onChange={setBody} rows={10} maxLength={60_000} error={errors.body} />
        )}
      </div>
      {saved && !save.isPending ? (
        <p role="status" className="text-sm text-emerald-800 dark:text-emerald-300">
          {t("saved")}
        </p>
      ) : null}
      <Refusal problem={save.error ?? remove.error} />
      <div className="flex flex-wrap gap-2">
        <Button type="submit" look="primary" pending={save.isPending}>
          {save.isPending ? t("saving") : translation ? t("save") : t("add")}
        </Button>
        {translation ? (
          <Button look="danger" pending={remove.isPending} onClick={() => remove.mutate()} aria-label={t("removeLabel", { language: languageName })}>
            {t("remove")}
          </Button>
        ) : null}
      </div>
    </form>
  );
}
