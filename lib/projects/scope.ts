// Which projects (and so milestones) a principal sees, as a WHERE condition: the onboardee sees
// their own; admins their entity subtree's; managers their subtree's and their direct reports'.
import "server-only";
import { type SQL, sql } from "drizzle-orm";
import { projects, users } from "../../db/schema";
import type { Principal } from "../auth/principal";
import { inEntitySubtree } from "../auth/scope";

export function visibleProjects(principal: Principal): SQL {
  const own = sql`${projects.onboardeeId} = ${principal.userId}`;
  switch (principal.role) {
    case "admin":
      return sql`(${own} or ${inEntitySubtree(principal, projects.entityId)})`;
    case "manager":
      return sql`(${own} or ${inEntitySubtree(principal, projects.entityId)} or ${projects.onboardeeId} in (select ${users.id} from ${users} where ${users.managerId} = ${principal.userId}))`;
    case "employee":
      return own;
  }
}
