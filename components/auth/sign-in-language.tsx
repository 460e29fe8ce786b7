"use client";
// The language of the pages before sign-in (the sign-in page, the home page), for someone who is not
// signed in yet: kept in a cookie (there is no profile to save it to) and the page rendered again in
// it. After sign-in the profile's wins.
import { useRouter } from "next/navigation";
import { useTranslations } from "next-intl";
import { useState } from "react";
import { type AppLocale, LOCALE_COOKIE, LOCALES } from "@/i18n/config";

const NAMES: Record<AppLocale, string> = { en: "English", de: "Deutsch" };
const YEAR_SECONDS = 365 * 24 * 60 * 60;

export function SignInLanguage({ locale }: { locale: AppLocale }) {
  const t = useTranslations("signIn");
  const router = useRouter();
  // Shown at once; the page follows when the server has rendered it in the new language.
  const [chosen, setChosen] = useState(locale);
  return (
    <label className="flex items-center justify-center gap-2 text-sm text-slate-600 dark:text-slate-300">
      {t("language")}
      <select
        value={chosen}
        onChange={(event) => {
          setChosen(event.target.value as AppLocale);
          document.cookie = `${LOCALE_COOKIE}=${event.target.value}; path=/; max-age=${YEAR_SECONDS}; samesite=lax`;
          router.refresh();
        }}
        className="rounded-md border border-slate-300 bg-white px-1.5 py-1 text-sm text-slate-900 dark:border-slate-700 dark:bg-slate-900 dark:text-slate-100"
      >
        {LOCALES.map((code) => (
          <option key={code} value={code} lang={code}>
            {NAMES[code]}
          </option>
        ))}
      </select>
    </label>
  );
}
