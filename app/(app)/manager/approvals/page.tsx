import type { Metadata } from "next";
import { getTranslations } from "next-intl/server";
import { ApprovalsView } from "@/components/manager/approvals-view";
import { APPROVALS_LIMIT, approvalsKey } from "@/components/manager/approvals-query";
import { Hydrate } from "@/components/query/hydrate";
import { getDb } from "@/db";
import { requirePrincipal } from "@/lib/auth/session";
import { listTaskRequests } from "@/lib/requests/service";

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getTranslations("manager.approvals"))("title") };
}

export default async function ApprovalsPage() {
  const principal = await requirePrincipal("requests:decide", "/manager/approvals");
  const waiting = await listTaskRequests(await getDb(), principal, { decidable: true, status: "pending_approval", limit: APPROVALS_LIMIT });
  const t = await getTranslations("manager.approvals");
  return (
    <div className="flex flex-col gap-5">
      <div>
        <h1 className="text-2xl font-bold tracking-tight sm:text-3xl">{t("title")}</h1>
        <p className="mt-1 text-slate-600 dark:text-slate-400">{t("subtitle")}</p>
      </div>
      <Hydrate entries={[[approvalsKey, waiting]]}>
        <ApprovalsView entityId={principal.entityId} />
      </Hydrate>
    </div>
  );
}
