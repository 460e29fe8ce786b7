// The state one progress transaction carries through the cascade: who acts, one clock, and what
// moved at each level, which the API answers so a client can refresh exactly those rows.
import "server-only";
import type { Tx } from "../../db/client";
import type { Principal } from "../auth/principal";
import { emitEvent } from "../realtime/outbox";

export type CascadeResult = {
  tasks_started: number[];
  steps_completed: number[];
  checklists_completed: number[];
  tasks_completed: number[];
  milestones_started: number[];
  milestones_completed: number[];
  projects_started: number[];
  projects_completed: number[];
};

export type ProgressContext = {
  tx: Tx;
  principal: Principal;
  /** One instant for every stamp of the transaction, so a cascade's levels agree to the millisecond. */
  now: Date;
  cascade: CascadeResult;
};

export function newProgressContext(tx: Tx, principal: Principal): ProgressContext {
  return {
    tx,
    principal,
    now: new Date(),
    cascade: {
      tasks_started: [],
      steps_completed: [],
      checklists_completed: [],
      tasks_completed: [],
      milestones_started: [],
      milestones_completed: [],
      projects_started: [],
      projects_completed: [],
    },
  };
}

/** Where an event about a task's work is delivered: the task's entity, its owner, its project. */
export type EventTopic = { entityId: number | null; userId: number | null; projectId: number | null };

export function emitProgressEvent(ctx: ProgressContext, type: string, rowId: number, topic: EventTopic, payload: Record<string, unknown>) {
  return emitEvent(ctx.tx, {
    type,
    entityId: topic.entityId,
    userId: topic.userId,
    projectId: topic.projectId,
    actorId: ctx.principal.userId,
    payload: { id: rowId, ...payload },
  });
}
