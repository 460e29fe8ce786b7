// Which task requests (and which tasks and projects a request may point at) a principal sees, as
// WHERE conditions: rows outside them are simply absent and answered 404. DESIGN.md "Access":
// employees see their own requests and those that name them; managers and admins also see their
// entity subtree's, managers their direct reports' too. Only managers and admins decide.
import "server-only";
import { type SQL, sql } from "drizzle-orm";
import { projects, taskAssignee, taskRequest, taskRequestAssignee, tasks, users } from "../../db/schema";
import type { Principal } from "../auth/principal";
import { inEntitySubtree } from "../auth/scope";

/** The principal's organisation: the root of their entity path ("/1/4/" → "/1/"). */
export function organisationPath(principal: Pick<Principal, "entityPath">): string {
  return `/${principal.entityPath.split("/")[1] ?? ""}/`;
}

/** Ids of the principal's direct reports, as a subquery. */
function directReports(principal: Principal): SQL {
  return sql`(select ${users.id} from ${users} where ${users.managerId} = ${principal.userId})`;
}

/** The request names the principal as an assignee. */
export function requestAssignedTo(principal: Principal): SQL {
  return sql`exists (select 1 from ${taskRequestAssignee} where ${taskRequestAssignee.taskRequestId} = ${taskRequest.id} and ${taskRequestAssignee.assigneeId} = ${principal.userId})`;
}

/** Requests the principal may approve or reject (their own included; the service refuses those). */
export function decidableRequests(principal: Principal): SQL {
  switch (principal.role) {
    case "admin":
      return inEntitySubtree(principal, taskRequest.entityId);
    case "manager":
      return sql`(${inEntitySubtree(principal, taskRequest.entityId)} or ${taskRequest.createdBy} in ${directReports(principal)})`;
    case "employee":
      return sql`false`;
  }
}

export function visibleRequests(principal: Principal): SQL {
  const personal = sql`(${taskRequest.createdBy} = ${principal.userId} or ${requestAssignedTo(principal)})`;
  if (principal.role === "employee") return personal;
  return sql`(${personal} or ${decidableRequests(principal)})`;
}

/** Projects the principal may file a request under: their own onboarding, or one they work in. */
export function visibleProjects(principal: Principal): SQL {
  const personal = sql`(${projects.onboardeeId} = ${principal.userId} or exists (select 1 from ${tasks} inner join ${taskAssignee} on ${taskAssignee.taskId} = ${tasks.id} where ${tasks.projectId} = ${projects.id} and ${taskAssignee.assigneeId} = ${principal.userId}))`;
  switch (principal.role) {
    case "admin":
      return sql`(${inEntitySubtree(principal, projects.entityId)} or ${personal})`;
    case "manager":
      return sql`(${inEntitySubtree(principal, projects.entityId)} or ${personal} or ${projects.onboardeeId} in ${directReports(principal)})`;
    case "employee":
      return personal;
  }
}
