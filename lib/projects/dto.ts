// How projects and milestones leave the API, with their progress (done tasks / tasks that still
// count — cancelled ones do not) and an overdue flag judged by the onboardee's calendar.
import "server-only";
import { type SQL, asc, eq, inArray, sql } from "drizzle-orm";
import type { DbOrTx } from "../../db/client";
import { entities, type Milestone, milestones, type Project, projects, statuses, tasks, users } from "../../db/schema";
import { statusById } from "../statuses/service";
import { iso } from "../tasks/dto";
import { todayIn } from "../tasks/due-dates";

export type Progress = { done: number; total: number };

export type MilestoneDto = {
  id: number;
  project_id: number | null;
  name: string;
  description: string;
  position: number;
  milestone_template_id: number | null;
  start_date: string | null;
  end_date: string | null;
  expected_hours: number;
  status_id: number | null;
  status: string | null;
  started_at: string | null;
  completed_at: string | null;
  version: number;
  progress: Progress;
  /** Its end date has passed (in the onboardee's time zone) and it is not completed or cancelled. */
  overdue: boolean;
};

export type ProjectDto = {
  id: number;
  name: string;
  description: string | null;
  status_id: number | null;
  status: string | null;
  entity_id: number | null;
  onboardee_id: number | null;
  onboardee_name: string | null;
  project_template_id: number | null;
  start_date: string | null;
  due_date: string | null;
  started_at: string | null;
  completed_at: string | null;
  created_at: string;
  created_by: number | null;
  version: number;
  progress: Progress;
  overdue: boolean;
};

export type ProjectDetailDto = ProjectDto & { milestones: MilestoneDto[] };

/** Projects with what their DTOs need: the onboardee's name and time zone. */
export function selectProjects(db: DbOrTx) {
  return db
    .select({
      project: projects,
      onboardeeName: users.name,
      timeZone: sql<string>`coalesce(${users.timeZone}, ${entities.timeZone}, 'UTC')`,
    })
    .from(projects)
    .leftJoin(users, eq(users.id, projects.onboardeeId))
    .leftJoin(entities, eq(entities.id, users.entityId));
}

export type ProjectRow = { project: Project; onboardeeName: string | null; timeZone: string };

/** Task progress per project and per milestone, counted in SQL. */
async function progressOf(db: DbOrTx, where: SQL): Promise<{ byProject: Map<number, Progress>; byMilestone: Map<number, Progress> }> {
  const rows = await db
    .select({
      projectId: tasks.projectId,
      milestoneId: tasks.milestoneId,
      done: sql<number>`count(*) filter (where ${statuses.code} = 'done')`.mapWith(Number),
      total: sql<number>`count(*) filter (where ${statuses.code} is distinct from 'cancelled')`.mapWith(Number),
    })
    .from(tasks)
    .leftJoin(statuses, eq(statuses.id, tasks.statusId))
    .where(where)
    .groupBy(tasks.projectId, tasks.milestoneId);
  const byProject = new Map<number, Progress>();
  const byMilestone = new Map<number, Progress>();
  for (const r of rows) {
    if (r.projectId !== null) {
      const p = byProject.get(r.projectId) ?? { done: 0, total: 0 };
      byProject.set(r.projectId, { done: p.done + r.done, total: p.total + r.total });
    }
    if (r.milestoneId !== null) byMilestone.set(r.milestoneId, { done: r.done, total: r.total });
  }
  return { byProject, byMilestone };
}

async function statusFields(db: DbOrTx, statusId: number | null) {
  const status = statusId === null ? undefined : await statusById(db, statusId);
  return { status_id: statusId, status: status?.code ?? null, isFinal: status?.isFinal === true };
}

function toMilestone(m: Milestone, progress: Progress | undefined, today: string, s: Awaited<ReturnType<typeof statusFields>>): MilestoneDto {
  return {
    id: m.id,
    project_id: m.projectId,
    name: m.name,
    description: m.description,
    position: m.position,
    milestone_template_id: m.milestoneTemplateId,
    start_date: m.startDate,
    end_date: m.endDate,
    expected_hours: m.expectedHours,
    status_id: s.status_id,
    status: s.status,
    started_at: iso(m.startedAt),
    completed_at: iso(m.completedAt),
    version: m.version,
    progress: progress ?? { done: 0, total: 0 },
    overdue: m.endDate !== null && m.endDate < today && !s.isFinal,
  };
}

export async function toProjectDtos(db: DbOrTx, rows: ProjectRow[], now = new Date()): Promise<ProjectDto[]> {
  const ids = rows.map((r) => r.project.id);
  const { byProject } = ids.length ? await progressOf(db, inArray(tasks.projectId, ids)) : { byProject: new Map<number, Progress>() };
  return Promise.all(
    rows.map(async ({ project: p, onboardeeName, timeZone }) => {
      const { isFinal, ...status } = await statusFields(db, p.statusId);
      return {
        id: p.id,
        name: p.name,
        description: p.description,
        ...status,
        entity_id: p.entityId,
        onboardee_id: p.onboardeeId,
        onboardee_name: onboardeeName,
        project_template_id: p.projectTemplateId,
        start_date: p.startDate,
        due_date: p.dueDate,
        started_at: iso(p.startedAt),
        completed_at: iso(p.completedAt),
        created_at: p.createdAt.toISOString(),
        created_by: p.createdBy,
        version: p.version,
        progress: byProject.get(p.id) ?? { done: 0, total: 0 },
        overdue: p.dueDate !== null && p.dueDate < todayIn(timeZone, now) && !isFinal,
      };
    }),
  );
}

export async function toProjectDetail(db: DbOrTx, row: ProjectRow, now = new Date()): Promise<ProjectDetailDto> {
  const [dto] = await toProjectDtos(db, [row], now);
  if (!dto) throw new Error("toProjectDtos returned no project");
  const rows = await db.select().from(milestones).where(eq(milestones.projectId, row.project.id)).orderBy(asc(milestones.position), asc(milestones.id));
  return { ...dto, milestones: await toMilestoneDtos(db, rows, row.timeZone, now) };
}

export async function toMilestoneDtos(db: DbOrTx, rows: Milestone[], timeZone: string, now = new Date()): Promise<MilestoneDto[]> {
  const ids = rows.map((m) => m.id);
  const { byMilestone } = ids.length ? await progressOf(db, inArray(tasks.milestoneId, ids)) : { byMilestone: new Map<number, Progress>() };
  const today = todayIn(timeZone, now);
  return Promise.all(rows.map(async (m) => toMilestone(m, byMilestone.get(m.id), today, await statusFields(db, m.statusId))));
}
