// Where a guide can be attached (guideables is polymorphic, so the database cannot check it):
// whether a target row exists and whether the principal may read or change it.
//   templates      — readable across the organisation (and shared ones, entity null);
//                    changeable by admins of the template's entity subtree
//   checklist_item — scoped by its task's entity like the task: admins their subtree, managers
//                    their subtree and their reports' items, employees the items of their tasks
import "server-only";
import { type AnyColumn, type SQL, inArray, sql } from "drizzle-orm";
import { type DbOrTx, queryRows } from "../../db/client";
import {
  checklistItems,
  checklists,
  milestoneTemplates,
  projectTemplates,
  stepTemplates,
  taskAssignee,
  tasks,
  taskTemplates,
  users,
  type GuideableType,
} from "../../db/schema";
import { forbidden, notFound } from "../api/errors";
import type { Principal } from "../auth/principal";
import { inEntitySubtree } from "../auth/scope";
import { organisationPath } from "./access";

const TEMPLATE_TABLES = {
  project_template: projectTemplates,
  milestone_template: milestoneTemplates,
  task_template: taskTemplates,
  step_template: stepTemplates,
} as const;

export type TargetAccess = { id: number; entityId: number | null; readable: boolean; writable: boolean };

/** Access to each existing target among ids; ids with no row are simply absent. */
export async function targetAccess(db: DbOrTx, principal: Principal, type: GuideableType, ids: readonly number[]): Promise<TargetAccess[]> {
  if (!ids.length) return [];
  if (type === "checklist_item") return checklistItemAccess(db, principal, ids);
  const table = TEMPLATE_TABLES[type];
  const organisation = { entityPath: organisationPath(principal) };
  return queryRows<TargetAccess>(
    db,
    sql`select ${table.id} as "id", ${table.entityId} as "entityId",
      (${table.entityId} is null or ${inEntitySubtree(organisation, table.entityId)}) as "readable",
      coalesce(${inEntitySubtree(principal, table.entityId)}, false) as "writable"
      from ${table} where ${inArray(table.id, [...ids])}`,
  );
}

function checklistItemAccess(db: DbOrTx, principal: Principal, ids: readonly number[]): Promise<TargetAccess[]> {
  const inSubtree = sql`coalesce(${inEntitySubtree(principal, tasks.entityId)}, false)`;
  const me = principal.userId;
  // The people working on an item: its own assignee and the assignees of its task.
  const worksOnIt = (person: SQL | AnyColumn) =>
    sql`(${checklistItems.assigneeId} = ${person} or exists (select 1 from ${taskAssignee} where ${taskAssignee.taskId} = ${tasks.id} and ${taskAssignee.assigneeId} = ${person}))`;
  const readable =
    principal.role === "admin"
      ? inSubtree
      : principal.role === "manager"
        ? sql`(${inSubtree} or ${worksOnIt(sql`${me}`)} or exists (select 1 from ${users} where ${users.managerId} = ${me} and ${worksOnIt(users.id)}))`
        : worksOnIt(sql`${me}`);
  return queryRows<TargetAccess>(
    db,
    sql`select ${checklistItems.id} as "id", ${tasks.entityId} as "entityId", ${readable} as "readable", ${inSubtree} as "writable"
      from ${checklistItems}
      join ${checklists} on ${checklists.id} = ${checklistItems.checklistId}
      left join ${tasks} on ${tasks.id} = ${checklists.taskId}
      where ${inArray(checklistItems.id, [...ids])}`,
  );
}

const LABELS: Record<GuideableType, string> = {
  project_template: "project template",
  milestone_template: "milestone template",
  task_template: "task template",
  step_template: "step template",
  checklist_item: "checklist item",
};

/**
 * The target, if the principal may read it (else 404, whether it is missing or out of scope, so
 * ids of other organisations reveal nothing) and, for "write", change it (else 403: it is visible).
 */
export async function assertTarget(db: DbOrTx, principal: Principal, type: GuideableType, id: number, need: "read" | "write"): Promise<TargetAccess> {
  const [target] = await targetAccess(db, principal, type, [id]);
  if (!target?.readable) throw notFound(LABELS[type]);
  if (need === "write" && !target.writable) {
    throw forbidden(
      target.entityId === null
        ? `This ${LABELS[type]} is shared by every organisation; its guides are not changed over the API.`
        : `This ${LABELS[type]} is maintained by another part of the organisation.`,
    );
  }
  return target;
}
