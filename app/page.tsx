import Link from "next/link";
import { getTranslations } from "next-intl/server";
import { SignInLanguage } from "@/components/auth/sign-in-language";
import { getViewer } from "@/i18n/viewer";

const FEATURES = ["programs", "checklists", "exams", "scores"] as const;

// In the visitor's language (i18n/viewer.ts): the one picked here or on the sign-in page, else the
// browser's; someone signed in reads it in their profile's language, so the picker is for visitors.
export default async function HomePage() {
  const { principal, locale } = await getViewer();
  const t = await getTranslations("landing");
  return (
    <main className="mx-auto flex max-w-5xl flex-col gap-12 px-6 py-16">
      <header className="flex flex-wrap items-center justify-between gap-4">
        <span className="text-lg font-semibold tracking-tight">Groundwork</span>
        <nav className="flex items-center gap-4 text-sm">
          <Link className="text-slate-600 hover:text-slate-900 dark:text-slate-300 dark:hover:text-white" href="/status">
            {t("statusLink")}
          </Link>
          {principal ? null : <SignInLanguage locale={locale} />}
        </nav>
      </header>
      <section className="flex flex-col gap-4">
        <h1 className="text-4xl font-bold tracking-tight sm:text-5xl">{t("title")}</h1>
        <p className="max-w-2xl text-lg text-slate-600 dark:text-slate-300">{t("lead")}</p>
      </section>
      <section aria-label={t("featuresLabel")} className="grid gap-4 sm:grid-cols-2">
        {FEATURES.map((feature) => (
          <article key={feature} className="rounded-xl border border-slate-200 p-5 dark:border-slate-800">
            <h2 className="font-semibold">{t(`features.${feature}.title`)}</h2>
            <p className="mt-1 text-sm text-slate-600 dark:text-slate-300">{t(`features.${feature}.body`)}</p>
          </article>
        ))}
      </section>
    </main>
  );
}
