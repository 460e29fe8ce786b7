// What the four template kinds' services share: the scoped list, the read of one visible row and
// the update of a draft (lock with version / If-Match, frozen once published, version moved and
// evented only when something changed). Each kind adds its own filters, checks and answer shape.
import "server-only";
import { type SQL, and, eq, sql } from "drizzle-orm";
import type { z } from "zod";
import type { Db, DbOrTx, Tx } from "../../db/client";
import type { MilestoneTemplate, ProjectTemplate, StepTemplate, TaskTemplate } from "../../db/schema";
import { notFound } from "../api/errors";
import { type Page, pageLimit, toPage } from "../api/pagination";
import { withAudit } from "../audit/context";
import { auditContextOf, type Principal } from "../auth/principal";
import {
  assertDraft,
  emitTemplateEvent,
  lockTemplate,
  parseInput,
  requireTemplatesRead,
  requireTemplatesWrite,
  TEMPLATE_LABELS,
  TEMPLATE_TABLES,
  type TemplateHead,
  type TemplateKind,
  visibleTemplates,
} from "./access";
import { templateListConditions } from "./list-filters";
import type { TemplateListQueryBase } from "./validators";

/** The row type of each kind's table. */
export type TemplateRows = { project: ProjectTemplate; milestone: MilestoneTemplate; task: TaskTemplate; step: StepTemplate };

// Drizzle cannot follow a query through a union of tables: each function below works on the
// columns every template table has and gives its answer the kind's own row type.
type AnyTemplateTable = (typeof TEMPLATE_TABLES)["project"];
const tableOf = (kind: TemplateKind) => TEMPLATE_TABLES[kind] as AnyTemplateTable;

/** One page of the kind's templates the principal may read, in id order, with the kind's own filters. */
export async function listTemplates<K extends TemplateKind, D>(
  db: DbOrTx,
  principal: Principal,
  kind: K,
  query: TemplateListQueryBase,
  toDto: (row: TemplateRows[K]) => D,
  filters: (SQL | undefined)[] = [],
): Promise<Page<D>> {
  requireTemplatesRead(principal);
  const t = tableOf(kind);
  const limit = pageLimit(query.limit);
  const rows = await db
    .select()
    .from(t)
    .where(and(...templateListConditions(principal, kind, query), ...filters))
    .orderBy(t.id)
    .limit(limit + 1);
  return toPage(rows as TemplateRows[K][], limit, toDto);
}

/** One template the principal may read; 404 (named for the kind) otherwise. */
export async function readVisibleTemplate<K extends TemplateKind>(db: DbOrTx, principal: Principal, kind: K, id: number): Promise<TemplateRows[K]> {
  requireTemplatesRead(principal);
  const t = tableOf(kind);
  const [row] = await db
    .select()
    .from(t)
    .where(and(eq(t.id, id), visibleTemplates(principal, t.entityId)))
    .limit(1);
  if (!row) throw notFound(TEMPLATE_LABELS[kind]);
  return row as TemplateRows[K];
}

export type TemplateUpdate<K extends TemplateKind, C, D> = {
  /** Checks the parsed change against the database and names the columns it sets (undefined: unchanged). */
  columns: (tx: Tx, changes: C, head: TemplateHead) => Partial<TemplateRows[K]> | Promise<Partial<TemplateRows[K]>>;
  /** Members the template.updated event adds to the shared ones. */
  eventPayload?: (row: TemplateRows[K]) => Record<string, unknown>;
  /** The answer, from the row as it now is. */
  answer: (tx: Tx, row: TemplateRows[K]) => D | Promise<D>;
};

/**
 * Changes a draft template in one audited transaction: the body's version and the If-Match header
 * must both be current; a change of nothing answers the row as it is, without a new version.
 */
export async function updateTemplate<K extends TemplateKind, S extends z.ZodType<{ version?: number }>, D>(
  db: Db,
  principal: Principal,
  kind: K,
  schema: S,
  params: { id: number; changes: unknown; ifMatch?: number },
  update: TemplateUpdate<K, z.output<S>, D>,
): Promise<D> {
  requireTemplatesWrite(principal);
  const changes = parseInput(schema, params.changes);
  return withAudit(db, auditContextOf(principal), async (tx) => {
    const head = await lockTemplate(tx, principal, kind, params.id, { version: changes.version, ifMatch: params.ifMatch });
    assertDraft(head, kind, "changed");
    const set = await update.columns(tx, changes, head);
    if (Object.values(set).every((v) => v === undefined)) return update.answer(tx, await readVisibleTemplate(tx, principal, kind, head.id));
    const t = tableOf(kind);
    const [updated] = await tx
      .update(t)
      .set({ ...(set as Partial<ProjectTemplate>), version: sql`${t.version} + 1` })
      .where(eq(t.id, head.id))
      .returning();
    if (!updated) throw notFound(TEMPLATE_LABELS[kind]);
    const row = updated as TemplateRows[K];
    await emitTemplateEvent(tx, principal, "template.updated", kind, { ...head, name: row.name }, update.eventPayload?.(row));
    return update.answer(tx, row);
  });
}
