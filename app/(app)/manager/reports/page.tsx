import type { Metadata } from "next";
import { getTranslations } from "next-intl/server";
import { ReportForm } from "@/components/manager/report-form";
import { ReportsList } from "@/components/manager/reports-list";
import { readAllReports, REPORTS_PAGE_SIZE } from "@/components/manager/reports-query";
import { Hydrate } from "@/components/query/hydrate";
import { queryKeys } from "@/components/query/query-keys";
import { getDb } from "@/db";
import { roleAllows } from "@/lib/auth/permissions";
import { requirePrincipal } from "@/lib/auth/session";
import { listReports } from "@/lib/reports/service";
import { reportScopeOptions } from "@/lib/views/manager/report-options";

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getTranslations("manager.reports"))("title") };
}

export default async function ReportsPage() {
  const principal = await requirePrincipal("reports:read", "/manager/reports");
  const db = await getDb();
  const reports = await readAllReports((cursor) => listReports(db, principal, { limit: REPORTS_PAGE_SIZE, cursor }));
  const options = roleAllows(principal.role, "reports:write") ? await reportScopeOptions(db, principal) : null;
  const t = await getTranslations("manager.reports");
  return (
    <div className="flex flex-col gap-6">
      <div>
        <h1 className="text-2xl font-bold tracking-tight sm:text-3xl">{t("title")}</h1>
        <p className="mt-1 text-slate-600 dark:text-slate-400">{t("subtitle")}</p>
      </div>
      <div className="grid items-start gap-6 lg:grid-cols-[minmax(0,1fr)_minmax(0,26rem)]">
        <Hydrate entries={[[queryKeys.reports.all, reports]]}>
          <ReportsList />
        </Hydrate>
        {options ? (
          <section aria-labelledby="new-report" className="rounded-2xl border border-slate-200 bg-white p-4 shadow-sm dark:border-slate-800 dark:bg-slate-900">
            <h2 id="new-report" className="mb-3 text-lg font-semibold">
              {t("new")}
            </h2>
            <ReportForm options={options} />
          </section>
        ) : null}
      </div>
    </div>
  );
}
