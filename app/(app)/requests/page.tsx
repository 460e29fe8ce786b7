import type { Metadata } from "next";
import { getTranslations } from "next-intl/server";
import { getDb } from "@/db";
import { Hydrate } from "@/components/query/hydrate";
import { queryKeys } from "@/components/query/query-keys";
import { RequestsView } from "@/components/requests/requests-view";
import { roleAllows } from "@/lib/auth/permissions";
import { requirePrincipal } from "@/lib/auth/session";
import { listTaskRequests } from "@/lib/requests/service";
import { colleaguesToAsk } from "@/lib/views/colleagues";

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getTranslations("requests"))("title") };
}

export default async function RequestsPage() {
  const principal = await requirePrincipal("requests:create", "/requests");
  const db = await getDb();
  const mine = await listTaskRequests(db, principal, { mine: true, limit: 100 });
  const assigned = await listTaskRequests(db, principal, { assigned_to_me: true, limit: 100 });
  const colleagues = await colleaguesToAsk(db, principal);
  const t = await getTranslations("requests");
  return (
    <div className="flex flex-col gap-5">
      <div>
        <h1 className="text-2xl font-bold tracking-tight sm:text-3xl">{t("title")}</h1>
        <p className="mt-1 text-slate-600 dark:text-slate-400">{t("subtitle")}</p>
      </div>
      <Hydrate
        entries={[
          [queryKeys.requests.list("mine"), mine],
          [queryKeys.requests.list("assigned"), assigned],
        ]}
      >
        <RequestsView colleagues={colleagues} needsApproval={!roleAllows(principal.role, "requests:decide")} />
      </Hydrate>
    </div>
  );
}
