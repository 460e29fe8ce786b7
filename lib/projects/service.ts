// Reading projects (running onboarding programs) and their milestones. Writes happen elsewhere:
// projects are created by startOnboarding and move through the progress cascade.
import "server-only";
import { type SQL, and, asc, eq, sql } from "drizzle-orm";
import type { DbOrTx } from "../../db/client";
import { entities, milestones, projects, projectTemplates, tasks, users } from "../../db/schema";
import { notFound } from "../api/errors";
import { authorize } from "../api/handler";
import { afterCursor, type Page, pageLimit, toPage } from "../api/pagination";
import type { Principal } from "../auth/principal";
import { type TaskDto, toTaskDtos } from "../tasks/dto";
import { visibleTasks } from "../tasks/scope";
import { statusFilterId } from "../tasks/status-filter";
import { type MilestoneDto, type ProjectDetailDto, type ProjectDto, selectProjects, toMilestoneDtos, toProjectDetail, toProjectDtos } from "./dto";
import { visibleProjects } from "./scope";
import type { ProjectListQuery } from "./validators";

export type { MilestoneDto, ProjectDetailDto, ProjectDto } from "./dto";

export async function listProjects(db: DbOrTx, principal: Principal, query: ProjectListQuery): Promise<Page<ProjectDto>> {
  authorize(principal, "tasks:read");
  const limit = pageLimit(query.limit);
  const conditions: (SQL | undefined)[] = [visibleProjects(principal), afterCursor(projects.id, query.cursor)];
  if (query.onboardee_id !== undefined) conditions.push(eq(projects.onboardeeId, query.onboardee_id));
  if (query.status !== undefined) conditions.push(eq(projects.statusId, await statusFilterId(db, "project", query.status)));
  if (query.template_id !== undefined) {
    // Any revision of the program: "who is on the backend program" should not depend on which one they started.
    conditions.push(sql`${projects.projectTemplateId} in (select t.id from ${projectTemplates} t
      where coalesce(t.lineage_id, t.id) = (select coalesce(o.lineage_id, o.id) from ${projectTemplates} o where o.id = ${query.template_id}))`);
  }
  const rows = await selectProjects(db)
    .where(and(...conditions))
    .orderBy(asc(projects.id))
    .limit(limit + 1);
  const page = toPage(rows.map((r) => ({ ...r, id: r.project.id })), limit, (row) => row);
  return { items: await toProjectDtos(db, page.items), next_cursor: page.next_cursor };
}

export async function getProject(db: DbOrTx, principal: Principal, params: { id: number }): Promise<ProjectDetailDto> {
  authorize(principal, "tasks:read");
  return readProjectDetail(db, principal, params.id);
}

/** One visible project with its milestones (also the answer of startOnboarding, read in its transaction). */
export async function readProjectDetail(db: DbOrTx, principal: Principal, id: number): Promise<ProjectDetailDto> {
  const [row] = await selectProjects(db)
    .where(and(eq(projects.id, id), visibleProjects(principal)))
    .limit(1);
  if (!row) throw notFound("project");
  return toProjectDetail(db, row);
}

export type MilestoneDetailDto = MilestoneDto & { tasks: TaskDto[] };

export async function getMilestone(db: DbOrTx, principal: Principal, params: { id: number }): Promise<MilestoneDetailDto> {
  authorize(principal, "tasks:read");
  const [row] = await db
    .select({ milestone: milestones, timeZone: sql<string>`coalesce(${users.timeZone}, ${entities.timeZone}, 'UTC')` })
    .from(milestones)
    .innerJoin(projects, eq(projects.id, milestones.projectId))
    .leftJoin(users, eq(users.id, projects.onboardeeId))
    .leftJoin(entities, eq(entities.id, users.entityId))
    .where(and(eq(milestones.id, params.id), visibleProjects(principal)))
    .limit(1);
  if (!row) throw notFound("milestone");
  const [dto] = await toMilestoneDtos(db, [row.milestone], row.timeZone);
  if (!dto) throw notFound("milestone");
  const taskRows = await db
    .select()
    .from(tasks)
    .where(and(eq(tasks.milestoneId, params.id), visibleTasks(principal)))
    .orderBy(asc(tasks.position), asc(tasks.id));
  return { ...dto, tasks: await toTaskDtos(db, taskRows) };
}
