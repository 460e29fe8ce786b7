// Which tasks and templates a principal sees, as WHERE conditions: rows outside them are simply
// absent and answered 404 (DESIGN.md "Access"). Employees see the tasks they are assigned to in any
// role; managers also their entity subtree's and their direct reports'; admins their subtree's.
import "server-only";
import { type Placeholder, type SQL, sql } from "drizzle-orm";
import { taskAssignee, tasks, users } from "../../db/schema";
import type { Principal } from "../auth/principal";
import { inEntitySubtree } from "../auth/scope";

/**
 * The user holds an assignment (owner, helper or reviewer) on the task: an employee's whole scope.
 * `userId` may be a placeholder, for a prepared statement (db/prepared.ts).
 */
export function assignedTo(userId: number | Placeholder): SQL {
  return sql`exists (select 1 from ${taskAssignee} where ${taskAssignee.taskId} = ${tasks.id} and ${taskAssignee.assigneeId} = ${userId})`;
}

/** Tasks the principal may see. */
export function visibleTasks(principal: Principal): SQL {
  switch (principal.role) {
    case "admin":
      return sql`(${inEntitySubtree(principal, tasks.entityId)} or ${assignedTo(principal.userId)})`;
    case "manager":
      return sql`(${inEntitySubtree(principal, tasks.entityId)} or ${assignedTo(principal.userId)} or exists (select 1 from ${taskAssignee}
        inner join ${users} on ${users.id} = ${taskAssignee.assigneeId}
        where ${taskAssignee.taskId} = ${tasks.id} and ${users.managerId} = ${principal.userId}))`;
    case "employee":
      return assignedTo(principal.userId);
  }
}

/** Tasks the principal may edit or delete: only what they oversee as a manager or admin, never merely as an assignee. */
export function overseenTasks(principal: Principal): SQL {
  switch (principal.role) {
    case "admin":
      return inEntitySubtree(principal, tasks.entityId);
    case "manager":
      return sql`(${inEntitySubtree(principal, tasks.entityId)} or exists (select 1 from ${taskAssignee}
        inner join ${users} on ${users.id} = ${taskAssignee.assigneeId}
        where ${taskAssignee.taskId} = ${tasks.id} and ${users.managerId} = ${principal.userId}))`;
    case "employee":
      return sql`false`;
  }
}
