"use client";
// A guide's translations as tabs, one per language, plus a tab to add a language the guide does
// not have yet. Arrow keys move between tabs (one tab stop, as the WAI-ARIA tabs pattern asks).
import { useTranslations } from "next-intl";
import { useRef, useState } from "react";
import { Select } from "@/components/admin/templates/controls";
import type { FormatCode } from "@/db/schema/guides";
import type { TranslationDto } from "@/lib/guides/dto";
import { TranslationForm } from "./translation-form";

type Props = {
  guideId: number;
  format: FormatCode;
  translations: TranslationDto[];
  languages: { code: string; name: string }[];
  /** The tab open first: the admin's own language when the guide has it. */
  preferred: string;
};

const ADD = "+";

export function TranslationTabs({ guideId, format, translations, languages, preferred }: Props) {
  const t = useTranslations("adminGuides.translations");
  const [selected, setSelected] = useState((translations.find((x) => x.language === preferred) ?? translations[0])?.language ?? ADD);
  const missing = languages.filter((l) => !translations.some((x) => x.language.toLowerCase() === l.code.toLowerCase()));
  const [picked, setNewLanguage] = useState(missing[0]?.code ?? "");
  const newLanguage = missing.some((l) => l.code === picked) ? picked : (missing[0]?.code ?? "");
  const tabs = [...translations.map((x) => x.language), ...(missing.length ? [ADD] : [])];
  // A translation removed elsewhere (or just now) leaves its tab: show the first one instead.
  const current = tabs.includes(selected) ? selected : (tabs[0] ?? ADD);
  const refs = useRef(new Map<string, HTMLButtonElement>());
  const nameOf = (code: string) => languages.find((l) => l.code.toLowerCase() === code.toLowerCase())?.name ?? code;
  const idOf = (tab: string) => `guide-${guideId}-tab-${tab === ADD ? "add" : tab}`;

  function onKeyDown(event: React.KeyboardEvent) {
    const index = tabs.indexOf(current);
    const next = event.key === "ArrowRight" ? index + 1 : event.key === "ArrowLeft" ? index - 1 : event.key === "Home" ? 0 : event.key === "End" ? tabs.length - 1 : null;
    if (next === null) return;
    event.preventDefault();
    const tab = tabs[(next + tabs.length) % tabs.length];
    if (tab === undefined) return;
    setSelected(tab);
    refs.current.get(tab)?.focus();
  }

  const translation = translations.find((x) => x.language === current);
  return (
    <section aria-labelledby={`guide-${guideId}-translations`} className="flex flex-col gap-3 rounded-2xl border border-slate-200 bg-white p-4 dark:border-slate-800 dark:bg-slate-900">
      <h2 id={`guide-${guideId}-translations`} className="text-lg font-semibold">
        {t("title", { count: translations.length })}
      </h2>
      <div role="tablist" aria-label={t("tabs")} className="flex flex-wrap gap-1 border-b border-slate-200 dark:border-slate-700" onKeyDown={onKeyDown}>
        {tabs.map((tab) => (
          <button
            key={tab}
            ref={(node) => {
              if (node) refs.current.set(tab, node);
              else refs.current.delete(tab);
            }}
            id={idOf(tab)}
            type="button"
            role="tab"
            aria-selected={tab === current}
            aria-controls={`${idOf(tab)}-panel`}
            tabIndex={tab === current ? 0 : -1}
            onClick={() => setSelected(tab)}
            className={`-mb-px rounded-t-lg border px-3 py-1.5 text-sm font-medium ${
              tab === current
                ? "border-slate-200 border-b-white bg-white text-emerald-800 dark:border-slate-700 dark:border-b-slate-900 dark:bg-slate-900 dark:text-emerald-300"
                : "border-transparent text-slate-700 hover:text-slate-900 dark:text-slate-300 dark:hover:text-white"
            }`}
          >
            {tab === ADD ? t("add") : `${nameOf(tab)} (${tab})`}
          </button>
        ))}
      </div>
      <div role="tabpanel" id={`${idOf(current)}-panel`} aria-labelledby={idOf(current)} tabIndex={0} className="outline-none">
        {current === ADD ? (
          <div className="flex flex-col gap-3">
            <Select
              className="max-w-xs"
              label={t("language")}
              value={newLanguage}
              onChange={setNewLanguage}
              options={missing.map((l) => ({ value: l.code, label: `${l.name} (${l.code})` }))}
            />
            {newLanguage ? (
              <TranslationForm key={`new-${newLanguage}`} guideId={guideId} format={format} language={newLanguage} languageName={nameOf(newLanguage)} onCreated={setSelected} />
            ) : null}
          </div>
        ) : translation ? (
          <TranslationForm key={translation.language} guideId={guideId} format={format} language={translation.language} languageName={nameOf(translation.language)} translation={translation} />
        ) : null}
      </div>
    </section>
  );
}
