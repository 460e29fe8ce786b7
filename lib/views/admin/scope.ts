// Which entities' templates and guides an admin may change: their own entity's subtree (the one
// rule of lib/auth/scope.ts). The pages use it to offer edits only where the services accept them.
import "server-only";
import type { DbOrTx } from "../../../db/client";
import { entities } from "../../../db/schema";
import type { Principal } from "../../auth/principal";
import { inEntitySubtree } from "../../auth/scope";

export async function subtreeEntityIdList(db: DbOrTx, principal: Pick<Principal, "entityPath">): Promise<Set<number>> {
  const rows = await db.select({ id: entities.id }).from(entities).where(inEntitySubtree(principal, entities.id));
  return new Set(rows.map((r) => r.id));
}
