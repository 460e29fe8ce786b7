// What publishing a template takes with it: the template and every draft below it (milestones of a
// program, tasks of a milestone, steps and parents of a task), each locked before its links are
// read, so no concurrent edit can slip a change in between the check and the publication.
// Published templates are only ever linked to published ones, so the walk stops at them.
import "server-only";
import { and, asc, eq, inArray, sql } from "drizzle-orm";
import type { Tx } from "../../db/client";
import {
  milestoneTemplateTaskTemplate,
  projectTemplateMilestoneTemplate,
  stepTemplates,
  taskTempParentTaskTemp,
  taskTemplates,
  taskTemplateStepTemplate,
} from "../../db/schema";
import type { FieldIssue } from "../api/errors";
import type { Principal } from "../auth/principal";
import { TEMPLATE_LABELS, TEMPLATE_TABLES, type TemplateHead, type TemplateKind, writableTemplates } from "./access";
import { processDefinition } from "./process-definition";

export type GraphNode = TemplateHead & { kind: TemplateKind; writable: boolean };

export type PublishGraph = { drafts: GraphNode[]; issues: FieldIssue[] };

const issuePath = (node: Pick<GraphNode, "kind" | "id">) => `${node.kind}_templates.${node.id}`;
const describeNode = (node: Pick<GraphNode, "kind" | "id" | "name">) => `The ${TEMPLATE_LABELS[node.kind]} “${node.name}” (${node.id})`;

/** Locks the named templates (in id order, so concurrent publishers queue instead of deadlocking). */
async function lockNodes(tx: Tx, principal: Principal, kind: TemplateKind, ids: number[]): Promise<GraphNode[]> {
  if (!ids.length) return [];
  const t = TEMPLATE_TABLES[kind];
  const rows = await tx
    .select({
      id: t.id,
      name: t.name,
      entityId: t.entityId,
      isDraft: t.isDraft,
      version: t.version,
      lineageId: sql<number>`coalesce(${t.lineageId}, ${t.id})`.mapWith(Number),
      revision: t.revision,
      writable: sql<boolean>`coalesce(${writableTemplates(principal, t.entityId)}, false)`,
    })
    .from(t)
    .where(inArray(t.id, [...new Set(ids)]))
    .orderBy(asc(t.id))
    .for("update");
  return rows.map((row) => ({ ...row, kind }));
}

export async function collectPublishGraph(tx: Tx, principal: Principal, root: GraphNode): Promise<PublishGraph> {
  const drafts: GraphNode[] = [];
  const issues: FieldIssue[] = [];
  const take = (nodes: GraphNode[]) => {
    const fresh = nodes.filter((n) => n.isDraft);
    drafts.push(...fresh);
    return fresh;
  };
  const projects = root.kind === "project" ? take([root]) : [];
  // Children named by the drafts above; a root below the program level starts its own level.
  const milestoneIds: number[] = [];
  const taskIds: number[] = [];
  const stepIds: number[] = [];

  for (const project of projects) {
    const links = await tx
      .select({ id: projectTemplateMilestoneTemplate.milestoneTemplateId })
      .from(projectTemplateMilestoneTemplate)
      .where(eq(projectTemplateMilestoneTemplate.projectTemplateId, project.id));
    if (!links.length) issues.push({ path: issuePath(project), message: `${describeNode(project)} needs at least one milestone.` });
    milestoneIds.push(...links.map((l) => l.id));
  }

  const milestones = take(root.kind === "milestone" ? [root] : await lockNodes(tx, principal, "milestone", milestoneIds));
  if (milestones.length) {
    const links = await tx
      .select({ milestoneId: milestoneTemplateTaskTemplate.milestoneTemplateId, id: milestoneTemplateTaskTemplate.taskTemplateId })
      .from(milestoneTemplateTaskTemplate)
      .where(inArray(milestoneTemplateTaskTemplate.milestoneTemplateId, milestones.map((m) => m.id)));
    for (const milestone of milestones) {
      if (!links.some((l) => l.milestoneId === milestone.id)) {
        issues.push({ path: issuePath(milestone), message: `${describeNode(milestone)} needs at least one task template.` });
      }
    }
    taskIds.push(...links.map((l) => l.id));
  }

  const tasks = await collectTasks(tx, principal, root, taskIds, take);
  if (tasks.length) {
    const links = await tx
      .select({ taskId: taskTemplateStepTemplate.taskTemplateId, id: taskTemplateStepTemplate.stepTemplateId, kind: stepTemplates.kind })
      .from(taskTemplateStepTemplate)
      .innerJoin(stepTemplates, eq(stepTemplates.id, taskTemplateStepTemplate.stepTemplateId))
      .where(inArray(taskTemplateStepTemplate.taskTemplateId, tasks.map((t) => t.id)));
    const examIds = await examTaskIds(tx, tasks);
    for (const task of tasks) {
      const gradable = links.some((l) => l.taskId === task.id && (l.kind === "quiz" || l.kind === "submission"));
      if (examIds.has(task.id) && !gradable) {
        issues.push({ path: issuePath(task), message: `${describeNode(task)} is an exam and needs at least one quiz or submission step.` });
      }
    }
    stepIds.push(...links.map((l) => l.id));
  }

  const steps = take(root.kind === "step" ? [root] : await lockNodes(tx, principal, "step", stepIds));
  issues.push(...(await stepIssues(tx, steps)));

  for (const node of drafts) {
    if (node !== root && !node.writable) {
      issues.push({
        path: issuePath(node),
        message: `${describeNode(node)} is a draft maintained outside your part of the organisation; its owners must publish it first.`,
      });
    }
  }
  return { drafts, issues };
}

