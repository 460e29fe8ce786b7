// The ordered children of a draft template, replaced whole by a PUT: a program's milestones (with
// offsets and durations), a milestone's task templates and a task template's steps. Position is
// the index in the list. A published parent is frozen, so its children never change.
import "server-only";
import { asc, eq } from "drizzle-orm";
import type { Db } from "../../db/client";
import { milestoneTemplateTaskTemplate, projectTemplateMilestoneTemplate, taskTemplateStepTemplate } from "../../db/schema";
import { withAudit } from "../audit/context";
import { auditContextOf, type Principal } from "../auth/principal";
import { assertDraft, emitTemplateEvent, lockTemplate, parseInput, requireTemplatesWrite, touchTemplate } from "./access";
import { sameLinks, visibleChildren } from "./children";
import { getMilestoneTemplate, type MilestoneTemplateDetailDto } from "./milestone-templates";
import { getProjectTemplate, type ProjectTemplateDetailDto } from "./project-templates";
import { getTaskTemplate, type TaskTemplateDetailDto } from "./task-templates";
import {
  type MilestoneTasksInput,
  milestoneTasksSchema,
  type ProjectMilestonesInput,
  projectMilestonesSchema,
  type TaskStepsInput,
  taskStepsSchema,
} from "./validators";

export type ReplaceLinksParams<T> = { id: number; items: T; ifMatch?: number };

export async function replaceProjectMilestones(
  db: Db,
  principal: Principal,
  params: ReplaceLinksParams<ProjectMilestonesInput>,
): Promise<ProjectTemplateDetailDto> {
  requireTemplatesWrite(principal);
  const items = parseInput(projectMilestonesSchema, params.items);
  return withAudit(db, auditContextOf(principal), async (tx) => {
    const head = await lockTemplate(tx, principal, "project", params.id, { ifMatch: params.ifMatch });
    assertDraft(head, "project", "relinked");
    await visibleChildren(tx, principal, "milestone", items.map((i) => i.milestone_template_id), (i) => `[${i}].milestone_template_id`);
    const next = items.map((item, index) => ({
      projectTemplateId: head.id,
      milestoneTemplateId: item.milestone_template_id,
      position: index + 1,
      startOffsetDays: item.start_offset_days,
      durationDays: item.duration_days,
    }));
    const current = await tx
      .select()
      .from(projectTemplateMilestoneTemplate)
      .where(eq(projectTemplateMilestoneTemplate.projectTemplateId, head.id))
      .orderBy(asc(projectTemplateMilestoneTemplate.position));
    const key = (l: (typeof next)[number]) => `${l.milestoneTemplateId}:${l.startOffsetDays}:${l.durationDays}`;
    if (!sameLinks(current, next, key)) {
      await tx.delete(projectTemplateMilestoneTemplate).where(eq(projectTemplateMilestoneTemplate.projectTemplateId, head.id));
      if (next.length) await tx.insert(projectTemplateMilestoneTemplate).values(next);
      await touchTemplate(tx, "project", head.id);
      await emitTemplateEvent(tx, principal, "template.links_changed", "project", head, {
        links: "milestones",
        milestone_template_ids: next.map((l) => l.milestoneTemplateId),
      });
    }
    return getProjectTemplate(tx, principal, { id: head.id });
  });
}

export async function replaceMilestoneTasks(
  db: Db,
  principal: Principal,
  params: ReplaceLinksParams<MilestoneTasksInput>,
): Promise<MilestoneTemplateDetailDto> {
  requireTemplatesWrite(principal);
  const items = parseInput(milestoneTasksSchema, params.items);
  return withAudit(db, auditContextOf(principal), async (tx) => {
    const head = await lockTemplate(tx, principal, "milestone", params.id, { ifMatch: params.ifMatch });
    assertDraft(head, "milestone", "relinked");
    await visibleChildren(tx, principal, "task", items.map((i) => i.task_template_id), (i) => `[${i}].task_template_id`);
    const next = items.map((item, index) => ({ milestoneTemplateId: head.id, taskTemplateId: item.task_template_id, position: index + 1 }));
    const current = await tx
      .select()
      .from(milestoneTemplateTaskTemplate)
      .where(eq(milestoneTemplateTaskTemplate.milestoneTemplateId, head.id))
      .orderBy(asc(milestoneTemplateTaskTemplate.position));
    if (!sameLinks(current, next, (l) => String(l.taskTemplateId))) {
      await tx.delete(milestoneTemplateTaskTemplate).where(eq(milestoneTemplateTaskTemplate.milestoneTemplateId, head.id));
      if (next.length) await tx.insert(milestoneTemplateTaskTemplate).values(next);
      await touchTemplate(tx, "milestone", head.id);
      await emitTemplateEvent(tx, principal, "template.links_changed", "milestone", head, {
        links: "task_templates",
        task_template_ids: next.map((l) => l.taskTemplateId),
      });
    }
    return getMilestoneTemplate(tx, principal, { id: head.id });
  });
}

export async function replaceTaskSteps(db: Db, principal: Principal, params: ReplaceLinksParams<TaskStepsInput>): Promise<TaskTemplateDetailDto> {
  requireTemplatesWrite(principal);
  const items = parseInput(taskStepsSchema, params.items);
  return withAudit(db, auditContextOf(principal), async (tx) => {
    const head = await lockTemplate(tx, principal, "task", params.id, { ifMatch: params.ifMatch });
    assertDraft(head, "task", "relinked");
    await visibleChildren(tx, principal, "step", items.map((i) => i.step_template_id), (i) => `[${i}].step_template_id`);
    const next = items.map((item, index) => ({ taskTemplateId: head.id, stepTemplateId: item.step_template_id, order: index + 1 }));
    const current = await tx
      .select()
      .from(taskTemplateStepTemplate)
      .where(eq(taskTemplateStepTemplate.taskTemplateId, head.id))
      .orderBy(asc(taskTemplateStepTemplate.order));
    if (!sameLinks(current, next, (l) => String(l.stepTemplateId))) {
      await tx.delete(taskTemplateStepTemplate).where(eq(taskTemplateStepTemplate.taskTemplateId, head.id));
      if (next.length) await tx.insert(taskTemplateStepTemplate).values(next);
      await touchTemplate(tx, "task", head.id);
      await emitTemplateEvent(tx, principal, "template.links_changed", "task", head, {
        links: "steps",
        step_template_ids: next.map((l) => l.stepTemplateId),
      });
    }
    return getTaskTemplate(tx, principal, { id: head.id });
  });
}
