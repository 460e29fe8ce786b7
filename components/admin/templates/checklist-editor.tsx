"use client";
// A checklist step: done in order (sequential) or in any order (parallel); each item may need a
// validation, passed when its guide is acknowledged or a manager validates the item.
import { useTranslations } from "next-intl";
import { Button, Checkbox, Select, TextInput } from "./controls";
import type { ChecklistDraft, ChecklistItemDraft } from "./definition-draft";
import type { GuideOption } from "./definition-editors";
import type { FieldErrors } from "./field-errors";

type Props = { value: ChecklistDraft; onChange: (next: ChecklistDraft) => void; errors: FieldErrors; disabled: boolean; guides: GuideOption[] };

export function ChecklistEditor({ value, onChange, errors, disabled, guides }: Props) {
  const t = useTranslations("adminTemplates.checklist");
  const setItems = (items: ChecklistItemDraft[]) => onChange({ ...value, items });
  const setItem = (index: number, item: ChecklistItemDraft) => setItems(value.items.map((x, i) => (i === index ? item : x)));
  const move = (index: number, by: -1 | 1) => {
    const items = [...value.items];
    const [item] = items.splice(index, 1);
    if (!item) return;
    items.splice(index + by, 0, item);
    setItems(items);
  };
  const guideOptions = [{ value: "", label: t("noGuide") }, ...guides.map((g) => ({ value: String(g.id), label: g.title }))];
  return (
    <div className="flex flex-col gap-3">
      <Select
        label={t("mode")}
        hint={value.mode === "sequential" ? t("sequentialHint") : t("parallelHint")}
        value={value.mode}
        onChange={(mode) => onChange({ ...value, mode: mode as ChecklistDraft["mode"] })}
        options={[
          { value: "sequential", label: t("sequential") },
          { value: "parallel", label: t("parallel") },
        ]}
        error={errors.mode}
        disabled={disabled}
      />
      <fieldset className="flex flex-col gap-2">
        <legend className="mb-1 text-sm font-medium text-slate-800 dark:text-slate-200">{t("items", { count: value.items.length })}</legend>
        <ol className="flex flex-col gap-2">
          {value.items.map((item, index) => (
            <li key={index} className="flex flex-col gap-2 rounded-lg border border-slate-200 p-3 dark:border-slate-700">
              <div className="flex flex-wrap items-end gap-2">
                <TextInput
                  className="min-w-48 flex-1"
                  label={t("itemTitle", { number: index + 1 })}
                  value={item.title}
                  maxLength={200}
                  onChange={(title) => setItem(index, { ...item, title })}
                  error={errors[`items.${index}.title`]}
                  disabled={disabled}
                />
                <Select
                  className="min-w-40"
                  label={t("guide")}
                  value={item.guide_id === undefined ? "" : String(item.guide_id)}
                  onChange={(id) => {
                    const { guide_id: _old, ...rest } = item;
                    setItem(index, id ? { ...rest, guide_id: Number(id) } : rest);
                  }}
                  options={guideOptions}
                  error={errors[`items.${index}.guide_id`]}
                  disabled={disabled}
                />
              </div>
              <div className="flex flex-wrap items-center justify-between gap-2">
                <Checkbox
                  label={t("requiresValidation")}
                  checked={item.requires_validation}
                  onChange={(requires_validation) => setItem(index, { ...item, requires_validation })}
                  disabled={disabled}
                />
                {disabled ? null : (
                  <span className="flex gap-1">
                    <Button size="sm" look="ghost" onClick={() => move(index, -1)} disabled={index === 0} aria-label={t("moveUp", { number: index + 1 })}>
                      ↑
                    </Button>
                    <Button size="sm" look="ghost" onClick={() => move(index, 1)} disabled={index === value.items.length - 1} aria-label={t("moveDown", { number: index + 1 })}>
                      ↓
                    </Button>
                    <Button size="sm" look="danger" onClick={() => setItems(value.items.filter((_, i) => i !== index))} disabled={value.items.length === 1} aria-label={t("remove", { number: index + 1 })}>
                      {t("removeShort")}
                    </Button>
                  </span>
                )}
              </div>
            </li>
          ))}
        </ol>
        {errors.items ? <p className="text-xs text-red-700 dark:text-red-300">{errors.items}</p> : null}
        {disabled ? null : (
          <div>
            <Button size="sm" onClick={() => setItems([...value.items, { title: "", requires_validation: false }])}>
              {t("add")}
            </Button>
          </div>
        )}
      </fieldset>
    </div>
  );
}
