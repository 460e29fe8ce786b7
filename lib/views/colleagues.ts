// The people a person may ask for help: the active members of their organisation, by name. It is
// the same circle a task request may name (lib/requests/references.ts assertAssignable), shown with
// nothing but id, name and department.
import "server-only";
import { and, asc, eq, ne } from "drizzle-orm";
import type { DbOrTx } from "../../db/client";
import { entities, users } from "../../db/schema";
import { authorize } from "../api/handler";
import type { Principal } from "../auth/principal";
import { inEntitySubtree } from "../auth/scope";
import { organisationPath } from "../requests/scope";

export type Colleague = { id: number; name: string; department: string; is_manager: boolean };

/** More would not fit a picker; a large organisation searches instead (left for later). */
const COLLEAGUE_LIMIT = 500;

export async function colleaguesToAsk(db: DbOrTx, principal: Principal): Promise<Colleague[]> {
  authorize(principal, "requests:create");
  const [me] = await db.select({ managerId: users.managerId }).from(users).where(eq(users.id, principal.userId)).limit(1);
  const rows = await db
    .select({ id: users.id, name: users.name, department: entities.name })
    .from(users)
    .innerJoin(entities, eq(entities.id, users.entityId))
    .where(
      and(
        eq(users.isActive, true),
        ne(users.id, principal.userId),
        inEntitySubtree({ entityPath: organisationPath(principal) }, users.entityId),
      ),
    )
    .orderBy(asc(users.name), asc(users.id))
    .limit(COLLEAGUE_LIMIT);
  const managerId = me?.managerId ?? null;
  // Their own manager first: the person most people ask.
  return rows
    .map((r) => ({ ...r, is_manager: r.id === managerId }))
    .sort((a, b) => Number(b.is_manager) - Number(a.is_manager));
}
