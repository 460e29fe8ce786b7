// Deleting a draft template. Published revisions are frozen and never deleted; a draft that running
// work was created from, or that a published or foreign template links to, is refused with the
// list of what uses it. The admin's own drafts that link to it simply lose that link.
import "server-only";
import { and, eq, sql } from "drizzle-orm";
import type { Db, Tx } from "../../db/client";
import {
  guideables,
  milestoneTemplateTaskTemplate,
  projectTemplateMilestoneTemplate,
  taskTempParentTaskTemp,
  taskTemplateStepTemplate,
} from "../../db/schema";
import { conflict } from "../api/errors";
import { withAudit } from "../audit/context";
import { auditContextOf, type Principal } from "../auth/principal";
import {
  assertDraft,
  emitTemplateEvent,
  GUIDEABLE_TYPES_OF,
  lockTemplate,
  requireTemplatesWrite,
  TEMPLATE_LABELS,
  TEMPLATE_TABLES,
  type TemplateHead,
  type TemplateKind,
  touchTemplate,
} from "./access";
import { blockersOf, type TemplateUser, templateUsage } from "./usage";

export async function deleteTemplate(db: Db, principal: Principal, kind: TemplateKind, params: { id: number; ifMatch?: number }): Promise<void> {
  requireTemplatesWrite(principal);
  await withAudit(db, auditContextOf(principal), async (tx) => {
    const head = await lockTemplate(tx, principal, kind, params.id, { ifMatch: params.ifMatch });
    assertDraft(head, kind, "deleted");
    const usage = await templateUsage(tx, principal, kind, head.id);
    const blockers = blockersOf(usage);
    if (blockers.length) {
      throw conflict(`This ${TEMPLATE_LABELS[kind]} is in use and cannot be deleted: ${blockers.join(", ")}.`, { used_by: usage });
    }
    for (const user of usage.templates) await detach(tx, principal, kind, head, user);

    // guideables is polymorphic (no foreign key), so its links to the template go with it here.
    await tx.delete(guideables).where(and(eq(guideables.guideableType, GUIDEABLE_TYPES_OF[kind]), eq(guideables.guideableId, head.id)));
    const t = TEMPLATE_TABLES[kind];
    // The template's own links (its milestones, tasks, steps, parents, professions) cascade.
    await tx.execute(sql`delete from ${t} where ${t.id} = ${head.id}`);
    await emitTemplateEvent(tx, principal, "template.deleted", kind, head);
  });
}

/** Removes the deleted draft from one of the admin's drafts that links to it; that draft's version moves. */
async function detach(tx: Tx, principal: Principal, kind: TemplateKind, head: TemplateHead, user: TemplateUser): Promise<void> {
  const holder = await lockTemplate(tx, principal, user.kind, user.id);
  if (!holder.isDraft) throw conflict(`The ${TEMPLATE_LABELS[user.kind]} “${holder.name}” (${holder.id}) was published meanwhile; retry.`);
  const removed = { [`${kind}_template_id`]: head.id };
  switch (kind) {
    case "milestone":
      await tx
        .delete(projectTemplateMilestoneTemplate)
        .where(and(eq(projectTemplateMilestoneTemplate.projectTemplateId, holder.id), eq(projectTemplateMilestoneTemplate.milestoneTemplateId, head.id)));
      break;
    case "task":
      if (user.relation === "has_parent") {
        await tx
          .delete(taskTempParentTaskTemp)
          .where(and(eq(taskTempParentTaskTemp.taskTemplateId, holder.id), eq(taskTempParentTaskTemp.parentTaskTemplateId, head.id)));
      } else {
        await tx
          .delete(milestoneTemplateTaskTemplate)
          .where(and(eq(milestoneTemplateTaskTemplate.milestoneTemplateId, holder.id), eq(milestoneTemplateTaskTemplate.taskTemplateId, head.id)));
      }
      break;
    case "step":
      await tx
        .delete(taskTemplateStepTemplate)
        .where(and(eq(taskTemplateStepTemplate.taskTemplateId, holder.id), eq(taskTemplateStepTemplate.stepTemplateId, head.id)));
      break;
    case "project":
      return;
  }
  await touchTemplate(tx, user.kind, holder.id);
  await emitTemplateEvent(tx, principal, "template.links_changed", user.kind, holder, { removed });
}
