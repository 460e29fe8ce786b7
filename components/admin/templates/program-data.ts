"use client";
// The program tree in the browser: read through the REST API in the same shape the server page
// prefetches (lib/views/admin/programs.ts), kept under one query key, and every change sent
// through the template routes with the version of the row it was made on.
import { useQuery, useQueryClient } from "@tanstack/react-query";
import { createContext, useContext } from "react";
import { queryKeys } from "@/components/query/query-keys";
import type { StepTemplateDto, TaskTemplateDto } from "@/lib/templates/dto";
import type { MilestoneTemplateDetailDto } from "@/lib/templates/milestone-templates";
import type { ProjectTemplateDetailDto } from "@/lib/templates/project-templates";
import type { TaskTemplateDetailDto } from "@/lib/templates/task-templates";
import type { ProgramTree } from "@/lib/views/admin/programs";
import { apiFetch, ApiProblem } from "@/components/query/api";

export type { ProgramTree };
export type ProgramMilestone = ProjectTemplateDetailDto["milestones"][number];
export type TemplateKind = "project" | "milestone" | "task" | "step";
export type Versioned = { id: number; version: number; is_draft: boolean; entity_id: number | null };

export const TEMPLATE_API: Record<TemplateKind, string> = {
  project: "/api/project-templates",
  milestone: "/api/milestone-templates",
  task: "/api/task-templates",
  step: "/api/step-templates",
};

export const programKey = (id: number) => queryKeys.templates.detail("program", id);

export async function fetchProgramTree(id: number, signal?: AbortSignal): Promise<ProgramTree> {
  const program = await apiFetch<ProjectTemplateDetailDto>(`${TEMPLATE_API.project}/${id}`, { signal });
  const ids = [...new Set(program.milestones.flatMap((m) => m.task_templates.map((t) => t.id)))];
  const tasks = await Promise.all(ids.map((taskId) => apiFetch<TaskTemplateDetailDto>(`${TEMPLATE_API.task}/${taskId}`, { signal })));
  return { ...program, tasks: Object.fromEntries(tasks.map((t) => [t.id, t])) };
}

export function useProgramTree(id: number) {
  return useQuery({ queryKey: programKey(id), queryFn: ({ signal }) => fetchProgramTree(id, signal) });
}

/** What every builder part needs: which program, which rows this admin may change, and a refresh. */
export type Builder = {
  programId: number;
  writableEntityIds: ReadonlySet<number>;
  professions: { id: number; name: string }[];
};

export const BuilderContext = createContext<Builder | null>(null);

export function useBuilder() {
  const builder = useContext(BuilderContext);
  if (!builder) throw new Error("useBuilder outside the program builder");
  const client = useQueryClient();
  const refresh = () => client.invalidateQueries({ queryKey: programKey(builder.programId) });
  /** A draft of the admin's own part of the organisation: the only rows the services let them change. */
  const editable = (node: Pick<Versioned, "is_draft" | "entity_id">) => node.is_draft && node.entity_id !== null && builder.writableEntityIds.has(node.entity_id);
  /** Published but the admin's own: it can be revised into a new draft. */
  const revisable = (node: Pick<Versioned, "is_draft" | "entity_id">) => !node.is_draft && node.entity_id !== null && builder.writableEntityIds.has(node.entity_id);
  return { ...builder, refresh, editable, revisable };
}

// ── requests ────────────────────────────────────────────────────────────────────────────────

export type MilestoneLink = { milestone_template_id: number; start_offset_days: number; duration_days: number };

export const linksOf = (program: ProjectTemplateDetailDto): MilestoneLink[] =>
  program.milestones.map((m) => ({ milestone_template_id: m.id, start_offset_days: m.start_offset_days, duration_days: m.duration_days }));

export function updateTemplate<T>(kind: TemplateKind, node: Versioned, changes: Record<string, unknown>): Promise<T> {
  return apiFetch<T>(`${TEMPLATE_API[kind]}/${node.id}`, { method: "PATCH", body: { ...changes, version: node.version } });
}

export function createTemplate<T extends { id: number }>(kind: TemplateKind, body: Record<string, unknown>): Promise<T> {
  return apiFetch<T>(TEMPLATE_API[kind], { method: "POST", body });
}

export function deleteTemplate(kind: TemplateKind, node: Versioned): Promise<null> {
  return apiFetch<null>(`${TEMPLATE_API[kind]}/${node.id}`, { method: "DELETE", ifMatch: node.version });
}

export function publishTemplate<T>(kind: TemplateKind, node: Versioned): Promise<T> {
  return apiFetch<T>(`${TEMPLATE_API[kind]}/${node.id}/publish`, { method: "POST", body: { version: node.version } });
}

/**
 * A new draft revision of a published template. One draft per template may be open; when another
 * one already is, the server names it, and that draft is the one to work on.
 */
export async function draftOf(kind: TemplateKind, node: Versioned): Promise<{ id: number; existing: boolean }> {
  try {
    const draft = await apiFetch<{ id: number }>(`${TEMPLATE_API[kind]}/${node.id}/drafts`, { method: "POST", body: { version: node.version } });
    return { id: draft.id, existing: false };
  } catch (error) {
    const open = error instanceof ApiProblem && error.status === 409 ? error.extra.draft_id : undefined;
    if (typeof open === "number") return { id: open, existing: true };
    throw error;
  }
}

export function putMilestones(program: Versioned, links: MilestoneLink[]): Promise<ProjectTemplateDetailDto> {
  return apiFetch(`${TEMPLATE_API.project}/${program.id}/milestones`, { method: "PUT", body: links, ifMatch: program.version });
}

export function putTasks(milestone: Versioned, taskIds: number[]): Promise<MilestoneTemplateDetailDto> {
  return apiFetch(`${TEMPLATE_API.milestone}/${milestone.id}/tasks`, {
    method: "PUT",
    body: taskIds.map((id) => ({ task_template_id: id })),
    ifMatch: milestone.version,
  });
}

export function putSteps(task: Versioned, stepIds: number[]): Promise<TaskTemplateDetailDto> {
  return apiFetch(`${TEMPLATE_API.task}/${task.id}/steps`, { method: "PUT", body: stepIds.map((id) => ({ step_template_id: id })), ifMatch: task.version });
}

export function putParents(task: Versioned, parentIds: number[]): Promise<TaskTemplateDetailDto> {
  return apiFetch(`${TEMPLATE_API.task}/${task.id}/parents`, { method: "PUT", body: parentIds, ifMatch: task.version });
}

export function putProfessions(task: Versioned, professionIds: number[]): Promise<TaskTemplateDetailDto> {
  return apiFetch(`${TEMPLATE_API.task}/${task.id}/professions`, { method: "PUT", body: professionIds, ifMatch: task.version });
}

/** The list with one id replaced, in place: a child's new draft takes its revision's position. */
export const replaceId = (ids: number[], from: number, to: number) => ids.map((id) => (id === from ? to : id));

export type { StepTemplateDto, TaskTemplateDto };
