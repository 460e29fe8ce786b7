// A task template with its child templates (task_temp_parent_task_temp, recursively), ordered so
// that every parent comes before its children: what POST /api/tasks/assign creates for each user.
import "server-only";
import { and, eq, inArray, sql } from "drizzle-orm";
import { type DbOrTx, queryRows } from "../../db/client";
import { type TaskKind, taskTempParentTaskTemp, taskTemplates } from "../../db/schema";
import { ApiError, notFound } from "../api/errors";
import type { Principal } from "../auth/principal";
import { visibleTemplates } from "../auth/scope";

export type FamilyTemplate = {
  id: number;
  name: string;
  description: string | null;
  kind: TaskKind;
  expectedMinutes: number;
  entityId: number | null;
  /** Parent templates inside the family (the root has none here, whatever it has elsewhere). */
  parentIds: number[];
};

/** The root first, every parent before its children; siblings by id. */
export async function loadTemplateFamily(db: DbOrTx, principal: Principal, templateId: number): Promise<FamilyTemplate[]> {
  const [root] = await db
    .select({ id: taskTemplates.id, isDraft: taskTemplates.isDraft })
    .from(taskTemplates)
    .where(and(eq(taskTemplates.id, templateId), visibleTemplates(principal, taskTemplates.entityId)))
    .limit(1);
  if (!root) throw notFound("task template");
  if (root.isDraft) throw invalidTemplate(`Task template ${templateId} is a draft; publish it before assigning it.`);

  // UNION (not UNION ALL) stops at templates already reached, so a cycle cannot recurse forever.
  const family = await queryRows<{ id: number }>(
    db,
    sql`with recursive family(id) as (
      select ${templateId}::integer
      union
      select l.task_template_id from ${taskTempParentTaskTemp} l inner join family f on l.parent_task_template_id = f.id
    ) select id from family`,
  );
  const ids = family.map((r) => r.id);
  const rows = await db
    .select({
      id: taskTemplates.id,
      name: taskTemplates.name,
      description: taskTemplates.description,
      kind: taskTemplates.kind,
      expectedMinutes: taskTemplates.expectedMinutes,
      entityId: taskTemplates.entityId,
      isDraft: taskTemplates.isDraft,
      usable: sql<boolean>`${visibleTemplates(principal, taskTemplates.entityId)}`,
    })
    .from(taskTemplates)
    .where(inArray(taskTemplates.id, ids));
  for (const row of rows) {
    if (row.isDraft) throw invalidTemplate(`Child template ${row.id} (${row.name}) is a draft; publish it or unlink it first.`);
    if (!row.usable) throw invalidTemplate(`Child template ${row.id} belongs to another organisation; unlink it first.`);
  }
  const links = await db
    .select({ child: taskTempParentTaskTemp.taskTemplateId, parent: taskTempParentTaskTemp.parentTaskTemplateId })
    .from(taskTempParentTaskTemp)
    .where(and(inArray(taskTempParentTaskTemp.taskTemplateId, ids), inArray(taskTempParentTaskTemp.parentTaskTemplateId, ids)));

  const templates = rows.map(({ isDraft: _draft, usable: _usable, ...t }) => ({
    ...t,
    // The root's own parents are outside what is being assigned; a link back to it is a cycle.
    parentIds: links.filter((l) => l.child === t.id).map((l) => l.parent),
  }));
  return parentsFirst(templates, templateId);
}

/** Kahn's algorithm, taking the lowest id among the ready templates each round (stable output). */
function parentsFirst(templates: FamilyTemplate[], rootId: number): FamilyTemplate[] {
  const placed = new Set<number>();
  const ordered: FamilyTemplate[] = [];
  const pending = [...templates].sort((a, b) => (a.id === rootId ? -1 : b.id === rootId ? 1 : a.id - b.id));
  while (ordered.length < pending.length) {
    const next = pending.find((t) => !placed.has(t.id) && t.parentIds.every((p) => placed.has(p)));
    if (!next || (ordered.length === 0 && next.id !== rootId)) {
      throw invalidTemplate(`The child templates of task template ${rootId} form a parent cycle; fix the template hierarchy.`);
    }
    placed.add(next.id);
    ordered.push(next);
  }
  return ordered;
}

function invalidTemplate(message: string): ApiError {
  return new ApiError("validation_failed", message, { issues: [{ path: "template_id", message }] });
}