/** Draft tasks named by milestones, and their draft parents up the hierarchy. */
async function collectTasks(
  tx: Tx,
  principal: Principal,
  root: GraphNode,
  ids: number[],
  take: (nodes: GraphNode[]) => GraphNode[],
): Promise<GraphNode[]> {
  const found: GraphNode[] = [];
  const seen = new Set<number>();
  let frontier = root.kind === "task" ? [root] : await lockNodes(tx, principal, "task", ids);
  while (frontier.length) {
    const fresh = take(frontier.filter((n) => !seen.has(n.id)));
    for (const node of frontier) seen.add(node.id);
    found.push(...fresh);
    if (!fresh.length) break;
    const parents = await tx
      .select({ id: taskTempParentTaskTemp.parentTaskTemplateId })
      .from(taskTempParentTaskTemp)
      .where(inArray(taskTempParentTaskTemp.taskTemplateId, fresh.map((n) => n.id)));
    frontier = await lockNodes(
      tx,
      principal,
      "task",
      parents.map((p) => p.id).filter((id) => !seen.has(id)),
    );
  }
  return found;
}

async function examTaskIds(tx: Tx, tasks: GraphNode[]): Promise<Set<number>> {
  const exams = await tx
    .select({ id: taskTemplates.id })
    .from(taskTemplates)
    .where(and(inArray(taskTemplates.id, tasks.map((t) => t.id)), eq(taskTemplates.kind, "exam")));
  return new Set(exams.map((e) => e.id));
}

/** A step's definition was checked when it was written; rows written by other paths are checked again here. */
async function stepIssues(tx: Tx, steps: GraphNode[]): Promise<FieldIssue[]> {
  if (!steps.length) return [];
  const rows = await tx
    .select({ id: stepTemplates.id, kind: stepTemplates.kind, definition: stepTemplates.processDefinition })
    .from(stepTemplates)
    .where(inArray(stepTemplates.id, steps.map((s) => s.id)));
  const issues: FieldIssue[] = [];
  for (const step of steps) {
    const row = rows.find((r) => r.id === step.id);
    const parsed = processDefinition.safeParse(row?.definition);
    if (!parsed.success) {
      const first = parsed.error.issues[0];
      const where = first?.path.length ? ` at ${first.path.map(String).join(".")}` : "";
      issues.push({ path: issuePath(step), message: `${describeNode(step)} has no valid process definition${where}: ${first?.message ?? "missing"}.` });
    } else if (parsed.data.type !== row?.kind) {
      issues.push({ path: issuePath(step), message: `${describeNode(step)} is of kind ${row?.kind ?? "?"} but defines a ${parsed.data.type} step.` });
    }
  }
  return issues;
}
