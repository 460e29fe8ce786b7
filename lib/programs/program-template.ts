// Reads a published program (project template) with everything beneath it in a few set-based
// queries, and orders its tasks so that every parent exists before its children.
import { asc, eq, inArray } from "drizzle-orm";
import type { z } from "zod";
import type { DbOrTx } from "../../db/client";
import {
  guides,
  milestoneTemplates,
  milestoneTemplateTaskTemplate,
  projectTemplateMilestoneTemplate,
  projectTemplates,
  stepTemplates,
  taskTempParentTaskTemp,
  taskTemplates,
  taskTemplateStepTemplate,
  type TaskKind,
} from "../../db/schema";
import { checklistStep, type StepKind } from "../templates/process-definition";
import { ProgramInstantiationError } from "./errors";

export type ChecklistDefinition = z.infer<typeof checklistStep>;

export type TemplateMilestone = {
  milestoneTemplateId: number;
  name: string;
  description: string | null;
  expectedHours: number;
  position: number;
  startOffsetDays: number;
  durationDays: number;
};

export type TemplateStep = {
  stepTemplateId: number;
  name: string;
  kind: StepKind;
  /** Parsed definition for checklist steps (defaults applied); null for every other kind. */
  checklist: ChecklistDefinition | null;
};

/** One task to create: a task template as placed in one milestone (a template may sit in several). */
export type TemplateTask = {
  key: number;
  milestonePosition: number;
  position: number;
  taskTemplateId: number;
  name: string;
  description: string | null;
  kind: TaskKind;
  expectedMinutes: number;
  /** Keys of the parent tasks created in the same project. */
  parentKeys: number[];
};

export type ProgramTemplate = {
  id: number;
  name: string;
  description: string | null;
  durationDays: number;
  milestones: TemplateMilestone[];
  /** Parents before children; otherwise milestone order, then position inside the milestone. */
  tasks: TemplateTask[];
  stepsByTaskTemplate: Map<number, TemplateStep[]>;
};

export async function loadProgramTemplate(tx: DbOrTx, projectTemplateId: number): Promise<ProgramTemplate> {
  const [template] = await tx
    .select({
      id: projectTemplates.id,
      name: projectTemplates.name,
      description: projectTemplates.description,
      durationDays: projectTemplates.durationDays,
      isDraft: projectTemplates.isDraft,
    })
    .from(projectTemplates)
    .where(eq(projectTemplates.id, projectTemplateId));
  if (!template) throw new ProgramInstantiationError("template_not_found", `program template ${projectTemplateId} does not exist`);
  if (template.isDraft) {
    throw new ProgramInstantiationError("template_is_draft", `program template ${projectTemplateId} is a draft; publish it first`);
  }

  const milestones = await tx
    .select({
      milestoneTemplateId: milestoneTemplates.id,
      name: milestoneTemplates.name,
      description: milestoneTemplates.description,
      expectedHours: milestoneTemplates.expectedHours,
      position: projectTemplateMilestoneTemplate.position,
      startOffsetDays: projectTemplateMilestoneTemplate.startOffsetDays,
      durationDays: projectTemplateMilestoneTemplate.durationDays,
    })
    .from(projectTemplateMilestoneTemplate)
    .innerJoin(milestoneTemplates, eq(milestoneTemplates.id, projectTemplateMilestoneTemplate.milestoneTemplateId))
    .where(eq(projectTemplateMilestoneTemplate.projectTemplateId, projectTemplateId))
    .orderBy(asc(projectTemplateMilestoneTemplate.position));

  const placements = milestones.length
    ? await tx
        .select({
          milestoneTemplateId: milestoneTemplateTaskTemplate.milestoneTemplateId,
          position: milestoneTemplateTaskTemplate.position,
          taskTemplateId: taskTemplates.id,
          name: taskTemplates.name,
          description: taskTemplates.description,
          kind: taskTemplates.kind,
          expectedMinutes: taskTemplates.expectedMinutes,
        })
        .from(milestoneTemplateTaskTemplate)
        .innerJoin(taskTemplates, eq(taskTemplates.id, milestoneTemplateTaskTemplate.taskTemplateId))
        .where(inArray(milestoneTemplateTaskTemplate.milestoneTemplateId, milestones.map((m) => m.milestoneTemplateId)))
    : [];

  const milestonePosition = new Map(milestones.map((m) => [m.milestoneTemplateId, m.position]));
  const placed = placements
    .map((p) => ({ ...p, milestonePosition: milestonePosition.get(p.milestoneTemplateId) ?? 0 }))
    .sort((a, b) => a.milestonePosition - b.milestonePosition || a.position - b.position);
  const taskTemplateIds = [...new Set(placed.map((p) => p.taskTemplateId))];

  const parentLinks = taskTemplateIds.length
    ? await tx
        .select({ child: taskTempParentTaskTemp.taskTemplateId, parent: taskTempParentTaskTemp.parentTaskTemplateId })
        .from(taskTempParentTaskTemp)
        .where(inArray(taskTempParentTaskTemp.taskTemplateId, taskTemplateIds))
    : [];
  const stepsByTaskTemplate = await loadTaskTemplateSteps(tx, taskTemplateIds);

  const tasks: TemplateTask[] = placed.map((p, key) => ({
    key,
    milestonePosition: p.milestonePosition,
    position: p.position,
    taskTemplateId: p.taskTemplateId,
    name: p.name,
    description: p.description,
    kind: p.kind,
    expectedMinutes: p.expectedMinutes,
    parentKeys: [],
  }));
  linkParents(tasks, parentLinks);

  return {
    id: template.id,
    name: template.name,
    description: template.description,
    durationDays: template.durationDays,
    milestones,
    tasks: parentsFirst(tasks),
    stepsByTaskTemplate,
  };
}

