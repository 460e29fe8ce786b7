// New draft revisions: editing a published template starts from a copy of it (same lineage, next
// revision) whose links point at the SAME published children; children are revised one by one.
// The published revision stays untouched, so programs already started from it keep it.
import "server-only";
import { and, eq, max, or, sql } from "drizzle-orm";
import type { Db, Tx } from "../../db/client";
import { milestoneTemplates, projectTemplates, stepTemplates, taskTemplates } from "../../db/schema";
import { conflict } from "../api/errors";
import { withAudit } from "../audit/context";
import { auditContextOf, type Principal } from "../auth/principal";
import {
  emitTemplateEvent,
  GUIDEABLE_TYPES_OF,
  lockTemplate,
  nextTemplateId,
  requireTemplatesWrite,
  TEMPLATE_LABELS,
  TEMPLATE_PATHS,
  TEMPLATE_TABLES,
  type TemplateHead,
  type TemplateKind,
} from "./access";
import { readTemplateDetail, type TemplateDetailDto } from "./detail";
import type { TemplateActionParams } from "./publish";

export async function createDraftRevision(
  db: Db,
  principal: Principal,
  kind: TemplateKind,
  params: TemplateActionParams,
): Promise<TemplateDetailDto> {
  requireTemplatesWrite(principal);
  const label = TEMPLATE_LABELS[kind];
  return withAudit(db, auditContextOf(principal), async (tx) => {
    const head = await lockTemplate(tx, principal, kind, params.id, { version: params.version, ifMatch: params.ifMatch });
    if (head.isDraft) throw conflict(`This ${label} is still a draft: change it directly. New drafts are made from published revisions.`);

    const t = TEMPLATE_TABLES[kind];
    const inLineage = or(eq(t.lineageId, head.lineageId), eq(t.id, head.lineageId));
    // One open draft per template: two drafts of one lineage would each publish over the other's work.
    const [open] = await tx
      .select({ id: t.id })
      .from(t)
      .where(and(inLineage, eq(t.isDraft, true)))
      .limit(1);
    if (open) {
      throw conflict(`A draft of this ${label} already exists (${TEMPLATE_PATHS[kind]}/${open.id}); change that one.`, { draft_id: open.id });
    }
    const [latest] = await tx.select({ revision: max(t.revision) }).from(t).where(inLineage);
    const draft: TemplateHead = {
      id: await nextTemplateId(tx, kind),
      name: head.name,
      entityId: head.entityId,
      isDraft: true,
      version: 1,
      lineageId: head.lineageId,
      revision: (latest?.revision ?? head.revision) + 1,
    };
    await copyRow(tx, principal, kind, head.id, draft);
    await copyLinks(tx, kind, head.id, draft.id);
    await emitTemplateEvent(tx, principal, "template.draft_created", kind, draft, { from_template_id: head.id });
    return readTemplateDetail(tx, principal, kind, draft.id);
  });
}

async function copyRow(tx: Tx, principal: Principal, kind: TemplateKind, fromId: number, draft: TemplateHead): Promise<void> {
  const revision = { id: draft.id, lineageId: draft.lineageId, revision: draft.revision, isDraft: true, publishedAt: null, createdBy: principal.userId };
  switch (kind) {
    case "project": {
      const [src] = await tx.select().from(projectTemplates).where(eq(projectTemplates.id, fromId));
      if (!src) throw new Error(`project template ${fromId} vanished while locked`);
      const { name, description, entityId, professionId, durationDays } = src;
      await tx.insert(projectTemplates).values({ name, description, entityId, professionId, durationDays, ...revision });
      return;
    }
    case "milestone": {
      const [src] = await tx.select().from(milestoneTemplates).where(eq(milestoneTemplates.id, fromId));
      if (!src) throw new Error(`milestone template ${fromId} vanished while locked`);
      const { name, description, entityId, expectedHours } = src;
      await tx.insert(milestoneTemplates).values({ name, description, entityId, expectedHours, ...revision });
      return;
    }
    case "task": {
      const [src] = await tx.select().from(taskTemplates).where(eq(taskTemplates.id, fromId));
      if (!src) throw new Error(`task template ${fromId} vanished while locked`);
      const { name, description, entityId, kind: taskKind, expectedMinutes } = src;
      await tx.insert(taskTemplates).values({ name, description, entityId, kind: taskKind, expectedMinutes, ...revision });
      return;
    }
    case "step": {
      const [src] = await tx.select().from(stepTemplates).where(eq(stepTemplates.id, fromId));
      if (!src) throw new Error(`step template ${fromId} vanished while locked`);
      const { name, description, entityId, kind: stepKind, processDefinition } = src;
      await tx.insert(stepTemplates).values({ name, description, entityId, kind: stepKind, processDefinition, ...revision });
      return;
    }
  }
}

/** The draft links to the same children (and guides) as the revision it copies. */
async function copyLinks(tx: Tx, kind: TemplateKind, fromId: number, toId: number): Promise<void> {
  switch (kind) {
    case "project":
      await tx.execute(sql`insert into project_template_milestone_template
        (project_template_id, milestone_template_id, position, start_offset_days, duration_days)
        select ${toId}, milestone_template_id, position, start_offset_days, duration_days
        from project_template_milestone_template where project_template_id = ${fromId}`);
      break;
    case "milestone":
      await tx.execute(sql`insert into milestone_template_task_template (milestone_template_id, task_template_id, position)
        select ${toId}, task_template_id, position from milestone_template_task_template where milestone_template_id = ${fromId}`);
      break;
    case "task":
      await tx.execute(sql`insert into task_template_step_template (task_template_id, step_template_id, "order")
        select ${toId}, step_template_id, "order" from task_template_step_template where task_template_id = ${fromId}`);
      await tx.execute(sql`insert into task_template_profession (task_template_id, profession_id)
        select ${toId}, profession_id from task_template_profession where task_template_id = ${fromId}`);
      await tx.execute(sql`insert into task_temp_parent_task_temp (task_template_id, parent_task_template_id)
        select ${toId}, parent_task_template_id from task_temp_parent_task_temp where task_template_id = ${fromId}`);
      break;
    case "step":
      break;
  }
  // Guides explain the template whatever its revision; the guides service owns them, this only keeps them attached.
  await tx.execute(sql`insert into guideables (guide_id, guideable_id, guideable_type)
    select guide_id, ${toId}, guideable_type from guideables
    where guideable_type = ${GUIDEABLE_TYPES_OF[kind]} and guideable_id = ${fromId}`);
}
