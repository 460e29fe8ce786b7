import type { Metadata } from "next";
import { notFound } from "next/navigation";
import { getFormatter, getTranslations } from "next-intl/server";
import { Breadcrumb } from "@/components/ui/breadcrumb";
import { ReportView } from "@/components/manager/report-view";
import { formatDay, formatInstant } from "@/components/ui/format";
import { getDb } from "@/db";
import { requirePrincipal } from "@/lib/auth/session";
import { getReport } from "@/lib/reports/service";
import { orNotFound } from "../../or-not-found";

type Params = { params: Promise<{ id: string }> };

async function load(id: string) {
  if (!/^\d{1,10}$/.test(id)) notFound();
  const principal = await requirePrincipal("reports:read", `/manager/reports/${id}`);
  return orNotFound(getReport(await getDb(), principal, { id: Number(id) }));
}

export async function generateMetadata({ params }: Params): Promise<Metadata> {
  const report = await load((await params).id);
  const t = await getTranslations("manager.reports");
  return { title: t("reportName", { scope: t(`scope.${report.scope_type}`), name: report.scope_name }) };
}

export default async function ReportPage({ params }: Params) {
  const report = await load((await params).id);
  const t = await getTranslations("manager.reports");
  const format = await getFormatter();
  const { result } = report;
  return (
    <div className="flex flex-col gap-6">
      <div className="flex flex-col gap-2">
        <Breadcrumb label={t("breadcrumb")} trail={[{ href: "/manager/reports", label: t("backToReports") }]} />
        <div className="flex flex-wrap items-start justify-between gap-3">
          <h1 className="text-2xl font-bold tracking-tight sm:text-3xl">{t("reportName", { scope: t(`scope.${report.scope_type}`), name: report.scope_name })}</h1>
          <a href={report.links.csv} download className="rounded-lg bg-emerald-700 px-3 py-2 text-sm font-semibold text-white hover:bg-emerald-800" data-testid="report-csv">
            {t("downloadCsv")}
          </a>
        </div>
        <p className="text-sm text-slate-600 dark:text-slate-400">
          {result.period ? t("periodRange", { from: formatDay(format, result.period.from), to: formatDay(format, result.period.to) }) : t("allTime")}
          {" · "}
          {t("people", { count: result.scope.user_count })}
          {" · "}
          {t("generatedAt", { date: formatInstant(format, result.generated_at) })}
        </p>
      </div>
      <ReportView report={report} />
    </div>
  );
}
