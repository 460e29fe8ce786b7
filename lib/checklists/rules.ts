// The checklist rules, each in one place: sequential order (an item waits for every earlier one),
// and the validation gate (an item that requires validation completes only once the assignee
// acknowledged its linked guide(s) or a manager validated it).
import "server-only";
import { and, eq, sql } from "drizzle-orm";
import { type DbOrTx, queryRows } from "../../db/client";
import { type ChecklistItem, checklists, tasks } from "../../db/schema";
import { forbidden, notFound } from "../api/errors";
import type { Principal } from "../auth/principal";
import { lockTaskInScope, type TaskInScope } from "../progress/task-access";
import { visibleTasks } from "../tasks/scope";

/** Statuses that move an item forward: in a sequential checklist they wait for the earlier items. */
export const FORWARD_ITEM_CODES: ReadonlySet<string> = new Set(["in_progress", "pending_validation", "done"]);

/**
 * The checklist and its task, both locked, if the principal may see the task (404 otherwise, with
 * the checklist's name for it: whether a checklist exists outside your scope is not yours to learn).
 */
export async function lockChecklistInScope(tx: DbOrTx, principal: Principal, checklistId: number) {
  const [visible] = await tx
    .select({ taskId: tasks.id })
    .from(checklists)
    .innerJoin(tasks, eq(tasks.id, checklists.taskId))
    .where(and(eq(checklists.id, checklistId), visibleTasks(principal)));
  if (!visible) throw notFound("checklist");
  const scope = await lockTaskInScope(tx, principal, visible.taskId);
  const [checklist] = await tx.select().from(checklists).where(eq(checklists.id, checklistId)).for("update");
  if (!checklist) throw notFound("checklist");
  return { scope, checklist };
}

/** The first earlier item not yet done (what a sequential checklist waits for), if any. */
export async function firstOpenBefore(tx: DbOrTx, item: ChecklistItem): Promise<{ id: number; title: string } | undefined> {
  const [row] = await queryRows<{ id: number; title: string }>(
    tx,
    sql`select i.id, i.title from checklist_items i left join statuses s on s.id = i.status_id
        where i.checklist_id = ${item.checklistId} and i.position < ${item.position} and coalesce(s.code, '') <> 'done'
        order by i.position limit 1`,
  );
  return row;
}

export type GuideState = { guideIds: number[]; acknowledged: boolean };

/**
 * Per item of a checklist: its linked guides (guideables of type checklist_item) and whether the
 * person who does the item (its assignee, else the task owner) acknowledged every one of them.
 * An item with no linked guide is never "acknowledged": only a manager's validation passes it.
 */
export async function guideStates(tx: DbOrTx, checklistId: number, ownerId: number | null, itemId?: number): Promise<Map<number, GuideState>> {
  const rows = await queryRows<{ id: number; guide_ids: number[] | null; acknowledged: boolean | null }>(
    tx,
    sql`select i.id,
          array_agg(g.guide_id order by g.guide_id) filter (where g.guide_id is not null) as guide_ids,
          bool_and(a.id is not null) filter (where g.guide_id is not null) as acknowledged
        from checklist_items i
        left join guideables g on g.guideable_type = 'checklist_item' and g.guideable_id = i.id
        left join guide_acknowledgements a on a.guide_id = g.guide_id and a.user_id = coalesce(i.assignee_id, ${ownerId})
        where i.checklist_id = ${checklistId} ${itemId === undefined ? sql`` : sql`and i.id = ${itemId}`}
        group by i.id`,
  );
  return new Map(rows.map((r) => [r.id, { guideIds: r.guide_ids ?? [], acknowledged: r.acknowledged === true }]));
}

/** Whether an item that requires validation may complete now. */
export async function validationSatisfied(tx: DbOrTx, item: ChecklistItem, ownerId: number | null): Promise<boolean> {
  if (!item.requiresValidation || item.validatedAt !== null) return true;
  return (await guideStates(tx, item.checklistId, ownerId, item.id)).get(item.id)?.acknowledged === true;
}

/**
 * Who progresses an item: its assignee, the task's helpers (the owner too when the item has no
 * assignee), or a manager or admin who oversees the task. Anyone else who sees the task gets 403.
 */
export function assertMayProgressItem(scope: TaskInScope, item: ChecklistItem, principal: Principal): void {
  if (scope.oversees || item.assigneeId === principal.userId || scope.ownRole === "helper") return;
  if (item.assigneeId === null && scope.ownRole === "owner") return;
  throw forbidden("Only the item's assignee, the task's helpers, or a manager in scope can progress this item.");
}
