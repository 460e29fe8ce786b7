import type { Metadata } from "next";
import Link from "next/link";
import { getTranslations } from "next-intl/server";
import { getDb } from "@/db";
import { DueWork } from "@/components/onboarding/due-work";
import { ProgramCard } from "@/components/onboarding/program-card";
import { SpecializationCard } from "@/components/onboarding/specialization-card";
import { EmptyState } from "@/components/ui/empty-state";
import { getViewer } from "@/i18n/viewer";
import { requirePrincipal } from "@/lib/auth/session";
import { myOnboarding } from "@/lib/views/onboarding";

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getTranslations("onboarding"))("title") };
}

export default async function OnboardingPage() {
  const principal = await requirePrincipal("me:read", "/onboarding");
  const { timeZone } = await getViewer();
  const overview = await myOnboarding(await getDb(), principal, { timeZone });
  const t = await getTranslations("onboarding");
  return (
    <div className="flex flex-col gap-6">
      <div>
        <h1 className="text-2xl font-bold tracking-tight sm:text-3xl">{t("title")}</h1>
        <p className="mt-1 text-slate-600 dark:text-slate-400">{t("subtitle")}</p>
      </div>
      {overview.programs.length === 0 ? (
        <EmptyState
          title={t("emptyTitle")}
          body={t("emptyBody")}
          action={
            <Link href="/board" className="rounded-lg bg-emerald-700 px-3 py-2 text-sm font-semibold text-white hover:bg-emerald-800">
              {t("openBoard")}
            </Link>
          }
        />
      ) : (
        <div className="grid items-start gap-6 lg:grid-cols-[minmax(0,1fr)_20rem]">
          <div className="flex flex-col gap-6">
            {overview.programs.map((program) => (
              <ProgramCard key={program.id} program={program} />
            ))}
          </div>
          <div className="order-first flex flex-col gap-6 lg:order-none">
            <DueWork due={overview.due} />
            <SpecializationCard standing={overview.specialization} />
          </div>
        </div>
      )}
      {overview.programs.length === 0 && (overview.due.overdue.length > 0 || overview.due.dueToday.length > 0) ? <DueWork due={overview.due} /> : null}
    </div>
  );
}
