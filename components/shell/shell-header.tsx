"use client";
// The header itself, on one line on desktops: the person's own pages as links, the team's and the
// administration's pages each behind a group button, and the person's settings, language, theme
// and sign-out behind their name. On phones one menu button opens all of it, the groups as headed
// sections. The current page's item is marked, and so is the group that holds it.
import Link from "next/link";
import { usePathname } from "next/navigation";
import { useTranslations } from "next-intl";
import { useState } from "react";
import { LiveIndicator } from "@/components/live/live-indicator";
import { ThemeToggle } from "@/components/theme/theme-toggle";
import type { Theme } from "@/components/theme/theme";
import { MenuIcon } from "@/components/ui/icons";
import type { AppLocale } from "@/i18n/config";
import { HeaderMenu } from "./header-menu";
import { LanguageSwitch } from "./language-switch";
import { activeNavGroup, activeNavHref, type NavGroup, navLayout } from "./nav-items";
import { SignOutButton } from "./sign-out-button";

type Item = { href: string; label: string; group: NavGroup; sections?: string[] };

const ACCOUNT_MENU = "account-menu";
const groupMenuId = (group: string) => `nav-${group}`;

/** "Ana María Pérez" → "AP": the first letters of the first and the last name. */
function initialsOf(name: string): string {
  const words = name.trim().split(/\s+/).filter(Boolean);
  return [words[0], words.length > 1 ? words.at(-1) : undefined].map((word) => word?.charAt(0).toUpperCase() ?? "").join("");
}

