// Entity scope: which rows a principal may see. Every query that reads tenant rows puts one of
// these conditions in its WHERE; rows outside scope are then simply absent, and answered 404.
//   admin    — their entity's whole subtree
//   manager  — their entity's subtree, plus their direct reports wherever those sit
//   employee — their own rows (and, for tasks, the tasks they are assigned to)
import { type AnyColumn, type SQL, sql } from "drizzle-orm";
import { entities, users } from "../../db/schema";
import type { Principal } from "./principal";

/** Ids of the entities in the principal's subtree, as a subquery. */
export function subtreeEntityIds(principal: Pick<Principal, "entityPath">): SQL {
  return sql`(select ${entities.id} from ${entities} where ${entities.path} like ${`${principal.entityPath}%`})`;
}

/** Condition on a row's entity column: inside the principal's subtree (admins and managers). */
export function inEntitySubtree(principal: Pick<Principal, "entityPath">, entityColumn: AnyColumn): SQL {
  return sql`${entityColumn} in ${subtreeEntityIds(principal)}`;
}

/** Users the principal may see. */
export function visibleUsers(principal: Principal): SQL {
  switch (principal.role) {
    case "admin":
      return inEntitySubtree(principal, users.entityId);
    case "manager":
      return sql`(${inEntitySubtree(principal, users.entityId)} or ${users.managerId} = ${principal.userId} or ${users.id} = ${principal.userId})`;
    case "employee":
      return sql`${users.id} = ${principal.userId}`;
  }
}

/** Entities the principal may see: their subtree for admins and managers; their own for employees. */
export function visibleEntities(principal: Principal): SQL {
  if (principal.role === "employee") return sql`${entities.id} = ${principal.entityId}`;
  return sql`${entities.path} like ${`${principal.entityPath}%`}`;
}

/** Whether an entity path lies within the principal's subtree (for checks on values a client sends). */
export function pathWithinSubtree(principal: Pick<Principal, "entityPath">, entityPath: string): boolean {
  return entityPath.startsWith(principal.entityPath);
}

/** Ids on an entity path, root first: "/1/4/" → [1, 4]. */
function idsOnPath(entityPath: string): number[] {
  return entityPath
    .split("/")
    .filter((part) => part !== "")
    .map(Number)
    .filter((id) => Number.isSafeInteger(id) && id > 0);
}

/**
 * Templates the principal may read and use (list, open, start a program, assign a task): shared
 * ones (no entity), their own entity's and its ancestors' (a company-wide program serves every
 * department), and their subtree's. A sibling department's templates stay its own.
 */
export function visibleTemplates(principal: Pick<Principal, "entityPath">, entityColumn: AnyColumn): SQL {
  const lineage = idsOnPath(principal.entityPath);
  const onLineage = lineage.length ? sql` or ${entityColumn} in (${sql.join(lineage.map((id) => sql`${id}`), sql`, `)})` : sql``;
  return sql`(${entityColumn} is null${onLineage} or ${inEntitySubtree(principal, entityColumn)})`;
}

/** Templates the principal's writes may touch: their subtree's only (shared and ancestors' ones are read-only to them). */
export function writableTemplates(principal: Pick<Principal, "entityPath">, entityColumn: AnyColumn): SQL {
  return inEntitySubtree(principal, entityColumn);
}
