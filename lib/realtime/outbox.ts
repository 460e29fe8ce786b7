// The real-time outbox: services record an event in the same transaction as the change it
// describes, so an event exists exactly when its change committed. Delivery reads the table by id.
import { sql } from "drizzle-orm";
import type { DbOrTx } from "../../db/client";
import { prepared } from "../../db/prepared";
import { events } from "../../db/schema";

export type OutboxEvent = {
  /** Dotted name, e.g. "task.status_changed", "checklist_item.completed", "project.completed". */
  type: string;
  /** Entity whose managers and admins may see the event. */
  entityId: number | null;
  /** The user the event is about (the onboardee or assignee), who may see it too. */
  userId?: number | null;
  projectId?: number | null;
  actorId: number | null;
  payload?: Record<string, unknown>;
};

export async function emitEvents(tx: DbOrTx, list: OutboxEvent[]): Promise<void> {
  if (list.length === 0) return;
  const [only] = list;
  if (list.length === 1 && only) {
    // Most writes record one event: a prepared statement (db/prepared.ts).
    await prepared(tx, "event_insert", (on) =>
      on.insert(events).values({
        type: sql.placeholder("type"),
        entityId: sql.placeholder("entityId"),
        userId: sql.placeholder("userId"),
        projectId: sql.placeholder("projectId"),
        actorId: sql.placeholder("actorId"),
        payload: sql.placeholder("payload"),
      }),
    ).execute({ type: only.type, entityId: only.entityId, userId: only.userId ?? null, projectId: only.projectId ?? null, actorId: only.actorId, payload: only.payload ?? {} });
    return;
  }
  await tx.insert(events).values(
    list.map((e) => ({
      type: e.type,
      entityId: e.entityId,
      userId: e.userId ?? null,
      projectId: e.projectId ?? null,
      actorId: e.actorId,
      payload: e.payload ?? {},
    })),
  );
}

export function emitEvent(tx: DbOrTx, event: OutboxEvent): Promise<void> {
  return emitEvents(tx, [event]);
}
