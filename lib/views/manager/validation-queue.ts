// The checklist items waiting for the reader's sign-off: items that require validation, asked to
// complete (pending_validation, read through the status index), not validated yet, on open tasks the
// reader oversees, and not assigned to the reader — the cases validateChecklistItem
// (lib/checklists/validation.ts) would accept, longest waiting first.
import "server-only";
import { sql } from "drizzle-orm";
import { type DbOrTx, queryRows } from "../../../db/client";
import { authorize } from "../../api/handler";
import type { Principal } from "../../auth/principal";
import { statusIdOf } from "../../statuses/service";
import { overseenTasks } from "../../tasks/scope";

export type AwaitingValidation = {
  item_id: number;
  checklist_id: number;
  title: string;
  /** The item's version, sent back with the validation so a changed item is answered 409. */
  version: number;
  checklist_name: string;
  task: { id: number; name: string };
  /** Who did the item: its assignee, else the task's owner. */
  person: { id: number; name: string } | null;
  /** When the item was asked to complete (its last change). */
  waiting_since: string;
};

export const VALIDATION_QUEUE_LIMIT = 100;

export async function itemsAwaitingValidation(db: DbOrTx, principal: Principal, params: { limit?: number } = {}): Promise<AwaitingValidation[]> {
  authorize(principal, "checklists:validate");
  const pending = await statusIdOf(db, "checklist_item", "pending_validation");
  const limit = Math.min(Math.max(params.limit ?? VALIDATION_QUEUE_LIMIT, 1), VALIDATION_QUEUE_LIMIT);
  const rows = await queryRows<{
    item_id: number;
    checklist_id: number;
    title: string;
    version: number;
    checklist_name: string;
    task_id: number;
    task_name: string;
    person_id: number | null;
    person_name: string | null;
    waiting_since: Date | string;
  }>(
    db,
    sql`select i.id as item_id, i.checklist_id, i.title, i.version, c.name as checklist_name,
          tasks.id as task_id, tasks.name as task_name, person.id as person_id, person.name as person_name,
          i.updated_at as waiting_since
        from checklist_items i
        join checklists c on c.id = i.checklist_id
        join tasks on tasks.id = c.task_id
        left join statuses ts on ts.id = tasks.status_id
        left join lateral (
          select u.id, u.name from users u
          where u.id = coalesce(i.assignee_id,
            (select ta.assignee_id from task_assignee ta where ta.task_id = tasks.id and ta.role = 'owner' order by ta.assignee_id limit 1))
        ) person on true
        where i.status_id = ${pending} and i.requires_validation and i.validated_at is null
          and (i.assignee_id is null or i.assignee_id <> ${principal.userId})
          and not coalesce(ts.is_final, false)
          and ${overseenTasks(principal)}
        order by i.updated_at, i.id
        limit ${limit}`,
  );
  return rows.map((r) => ({
    item_id: r.item_id,
    checklist_id: r.checklist_id,
    title: r.title,
    version: r.version,
    checklist_name: r.checklist_name,
    task: { id: r.task_id, name: r.task_name },
    person: r.person_id === null || r.person_name === null ? null : { id: r.person_id, name: r.person_name },
    waiting_since: new Date(r.waiting_since).toISOString(),
  }));
}