/**
 * The ordered steps of each task template, checklist definitions parsed and guide ids that no
 * longer exist dropped: what a task created from the template gets as its step log and checklists.
 */
export async function loadTaskTemplateSteps(tx: DbOrTx, taskTemplateIds: number[]): Promise<Map<number, TemplateStep[]>> {
  const steps = taskTemplateIds.length
    ? await tx
        .select({
          taskTemplateId: taskTemplateStepTemplate.taskTemplateId,
          stepTemplateId: stepTemplates.id,
          name: stepTemplates.name,
          kind: stepTemplates.kind,
          definition: stepTemplates.processDefinition,
        })
        .from(taskTemplateStepTemplate)
        .innerJoin(stepTemplates, eq(stepTemplates.id, taskTemplateStepTemplate.stepTemplateId))
        .where(inArray(taskTemplateStepTemplate.taskTemplateId, taskTemplateIds))
        .orderBy(asc(taskTemplateStepTemplate.taskTemplateId), asc(taskTemplateStepTemplate.order), asc(stepTemplates.id))
    : [];

  const stepsByTaskTemplate = new Map<number, TemplateStep[]>();
  for (const step of steps) {
    const list = stepsByTaskTemplate.get(step.taskTemplateId) ?? [];
    list.push({ stepTemplateId: step.stepTemplateId, name: step.name, kind: step.kind, checklist: parseChecklist(step) });
    stepsByTaskTemplate.set(step.taskTemplateId, list);
  }
  await dropMissingGuides(tx, stepsByTaskTemplate);
  return stepsByTaskTemplate;
}

function parseChecklist(step: { stepTemplateId: number; kind: StepKind; definition: unknown }): ChecklistDefinition | null {
  if (step.kind !== "checklist") return null;
  const parsed = checklistStep.safeParse(step.definition);
  if (!parsed.success) {
    throw new ProgramInstantiationError(
      "template_invalid",
      `step template ${step.stepTemplateId} is a checklist step without a valid checklist definition`,
    );
  }
  return parsed.data;
}

/**
 * A guide deleted after the step was published leaves its id behind in the JSON definition; the
 * item is still worth creating, only without the dangling link.
 */
async function dropMissingGuides(tx: DbOrTx, stepsByTaskTemplate: Map<number, TemplateStep[]>): Promise<void> {
  const items = [...stepsByTaskTemplate.values()].flat().flatMap((s) => s.checklist?.items ?? []);
  const wanted = [...new Set(items.flatMap((i) => (i.guide_id === undefined ? [] : [i.guide_id])))];
  if (!wanted.length) return;
  const existing = await tx.select({ id: guides.id }).from(guides).where(inArray(guides.id, wanted));
  const known = new Set(existing.map((g) => g.id));
  for (const item of items) if (item.guide_id !== undefined && !known.has(item.guide_id)) delete item.guide_id;
}

/**
 * Template links become task links only inside this project; a template placed in several
 * milestones links to the parent placed in the same milestone, else to the parent's first placement.
 */
function linkParents(tasks: TemplateTask[], links: { child: number; parent: number }[]): void {
  const byTemplate = new Map<number, TemplateTask[]>();
  for (const task of tasks) byTemplate.set(task.taskTemplateId, [...(byTemplate.get(task.taskTemplateId) ?? []), task]);
  for (const { child, parent } of links) {
    const parents = byTemplate.get(parent);
    if (!parents) continue;
    for (const task of byTemplate.get(child) ?? []) {
      const chosen = parents.find((p) => p.milestonePosition === task.milestonePosition) ?? parents[0];
      if (chosen && chosen.key !== task.key) task.parentKeys.push(chosen.key);
    }
  }
}

/** Stable topological order: each round takes the earliest task whose parents are all placed. */
function parentsFirst(tasks: TemplateTask[]): TemplateTask[] {
  const placed = new Set<number>();
  const ordered: TemplateTask[] = [];
  while (ordered.length < tasks.length) {
    const next = tasks.find((t) => !placed.has(t.key) && t.parentKeys.every((k) => placed.has(k)));
    if (!next) throw new ProgramInstantiationError("template_invalid", "the program's task templates form a parent cycle");
    placed.add(next.key);
    ordered.push(next);
  }
  return ordered;
}
