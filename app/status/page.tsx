import type { Metadata } from "next";
import Link from "next/link";
import { getTranslations } from "next-intl/server";
import { readiness } from "@/lib/platform/health";

export const dynamic = "force-dynamic";

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getTranslations("systemStatus"))("title") };
}

// In the reader's language like every page: the profile's, else the visitor's (i18n/viewer.ts).
export default async function StatusPage() {
  const result = await readiness();
  const t = await getTranslations("systemStatus");
  return (
    <main className="mx-auto flex max-w-xl flex-col gap-6 px-6 py-16">
      <Link href="/" className="text-sm text-slate-600 hover:underline dark:text-slate-300">
        ← Groundwork
      </Link>
      <h1 className="text-3xl font-bold tracking-tight">{t("title")}</h1>
      <div
        role="status"
        className={`rounded-xl border p-5 ${
          result.ready
            ? "border-emerald-300 bg-emerald-50 text-emerald-900 dark:border-emerald-800 dark:bg-emerald-950 dark:text-emerald-100"
            : "border-red-300 bg-red-50 text-red-900 dark:border-red-800 dark:bg-red-950 dark:text-red-100"
        }`}
      >
        <p className="font-semibold">{result.ready ? t("operational") : t("degraded")}</p>
        <dl className="mt-3 grid grid-cols-2 gap-y-1 text-sm">
          <dt>{t("database")}</dt>
          <dd>{result.database.kind === "postgres" ? t("postgres") : t("embedded")}</dd>
          {result.ready ? (
            <>
              <dt>{t("responseTime")}</dt>
              <dd>{t("latency", { ms: result.database.latencyMs })}</dd>
              <dt>{t("migrations")}</dt>
              <dd>{result.database.migrations}</dd>
            </>
          ) : null}
        </dl>
      </div>
    </main>
  );
}
