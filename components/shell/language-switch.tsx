"use client";
// The interface language is the person's own profile language: switching it saves the profile
// (PATCH /api/me) and re-renders the page in the new language.
import { useRouter } from "next/navigation";
import { useTranslations } from "next-intl";
import { useState } from "react";
import { apiFetch } from "@/components/query/api";
import { type AppLocale, LOCALES } from "@/i18n/config";

const NAMES: Record<AppLocale, string> = { en: "English", de: "Deutsch" };

export function LanguageSwitch({ locale }: { locale: AppLocale }) {
  const t = useTranslations("nav");
  const router = useRouter();
  const [pending, setPending] = useState(false);
  const [failed, setFailed] = useState(false);
  return (
      <select
        aria-label={t("language")}
        value={locale}
        disabled={pending}
        aria-invalid={failed || undefined}
        onChange={(event) => {
          setPending(true);
          setFailed(false);
          apiFetch("/api/me", { method: "PATCH", body: { language: event.target.value } })
            .then(() => router.refresh())
            .catch(() => setFailed(true))
            .finally(() => setPending(false));
        }}
        className="rounded-md border border-slate-200 bg-white px-1.5 py-1 text-sm dark:border-slate-700 dark:bg-slate-900"
      >
        {LOCALES.map((code) => (
          <option key={code} value={code} lang={code}>
            {NAMES[code]}
          </option>
        ))}
      </select>
  );
}
