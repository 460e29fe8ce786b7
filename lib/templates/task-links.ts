// The unordered links of a draft task template: its parent templates (which must never form a
// cycle, or no program could instantiate parents before children) and its target professions.
import "server-only";
import { and, eq, inArray, sql } from "drizzle-orm";
import { type Db, queryRows, type Tx } from "../../db/client";
import { professions, taskTempParentTaskTemp, taskTemplateProfession, taskTemplates } from "../../db/schema";
import { ApiError, type FieldIssue } from "../api/errors";
import { withAudit } from "../audit/context";
import { auditContextOf, type Principal } from "../auth/principal";
import { visibleProfessions } from "../entities/professions";
import { assertDraft, emitTemplateEvent, lockTemplate, parseInput, requireTemplatesWrite, touchTemplate } from "./access";
import { visibleChildren } from "./children";
import type { ReplaceLinksParams } from "./links";
import { getTaskTemplate, type TaskTemplateDetailDto } from "./task-templates";
import { idListSchema } from "./validators";

/** Serialises changes of the parent graph: two concurrent edits could each add half of a cycle. */
const PARENT_GRAPH_LOCK = 7_274_401;

export async function replaceTaskParents(db: Db, principal: Principal, params: ReplaceLinksParams<number[]>): Promise<TaskTemplateDetailDto> {
  requireTemplatesWrite(principal);
  const parentIds = parseInput(idListSchema, params.items);
  return withAudit(db, auditContextOf(principal), async (tx) => {
    const head = await lockTemplate(tx, principal, "task", params.id, { ifMatch: params.ifMatch });
    assertDraft(head, "task", "relinked");
    const selfAt = parentIds.indexOf(head.id);
    if (selfAt >= 0) {
      const message = "A task template cannot be its own parent.";
      throw new ApiError("validation_failed", message, { issues: [{ path: `[${selfAt}]`, message }] });
    }
    const parents = await visibleChildren(tx, principal, "task", parentIds, (i) => `[${i}]`);
    const sameLineageAt = parentIds.findIndex((id) => parents.get(id)?.lineageId === head.lineageId);
    if (sameLineageAt >= 0) {
      const message = "A task template cannot have another revision of itself as its parent.";
      throw new ApiError("validation_failed", message, { issues: [{ path: `[${sameLineageAt}]`, message }] });
    }

    const current = await tx
      .select({ parent: taskTempParentTaskTemp.parentTaskTemplateId })
      .from(taskTempParentTaskTemp)
      .where(eq(taskTempParentTaskTemp.taskTemplateId, head.id));
    const before = new Set(current.map((c) => c.parent));
    if (before.size === parentIds.length && parentIds.every((id) => before.has(id))) return getTaskTemplate(tx, principal, { id: head.id });

    await tx.execute(sql`select pg_advisory_xact_lock(${PARENT_GRAPH_LOCK})`);
    await tx.delete(taskTempParentTaskTemp).where(eq(taskTempParentTaskTemp.taskTemplateId, head.id));
    if (parentIds.length) {
      await tx.insert(taskTempParentTaskTemp).values(parentIds.map((parent) => ({ taskTemplateId: head.id, parentTaskTemplateId: parent })));
    }
    await assertNoCycleThrough(tx, head.id);
    await touchTemplate(tx, "task", head.id);
    await emitTemplateEvent(tx, principal, "template.links_changed", "task", head, { links: "parents", parent_task_template_ids: parentIds });
    return getTaskTemplate(tx, principal, { id: head.id });
  });
}

/**
 * Walks up from the template through its parents (inside the writing transaction, so the new
 * links count); reaching it again is a cycle. Each path stops at its first repeated template.
 */
async function assertNoCycleThrough(tx: Tx, taskTemplateId: number): Promise<void> {
  const [found] = await queryRows<{ path: number[] }>(
    tx,
    sql`with recursive walk(id, path, repeated) as (
          select l.parent_task_template_id, array[l.task_template_id, l.parent_task_template_id], false
          from task_temp_parent_task_temp l
          where l.task_template_id = ${taskTemplateId}
          union all
          select l.parent_task_template_id, w.path || l.parent_task_template_id, l.parent_task_template_id = any(w.path)
          from walk w
          join task_temp_parent_task_temp l on l.task_template_id = w.id
          where not w.repeated
        )
        select path from walk where id = ${taskTemplateId} order by cardinality(path) limit 1`,
  );
  if (!found) return;
  const path = found.path.map(Number);
  const named = await tx
    .select({ id: taskTemplates.id, name: taskTemplates.name })
    .from(taskTemplates)
    .where(inArray(taskTemplates.id, path));
  const nameOf = new Map(named.map((n) => [n.id, n.name]));
  const cycle = path.map((id) => `“${nameOf.get(id) ?? id}” (${id})`).join(" → ");
  const message = `These parents would form a cycle, so no program could create the parent tasks first: ${cycle} (each arrow points at a parent).`;
  throw new ApiError("validation_failed", message, { issues: [{ path: "(root)", message }], extra: { cycle: path } });
}

export async function replaceTaskProfessions(
  db: Db,
  principal: Principal,
  params: ReplaceLinksParams<number[]>,
): Promise<TaskTemplateDetailDto> {
  requireTemplatesWrite(principal);
  const professionIds = parseInput(idListSchema, params.items);
  return withAudit(db, auditContextOf(principal), async (tx) => {
    const head = await lockTemplate(tx, principal, "task", params.id, { ifMatch: params.ifMatch });
    assertDraft(head, "task", "relinked");
    const current = await tx
      .select({ id: taskTemplateProfession.professionId })
      .from(taskTemplateProfession)
      .where(eq(taskTemplateProfession.taskTemplateId, head.id));
    const before = new Set(current.map((c) => c.id));

    const found = professionIds.length
      ? await tx
          .select({ id: professions.id, isActive: professions.isActive })
          .from(professions)
          .where(and(inArray(professions.id, professionIds), visibleProfessions(principal)))
      : [];
    const byId = new Map(found.map((p) => [p.id, p]));
    const issues: FieldIssue[] = [];
    professionIds.forEach((id, index) => {
      const row = byId.get(id);
      if (!row) issues.push({ path: `[${index}]`, message: `No such profession (${id}) in your organisation.` });
      // A deactivated profession stays where it was, but is no longer offered for new links.
      else if (!row.isActive && !before.has(id)) issues.push({ path: `[${index}]`, message: `The profession ${id} is deactivated.` });
      else if (professionIds.indexOf(id) !== index) issues.push({ path: `[${index}]`, message: `The profession ${id} is listed twice.` });
    });
    if (issues.length) throw new ApiError("validation_failed", "Some of the listed professions cannot be linked.", { issues });

    if (before.size === professionIds.length && professionIds.every((id) => before.has(id))) return getTaskTemplate(tx, principal, { id: head.id });
    await tx.delete(taskTemplateProfession).where(eq(taskTemplateProfession.taskTemplateId, head.id));
    if (professionIds.length) {
      await tx.insert(taskTemplateProfession).values(professionIds.map((professionId) => ({ taskTemplateId: head.id, professionId })));
    }
    await touchTemplate(tx, "task", head.id);
    await emitTemplateEvent(tx, principal, "template.links_changed", "task", head, { links: "professions", profession_ids: professionIds });
    return getTaskTemplate(tx, principal, { id: head.id });
  });
}
