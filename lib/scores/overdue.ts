// Overdue work depends on the clock, not on a change, so it is counted when read instead of being
// kept in user_scores: owned tasks in a non-final state whose due date has passed. A person's or a
// manager's team count goes through task_assignee by assignee; an entity's through the open-task
// index on tasks (tasks_open_due_idx: entity, due date, status, where completed_at is null), so none
// reads more than the open work it counts.
import "server-only";
import { type DbOrTx, queryRows } from "../../db/client";
import { overdueByChildSql, overdueInSubtreeSql, overdueOfUsersSql } from "./queries";

/** Overdue owned tasks per user, for a handful of users (a person, a manager's reports). */
export async function overdueOfUsers(db: DbOrTx, userIds: readonly number[], now: Date = new Date()): Promise<Map<number, number>> {
  if (userIds.length === 0) return new Map();
  const rows = await queryRows<{ user_id: number; n: number }>(db, overdueOfUsersSql(userIds, now));
  return new Map(rows.map((r) => [r.user_id, r.n]));
}

/**
 * Overdue owned tasks per owner over the work of an entity subtree (tasks.entity_id under `path`):
 * the entity views count the subtree's open work, whoever of its members owns it.
 */
export async function overdueInSubtree(db: DbOrTx, entityPath: string, now: Date = new Date()): Promise<Map<number, number>> {
  const rows = await queryRows<{ user_id: number; n: number }>(db, overdueInSubtreeSql(entityPath, now));
  return new Map(rows.map((r) => [r.user_id, r.n]));
}

/**
 * Overdue open work under an entity per direct child entity (null: the entity's own), by the entity
 * the work belongs to, for the entity view's totals; the per-person counts above are for tables of people.
 */
export async function overdueByChild(db: DbOrTx, entityPath: string, now: Date = new Date()): Promise<Map<number | null, number>> {
  const rows = await queryRows<{ child_id: number | null; n: number }>(db, overdueByChildSql(entityPath, now));
  return new Map(rows.map((r) => [r.child_id, r.n]));
}
