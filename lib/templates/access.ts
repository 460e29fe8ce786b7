// Who may read and change which templates, and the row lock every template write starts with.
// Scope (lib/auth/scope.ts): reads see shared templates (no entity), those of the principal's
// entity and its ancestors, and their subtree's; writes touch their subtree's only.
import "server-only";
import { and, eq, getTableName, sql } from "drizzle-orm";
import type { z } from "zod";
import { queryRows, type Tx } from "../../db/client";
import {
  entities,
  type GuideableType,
  milestoneTemplates,
  projectTemplates,
  stepTemplates,
  taskTemplates,
} from "../../db/schema";
import { ApiError, conflict, forbidden, notFound, validationError } from "../api/errors";
import { authorize } from "../api/handler";
import { assertVersion, type ExpectedVersion } from "../api/versioning";
import type { Principal } from "../auth/principal";
import { inEntitySubtree, visibleTemplates, writableTemplates } from "../auth/scope";
import { emitEvent } from "../realtime/outbox";

export const TEMPLATE_TABLES = {
  project: projectTemplates,
  milestone: milestoneTemplates,
  task: taskTemplates,
  step: stepTemplates,
} as const;

export type TemplateKind = keyof typeof TEMPLATE_TABLES;

export const TEMPLATE_LABELS: Record<TemplateKind, string> = {
  project: "project template",
  milestone: "milestone template",
  task: "task template",
  step: "step template",
};

/** The REST collection of each kind, used in messages that tell the client what to call next. */
export const TEMPLATE_PATHS: Record<TemplateKind, string> = {
  project: "/api/project-templates",
  milestone: "/api/milestone-templates",
  task: "/api/task-templates",
  step: "/api/step-templates",
};

export const GUIDEABLE_TYPES_OF: Record<TemplateKind, GuideableType> = {
  project: "project_template",
  milestone: "milestone_template",
  task: "task_template",
  step: "step_template",
};

export function requireTemplatesRead(principal: Principal): void {
  authorize(principal, "templates:read");
}

export function requireTemplatesWrite(principal: Principal): void {
  authorize(principal, "templates:write");
}

/**
 * Services parse their input again (pages and other services call them too); a refusal is the
 * same 422 with field issues that the route wrapper gives.
 */
export function parseInput<T extends z.ZodType>(schema: T, input: unknown): z.output<T> {
  const parsed = schema.safeParse(input);
  if (!parsed.success) throw validationError(parsed.error, "body");
  return parsed.data;
}

// Which templates a principal reads and writes is one rule of lib/auth/scope.ts.
export { visibleTemplates, writableTemplates };

/** The columns every template kind shares, as a lock or a visibility check reads them. */
export type TemplateHead = {
  id: number;
  name: string;
  entityId: number | null;
  isDraft: boolean;
  version: number;
  /** The first revision's id; rows created before lineages were recorded count as their own. */
  lineageId: number;
  revision: number;
};

function headColumns(kind: TemplateKind) {
  const t = TEMPLATE_TABLES[kind];
  return {
    id: t.id,
    name: t.name,
    entityId: t.entityId,
    isDraft: t.isDraft,
    version: t.version,
    lineageId: sql<number>`coalesce(${t.lineageId}, ${t.id})`.mapWith(Number),
    revision: t.revision,
  };
}

/**
 * Locks one template for a write (FOR UPDATE, so concurrent writers queue) and checks the caller
 * may write it: out of scope → 404, shared → 403, stale version → 409/412.
 */
export async function lockTemplate(
  tx: Tx,
  principal: Principal,
  kind: TemplateKind,
  id: number,
  expected: ExpectedVersion = {},
): Promise<TemplateHead> {
  const t = TEMPLATE_TABLES[kind];
  const [row] = await tx
    .select({ ...headColumns(kind), writable: sql<boolean>`coalesce(${writableTemplates(principal, t.entityId)}, false)` })
    .from(t)
    .where(and(eq(t.id, id), visibleTemplates(principal, t.entityId)))
    .for("update");
  if (!row) throw notFound(TEMPLATE_LABELS[kind]);
  if (!row.writable) {
    throw forbidden(`This ${TEMPLATE_LABELS[kind]} is shared by every organisation and is read-only; create your own template instead.`);
  }
  assertVersion(row.version, expected, TEMPLATE_LABELS[kind]);
  const { writable: _writable, ...head } = row;
  return head;
}

/** Published revisions are frozen: programs already started point at them and must not change. */
export function assertDraft(head: TemplateHead, kind: TemplateKind, action: string): void {
  if (head.isDraft) return;
  const drafts = `${TEMPLATE_PATHS[kind]}/${head.id}/drafts`;
  throw conflict(
    `This ${TEMPLATE_LABELS[kind]} is published (revision ${head.revision}) and frozen, so it cannot be ${action}. ` +
      `Create a new draft with POST ${drafts}, change that, and publish it.`,
    { frozen: true, new_draft: drafts },
  );
}

/** A link change is a change of the template: the version moves so other editors notice. */
export async function touchTemplate(tx: Tx, kind: TemplateKind, id: number): Promise<void> {
  const t = TEMPLATE_TABLES[kind];
  await tx.execute(sql`update ${t} set version = version + 1, updated_at = now() where ${t.id} = ${id}`);
}

/** The entity a new template belongs to: the one named (inside the caller's subtree) or the caller's own. */
export async function ownerEntityOf(tx: Tx, principal: Principal, entityId: number | undefined): Promise<number> {
  if (entityId === undefined) return principal.entityId;
  const [row] = await tx
    .select({ id: entities.id })
    .from(entities)
    .where(and(eq(entities.id, entityId), inEntitySubtree(principal, entities.id), eq(entities.isActive, true)))
    .limit(1);
  if (!row) {
    const message = "No such active entity in your part of the organisation.";
    throw new ApiError("validation_failed", message, { issues: [{ path: "entity_id", message }] });
  }
  return row.id;
}

/**
 * The id is drawn before the insert so a first revision can name itself as its lineage in the
 * same statement (lineage_id = id): no second UPDATE, no second audit row.
 */
export async function nextTemplateId(tx: Tx, kind: TemplateKind): Promise<number> {
  const table = getTableName(TEMPLATE_TABLES[kind]);
  const [row] = await queryRows<{ id: number }>(tx, sql`select nextval(pg_get_serial_sequence(${table}, 'id'))::int as id`);
  if (!row) throw new Error(`nextval for ${table} returned no row`);
  return row.id;
}

export type TemplateEventType =
  | "template.created"
  | "template.updated"
  | "template.deleted"
  | "template.links_changed"
  | "template.published"
  | "template.draft_created";

export async function emitTemplateEvent(
  tx: Tx,
  principal: Principal,
  type: TemplateEventType,
  kind: TemplateKind,
  head: Pick<TemplateHead, "id" | "name" | "entityId" | "lineageId" | "revision">,
  payload: Record<string, unknown> = {},
): Promise<void> {
  await emitEvent(tx, {
    type,
    entityId: head.entityId,
    actorId: principal.userId,
    payload: {
      template_type: GUIDEABLE_TYPES_OF[kind],
      template_id: head.id,
      name: head.name,
      lineage_id: head.lineageId,
      revision: head.revision,
      ...payload,
    },
  });
}
