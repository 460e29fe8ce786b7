// What the template builder pages read: the program list with how often each revision is in use,
// and one program as a whole tree (milestones → task templates with their steps, professions and
// parents). Composed from the template services, so every part keeps their scope and redaction.
import "server-only";
import { and, count, inArray } from "drizzle-orm";
import type { DbOrTx } from "../../../db/client";
import { professions, projects } from "../../../db/schema";
import type { Page } from "../../api/pagination";
import type { Principal } from "../../auth/principal";
import { visibleProfessions } from "../../entities/professions";
import { visibleProjects } from "../../projects/scope";
import type { ProjectTemplateDto } from "../../templates/dto";
import { getProjectTemplate, listProjectTemplates, type ProjectTemplateDetailDto } from "../../templates/project-templates";
import { getTaskTemplate, type TaskTemplateDetailDto } from "../../templates/task-templates";
import type { ProjectTemplateListQuery } from "../../templates/validators";
import { subtreeEntityIdList } from "./scope";

export type ProgramListItem = ProjectTemplateDto & {
  /** Projects started from this exact revision that the admin can see. */
  projects: number;
  profession_name: string | null;
  writable: boolean;
};

/** One program with every task template of its milestones read in full (steps, professions, parents). */
export type ProgramTree = ProjectTemplateDetailDto & { tasks: Record<number, TaskTemplateDetailDto> };

export async function programList(db: DbOrTx, principal: Principal, query: ProjectTemplateListQuery): Promise<Page<ProgramListItem>> {
  const page = await listProjectTemplates(db, principal, query);
  const ids = page.items.map((p) => p.id);
  const professionIds = [...new Set(page.items.flatMap((p) => (p.profession_id === null ? [] : [p.profession_id])))];
  const [usage, named, writable] = await Promise.all([
    programUsage(db, principal, ids),
    professionIds.length
      ? db
          .select({ id: professions.id, name: professions.name })
          .from(professions)
          .where(and(inArray(professions.id, professionIds), visibleProfessions(principal)))
      : Promise.resolve([]),
    subtreeEntityIdList(db, principal),
  ]);
  const nameOf = new Map(named.map((p) => [p.id, p.name]));
  return {
    next_cursor: page.next_cursor,
    items: page.items.map((p) => ({
      ...p,
      projects: usage.get(p.id) ?? 0,
      profession_name: p.profession_id === null ? null : (nameOf.get(p.profession_id) ?? null),
      writable: p.entity_id !== null && writable.has(p.entity_id),
    })),
  };
}

/**
 * Projects started from each revision, counted among the projects the admin may see: a shared
 * program's use in other organisations is theirs to know.
 */
export async function programUsage(db: DbOrTx, principal: Principal, templateIds: number[]): Promise<Map<number, number>> {
  if (!templateIds.length) return new Map();
  const rows = await db
    .select({ id: projects.projectTemplateId, n: count() })
    .from(projects)
    .where(and(inArray(projects.projectTemplateId, templateIds), visibleProjects(principal)))
    .groupBy(projects.projectTemplateId);
  return new Map(rows.flatMap((r) => (r.id === null ? [] : [[r.id, r.n] as const])));
}

export async function programTree(db: DbOrTx, principal: Principal, params: { id: number }): Promise<ProgramTree> {
  const program = await getProjectTemplate(db, principal, params);
  const taskIds = [...new Set(program.milestones.flatMap((m) => m.task_templates.map((t) => t.id)))];
  const tasks: Record<number, TaskTemplateDetailDto> = {};
  // One after another: inside a transaction the reads share one connection anyway.
  for (const id of taskIds) tasks[id] = await getTaskTemplate(db, principal, { id });
  return { ...program, tasks };
}

export type ProgramPage = {
  tree: ProgramTree;
  projects: number;
  /** Entities whose templates this admin may change (their subtree). */
  writableEntityIds: number[];
};

export async function programPage(db: DbOrTx, principal: Principal, params: { id: number }): Promise<ProgramPage> {
  const tree = await programTree(db, principal, params);
  const [usage, writable] = await Promise.all([programUsage(db, principal, [tree.id]), subtreeEntityIdList(db, principal)]);
  return { tree, projects: usage.get(tree.id) ?? 0, writableEntityIds: [...writable] };
}