export function ShellHeader({ items, name, roleLabel, locale, theme }: { items: Item[]; name: string; roleLabel: string; locale: AppLocale; theme: Theme }) {
  const t = useTranslations("nav");
  const pathname = usePathname();
  const [phoneOpen, setPhoneOpen] = useState(false);
  // At most one of the desktop menus is open at a time.
  const [openMenu, setOpenMenu] = useState<string | null>(null);
  const active = activeNavHref(pathname, items);
  const activeGroup = activeNavGroup(pathname, items);
  const { own, groups, personal } = navLayout(items);

  const menu = (id: string) => ({
    id,
    open: openMenu === id,
    onOpenChange: (next: boolean) => setOpenMenu((shown) => (next ? id : shown === id ? null : shown)),
  });
  // A tap on a link navigates; no menu should stay open over the new page.
  const closeAll = () => {
    setPhoneOpen(false);
    setOpenMenu(null);
  };
  // The item's own page is the current page; a page beneath it (or in one of its sections) is in it.
  const current = (href: string) => (href !== active ? undefined : pathname === href ? ("page" as const) : ("true" as const));
  const itemClass = (marked: boolean) =>
    `rounded-md px-2.5 py-1.5 whitespace-nowrap ${
      marked
        ? "bg-emerald-50 font-semibold text-emerald-800 dark:bg-emerald-950 dark:text-emerald-200"
        : "text-slate-600 hover:bg-slate-100 hover:text-slate-900 dark:text-slate-300 dark:hover:bg-slate-800 dark:hover:text-white"
    }`;
  const link = (item: Item, extra = "") => (
    <Link href={item.href} aria-current={current(item.href)} onClick={closeAll} className={`${itemClass(item.href === active)} ${extra}`}>
      {item.label}
    </Link>
  );
  const sectionHeading = "px-2.5 pt-3 pb-1 text-xs font-semibold tracking-wide text-slate-500 uppercase dark:text-slate-400";

  return (
    <header className="sticky top-0 z-30 border-b border-slate-200 bg-white/95 backdrop-blur dark:border-slate-800 dark:bg-slate-900/95">
      <a href="#main" className="sr-only focus:not-sr-only focus:absolute focus:top-2 focus:left-2 focus:rounded focus:bg-white focus:px-3 focus:py-2 dark:focus:bg-slate-900">
        {t("skip")}
      </a>
      <div className="mx-auto flex max-w-6xl flex-wrap items-center gap-x-4 gap-y-2 px-4 py-2.5">
        <Link href="/home" className="flex shrink-0 items-center gap-2 font-semibold tracking-tight">
          <span aria-hidden className="grid h-7 w-7 place-items-center rounded-lg bg-emerald-700 text-sm font-bold text-white">
            G
          </span>
          Groundwork
        </Link>
        <LiveIndicator />
        <button
          type="button"
          className="ml-auto rounded-md p-2 text-slate-700 hover:bg-slate-100 lg:hidden dark:text-slate-200 dark:hover:bg-slate-800"
          aria-expanded={phoneOpen}
          aria-controls="main-nav"
          onClick={() => setPhoneOpen((v) => !v)}
        >
          <MenuIcon className="h-5 w-5" />
          <span className="sr-only">{t("menu")}</span>
        </button>
        <div id="main-nav" className={`${phoneOpen ? "flex" : "hidden"} w-full flex-col gap-3 lg:flex lg:w-auto lg:flex-1 lg:flex-row lg:items-center`}>
          <nav aria-label={t("main")} className="flex flex-col text-sm lg:flex-1 lg:flex-row lg:items-center lg:gap-1">
            <ul className="flex flex-col gap-1 lg:mr-2 lg:flex-row lg:items-center">
              {own.map((item) => (
                <li key={item.href} className="flex flex-col">
                  {link(item)}
                </li>
              ))}
            </ul>
            {groups.map(({ group, items: grouped }) => {
              const id = groupMenuId(group);
              const heading = (
                <h2 id={`${id}-heading`} className={`${sectionHeading} lg:hidden`}>
                  {t(`groups.${group}`)}
                </h2>
              );
              const list = (
                <ul aria-labelledby={`${id}-heading`} className="flex flex-col gap-1 lg:gap-0.5">
                  {grouped.map((item) => (
                    <li key={item.href} className="flex flex-col">
                      {link(item)}
                    </li>
                  ))}
                </ul>
              );
              // A group of one (a manager's People) needs no menu: its link stands beside the others.
              if (grouped.length === 1) {
                return (
                  <div key={group}>
                    {heading}
                    {list}
                  </div>
                );
              }
              return (
                <HeaderMenu
                  key={group}
                  {...menu(id)}
                  current={activeGroup === group}
                  button={t(`groups.${group}`)}
                  buttonClassName={`gap-1 ${itemClass(activeGroup === group)} ${openMenu === id && activeGroup !== group ? "bg-slate-100 dark:bg-slate-800" : ""}`}
                  panelClassName="lg:left-0 lg:w-56"
                >
                  {heading}
                  {list}
                </HeaderMenu>
              );
            })}
          </nav>
          <HeaderMenu
            {...menu(ACCOUNT_MENU)}
            current={activeGroup === "personal"}
            button={
              <>
                <span aria-hidden className="grid h-7 w-7 place-items-center rounded-full bg-slate-200 text-xs font-semibold text-slate-700 dark:bg-slate-700 dark:text-slate-100">
                  {initialsOf(name)}
                </span>
                <span className="max-w-32 truncate max-xl:sr-only">{name}</span>
              </>
            }
            buttonClassName={`gap-2 rounded-full py-1 pr-2 pl-1 text-sm hover:bg-slate-100 dark:hover:bg-slate-800 ${
              activeGroup === "personal" ? "font-semibold text-emerald-800 dark:text-emerald-200" : "text-slate-700 dark:text-slate-200"
            }`}
            panelClassName="flex flex-col gap-2 border-t border-slate-200 pt-3 text-sm lg:right-0 lg:w-64 lg:gap-1 dark:border-slate-800"
          >
            <p className="px-2.5 py-1 text-slate-700 dark:text-slate-200">
              <span className="font-medium">{name}</span>{" "}
              <span className="rounded bg-slate-100 px-1.5 py-0.5 text-xs text-slate-700 dark:bg-slate-800 dark:text-slate-200">{roleLabel}</span>
            </p>
            {personal.length > 0 ? (
              <ul className="flex flex-col gap-1">
                {personal.map((item) => (
                  <li key={item.href} className="flex flex-col">
                    {link(item)}
                  </li>
                ))}
              </ul>
            ) : null}
            <div className="flex flex-wrap items-center gap-2 px-2.5 py-1">
              <LanguageSwitch locale={locale} />
              <ThemeToggle initial={theme} />
            </div>
            <div className="px-0.5">
              <SignOutButton />
            </div>
          </HeaderMenu>
        </div>
      </div>
    </header>
  );
}
