import type { Metadata } from "next";
import Link from "next/link";
import { getTranslations } from "next-intl/server";
import { getDb } from "@/db";
import { NAV_ITEMS } from "@/components/shell/nav-items";
import { ProgressBar, percentOf } from "@/components/ui/progress-bar";
import { roleAllows } from "@/lib/auth/permissions";
import { requirePrincipal } from "@/lib/auth/session";
import { listProjects } from "@/lib/projects/service";

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getTranslations("home"))("title") };
}

export default async function HomePage() {
  const principal = await requirePrincipal(undefined, "/home");
  const t = await getTranslations("home");
  const nav = await getTranslations("nav");
  const own = (await listProjects(await getDb(), principal, { onboardee_id: principal.userId, limit: 5 })).items.filter((p) => p.completed_at === null);
  const destinations = NAV_ITEMS.filter((item) => roleAllows(principal.role, item.permission));
  return (
    <div className="flex flex-col gap-6">
      <div>
        <h1 className="text-2xl font-bold tracking-tight sm:text-3xl">{t("welcome", { name: principal.name })}</h1>
        <p className="mt-1 text-slate-600 dark:text-slate-400">{t("subtitle")}</p>
      </div>
      {own.map((project) => (
        <Link
          key={project.id}
          href="/onboarding"
          className="flex flex-col gap-2 rounded-2xl border border-emerald-200 bg-white p-5 shadow-sm hover:border-emerald-500 dark:border-emerald-900 dark:bg-slate-900"
        >
          <span className="text-xs font-semibold uppercase tracking-wide text-emerald-800 dark:text-emerald-300">{t("continue")}</span>
          <span className="text-lg font-semibold">{project.name}</span>
          <ProgressBar done={project.progress.done} total={project.progress.total} label={t("progressOf", { name: project.name })} tone={project.overdue ? "danger" : "brand"} />
          <span className="text-sm text-slate-600 dark:text-slate-400">
            {t("progress", { done: project.progress.done, total: project.progress.total, percent: percentOf(project.progress.done, project.progress.total) })}
          </span>
        </Link>
      ))}
      <ul className="grid gap-3 sm:grid-cols-2 lg:grid-cols-3">
        {destinations.map((item) => (
          <li key={item.href}>
            <Link href={item.href} className="flex h-full flex-col gap-1 rounded-xl border border-slate-200 bg-white p-4 hover:border-emerald-600 dark:border-slate-800 dark:bg-slate-900">
              <span className="font-medium">{nav(item.key)}</span>
              <span className="text-sm text-slate-600 dark:text-slate-400">{t(`hints.${item.key}`)}</span>
            </Link>
          </li>
        ))}
      </ul>
    </div>
  );
}
