import type { Metadata } from "next";
import { EntityTree } from "@/components/admin/entity-tree";
import { getDb } from "@/db";
import { requirePrincipal } from "@/lib/auth/session";
import { entityTree } from "@/lib/entities/entities";

export const metadata: Metadata = { title: "Organisation" };
export const dynamic = "force-dynamic";

export default async function EntitiesPage() {
  const principal = await requirePrincipal("entities:write", "/admin/entities");
  const tree = await entityTree(await getDb(), principal);
  return (
    <div className="flex flex-col gap-6">
      <div>
        <h1 className="text-2xl font-bold tracking-tight">Organisation</h1>
        <p className="text-sm text-slate-600 dark:text-slate-400">
          Your entity and everything below it. A unit can be deactivated once it has no active people or units.
        </p>
      </div>
      <EntityTree entities={tree} ownEntityId={principal.entityId} />
    </div>
  );
}
