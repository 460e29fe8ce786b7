"use client";
// A new guide with its first translation, checked with the API's schema, then opened in the
// editor to add more languages and attach it where it explains something.
import { useTranslations } from "next-intl";
import { useState } from "react";
import { CreateForm } from "@/components/admin/create-form";
import { Checkbox, Select, TextArea, TextInput } from "@/components/admin/templates/controls";
import type { FormatCode } from "@/db/schema/guides";
import { guideCreateSchema } from "@/lib/guides/validators";
import { FORMATS } from "./guide-settings";

export function CreateGuide({ languages, defaultLanguage }: { languages: { code: string; name: string }[]; defaultLanguage: string }) {
  const t = useTranslations("adminGuides.create");
  const f = useTranslations("guides.format");
  const tr = useTranslations("adminGuides.translation");
  const [name, setName] = useState("");
  const [format, setFormat] = useState<FormatCode>("text");
  const [published, setPublished] = useState(false);
  const [language, setLanguage] = useState(languages.some((l) => l.code === defaultLanguage) ? defaultLanguage : (languages[0]?.code ?? "en"));
  const [title, setTitle] = useState("");
  const [body, setBody] = useState("");
  const [mediaUrl, setMediaUrl] = useState("");
  const guideBody = () => ({
    name,
    format,
    is_published: published,
    translations: [{ language, title, body, media_url: format === "text" ? null : mediaUrl.trim() || null }],
  });

  const first = "translations.0";
  return (
    <CreateForm messages="adminGuides.create" url="/api/guides" schema={guideCreateSchema} editor="/admin/guides" body={guideBody}>
      {(errors) => (
        <>
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
        </>
      )}
    </CreateForm>
  );
}
