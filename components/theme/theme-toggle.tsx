"use client";
// Light, dark or the system's scheme: applied at once to the page and remembered in a cookie.
import { useTranslations } from "next-intl";
import { useState } from "react";
import { MonitorIcon, MoonIcon, SunIcon } from "@/components/ui/icons";
import { THEME_COOKIE, type Theme, THEMES } from "./theme";

const ICONS = { system: MonitorIcon, light: SunIcon, dark: MoonIcon } as const;

function apply(theme: Theme) {
  const root = document.documentElement;
  root.dataset.theme = theme;
  const dark = theme === "dark" || (theme === "system" && window.matchMedia("(prefers-color-scheme: dark)").matches);
  root.classList.toggle("dark", dark);
  root.style.colorScheme = theme === "system" ? "" : theme;
  document.cookie = `${THEME_COOKIE}=${theme}; path=/; max-age=31536000; samesite=lax`;
}

export function ThemeToggle({ initial }: { initial: Theme }) {
  const t = useTranslations("theme");
  const [theme, setTheme] = useState<Theme>(initial);
  return (
    <div role="group" aria-label={t("label")} className="inline-flex rounded-lg border border-slate-200 p-0.5 dark:border-slate-700">
      {THEMES.map((option) => {
        const Icon = ICONS[option];
        return (
          <button
            key={option}
            type="button"
            aria-pressed={theme === option}
            title={t(option)}
            onClick={() => {
              setTheme(option);
              apply(option);
            }}
            className="rounded-md p-1.5 text-slate-600 hover:text-slate-900 aria-pressed:bg-slate-100 aria-pressed:text-slate-900 dark:text-slate-300 dark:hover:text-white dark:aria-pressed:bg-slate-800 dark:aria-pressed:text-white"
          >
            <Icon className="h-4 w-4" />
            <span className="sr-only">{t(option)}</span>
          </button>
        );
      })}
    </div>
  );
}
