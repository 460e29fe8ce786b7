"use client";
// The header itself: links with the current page marked, collapsed behind a menu button on phones.
import Link from "next/link";
import { usePathname } from "next/navigation";
import { useTranslations } from "next-intl";
import { useState } from "react";
import { LiveIndicator } from "@/components/live/live-indicator";
import { ThemeToggle } from "@/components/theme/theme-toggle";
import type { Theme } from "@/components/theme/theme";
import { MenuIcon } from "@/components/ui/icons";
import type { AppLocale } from "@/i18n/config";
import { LanguageSwitch } from "./language-switch";
import { activeNavHref } from "./nav-items";
import { SignOutButton } from "./sign-out-button";

type Item = { href: string; label: string; group: "work" | "team" | "admin" | "personal"; sections?: string[] };

export function ShellHeader({ items, name, roleLabel, locale, theme }: { items: Item[]; name: string; roleLabel: string; locale: AppLocale; theme: Theme }) {
  const t = useTranslations("nav");
  const pathname = usePathname();
  const [open, setOpen] = useState(false);
  const active = activeNavHref(pathname, items);
  // The item's own page is the current page; a page beneath it (or in one of its sections) is in it.
  const current = (href: string) => (href !== active ? undefined : pathname === href ? ("page" as const) : ("true" as const));
  const linkClass = (href: string) =>
    `rounded-md px-2.5 py-1.5 ${
      href === active
        ? "bg-emerald-50 font-semibold text-emerald-800 dark:bg-emerald-950 dark:text-emerald-200"
        : "text-slate-600 hover:bg-slate-100 hover:text-slate-900 dark:text-slate-300 dark:hover:bg-slate-800 dark:hover:text-white"
    }`;
  return (
    <header className="sticky top-0 z-30 border-b border-slate-200 bg-white/95 backdrop-blur dark:border-slate-800 dark:bg-slate-900/95">
      <a href="#main" className="sr-only focus:not-sr-only focus:absolute focus:left-2 focus:top-2 focus:rounded focus:bg-white focus:px-3 focus:py-2 dark:focus:bg-slate-900">
        {t("skip")}
      </a>
      <div className="mx-auto flex max-w-6xl flex-wrap items-center gap-x-4 gap-y-2 px-4 py-2.5">
        <Link href="/home" className="flex items-center gap-2 font-semibold tracking-tight">
          <span aria-hidden className="grid h-7 w-7 place-items-center rounded-lg bg-emerald-700 text-sm font-bold text-white">
            G
          </span>
          Groundwork
        </Link>
        <LiveIndicator />
        <button
          type="button"
          className="ml-auto rounded-md p-2 text-slate-700 hover:bg-slate-100 md:hidden dark:text-slate-200 dark:hover:bg-slate-800"
          aria-expanded={open}
          aria-controls="main-nav"
          onClick={() => setOpen((v) => !v)}
        >
          <MenuIcon className="h-5 w-5" />
          <span className="sr-only">{t("menu")}</span>
        </button>
        <div id="main-nav" className={`${open ? "flex" : "hidden"} w-full flex-col gap-3 md:flex md:w-auto md:flex-1 md:flex-row md:items-center`}>
          <nav aria-label={t("main")} className="flex flex-col gap-1 text-sm md:flex-1 md:flex-row md:flex-wrap">
            {items.filter((item) => item.group !== "personal").map((item, i, shown) => (
              <Link
                key={item.href}
                href={item.href}
                aria-current={current(item.href)}
                // A tap on a link navigates; the menu should not stay open over the new page.
                onClick={() => setOpen(false)}
                className={`${linkClass(item.href)} ${i > 0 && shown[i - 1]?.group !== item.group ? "md:ml-3" : ""}`}
              >
                {item.label}
              </Link>
            ))}
          </nav>
          <div className="flex flex-wrap items-center gap-2 border-t border-slate-200 pt-3 text-sm md:border-0 md:pt-0 dark:border-slate-800">
            <span className="text-slate-700 md:hidden 2xl:inline dark:text-slate-200">
              {name}{" "}
              <span className="rounded bg-slate-100 px-1.5 py-0.5 text-xs text-slate-700 dark:bg-slate-800 dark:text-slate-200">{roleLabel}</span>
            </span>
            {items
              .filter((item) => item.group === "personal")
              .map((item) => (
                <Link key={item.href} href={item.href} aria-current={current(item.href)} onClick={() => setOpen(false)} className={linkClass(item.href)}>
                  {item.label}
                </Link>
              ))}
            <LanguageSwitch locale={locale} />
            <ThemeToggle initial={theme} />
            <SignOutButton />
          </div>
        </div>
      </div>
    </header>
  );
}
