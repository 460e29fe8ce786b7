import type { Metadata } from "next";
import { getTranslations } from "next-intl/server";
import { EntityTree } from "@/components/admin/entity-tree";
import { getDb } from "@/db";
import { requirePrincipal } from "@/lib/auth/session";
import { entityTree } from "@/lib/entities/entities";

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getTranslations("organisation"))("title") };
}
export const dynamic = "force-dynamic";

export default async function EntitiesPage() {
  const principal = await requirePrincipal("entities:write", "/admin/entities");
  const tree = await entityTree(await getDb(), principal);
  const t = await getTranslations("organisation");
  return (
    <div className="flex flex-col gap-6">
      <div>
        <h1 className="text-2xl font-bold tracking-tight">{t("title")}</h1>
        <p className="text-sm text-slate-600 dark:text-slate-400">{t("subtitle")}</p>
      </div>
      <EntityTree entities={tree} ownEntityId={principal.entityId} />
    </div>
  );
}
