"use client";
// The editors of the simpler step kinds: an instruction (Markdown text and the guides to read with
// it) and a submission (what to hand in, how, and whether reviewers rate it).
import { useTranslations } from "next-intl";
import { Checkbox, Select, TextArea } from "./controls";
import type { InstructionDraft, SubmissionDraft } from "./definition-draft";
import type { FieldErrors } from "./field-errors";

export type GuideOption = { id: number; title: string };

type EditorProps<T> = { value: T; onChange: (next: T) => void; errors: FieldErrors; disabled: boolean };

export function InstructionEditor({ value, onChange, errors, disabled, guides }: EditorProps<InstructionDraft> & { guides: GuideOption[] }) {
  const t = useTranslations("adminTemplates.instruction");
  const toggle = (id: number, on: boolean) =>
    onChange({ ...value, guide_ids: on ? [...value.guide_ids, id] : value.guide_ids.filter((g) => g !== id) });
  return (
    <div className="flex flex-col gap-3">
      <TextArea label={t("body")} hint={t("bodyHint")} rows={6} maxLength={20_000} value={value.body} onChange={(body) => onChange({ ...value, body })} error={errors.body} disabled={disabled} />
      <fieldset className="flex flex-col gap-1.5">
        <legend className="mb-1 text-sm font-medium text-slate-800 dark:text-slate-200">{t("guides")}</legend>
        {guides.length === 0 ? <p className="text-xs text-slate-600 dark:text-slate-400">{t("noGuides")}</p> : null}
        <div className="grid max-h-48 gap-1.5 overflow-y-auto sm:grid-cols-2">
          {guides.map((g) => (
            <Checkbox key={g.id} label={g.title} checked={value.guide_ids.includes(g.id)} onChange={(on) => toggle(g.id, on)} disabled={disabled} />
          ))}
        </div>
        {errors.guide_ids ? <p className="text-xs text-red-700 dark:text-red-300">{errors.guide_ids}</p> : null}
      </fieldset>
    </div>
  );
}

export function SubmissionEditor({ value, onChange, errors, disabled }: EditorProps<SubmissionDraft>) {
  const t = useTranslations("adminTemplates.submission");
  return (
    <div className="flex flex-col gap-3">
      <TextArea
        label={t("instructions")}
        hint={t("instructionsHint")}
        rows={4}
        maxLength={10_000}
        value={value.instructions}
        onChange={(instructions) => onChange({ ...value, instructions })}
        error={errors.instructions}
        disabled={disabled}
      />
      <Select
        label={t("accepts")}
        value={value.accepts}
        onChange={(accepts) => onChange({ ...value, accepts: accepts as SubmissionDraft["accepts"] })}
        options={(["text_or_link", "text", "link"] as const).map((a) => ({ value: a, label: t(`accept.${a}`) }))}
        error={errors.accepts}
        disabled={disabled}
      />
      <Checkbox label={t("rated")} checked={value.rated} onChange={(rated) => onChange({ ...value, rated })} disabled={disabled} />
    </div>
  );
}
