// The project as POST /api/onboarding/start answers it (lib/projects/service.ts readProjectDetail,
// lib/projects/dto.ts): the project under the manager's scope, its progress, its milestones and theirs.
import { todayIn } from "../../lib/tasks/due-dates";
import { type Catalogue, HttpError, iso, placeholders, type Principal, type Queryable, rows } from "./common";

type Progress = { done: number; total: number };

async function progressOf(tx: Queryable, column: "project_id" | "milestone_id", ids: number[]) {
  const found = await rows<{ project_id: number | null; milestone_id: number | null; done: string; total: string }>(
    tx,
    `select "tasks"."project_id", "tasks"."milestone_id", count(*) filter (where "statuses"."code" = 'done') as done, count(*) filter (where "statuses"."code" is distinct from 'cancelled') as total from "tasks" left join "statuses" on "statuses"."id" = "tasks"."status_id" where "tasks"."${column}" in (${placeholders(ids.length)}) group by "tasks"."project_id", "tasks"."milestone_id"`,
    ids,
  );
  const byProject = new Map<number, Progress>();
  const byMilestone = new Map<number, Progress>();
  for (const r of found) {
    const done = Number(r.done);
    const total = Number(r.total);
    if (r.project_id !== null) {
      const p = byProject.get(r.project_id) ?? { done: 0, total: 0 };
      byProject.set(r.project_id, { done: p.done + done, total: p.total + total });
    }
    if (r.milestone_id !== null) byMilestone.set(r.milestone_id, { done, total });
  }
  return { byProject, byMilestone };
}

type ProjectRow = { id: number; name: string; description: string | null; status_id: number | null; entity_id: number | null; created_at: Date; created_by: number | null; project_template_id: number | null; onboardee_id: number | null; start_date: string | null; due_date: string | null; started_at: Date | null; completed_at: Date | null; version: number; onboardee_name: string | null; time_zone: string };
type MilestoneRow = { id: number; name: string; description: string; project_id: number | null; milestone_template_id: number | string | null; start_date: string | null; end_date: string | null; expected_hours: number | string; status_id: number | null; position: number; started_at: Date | null; completed_at: Date | null; version: number };

export async function projectDetail(tx: Queryable, principal: Principal, id: number, statuses: Catalogue) {
  const [p] = await rows<ProjectRow>(
    tx,
    `select "projects"."id", "projects"."name", "projects"."description", "projects"."status_id", "projects"."entity_id", "projects"."created_at", "projects"."created_by", "projects"."project_template_id", "projects"."onboardee_id", "projects"."start_date", "projects"."due_date", "projects"."started_at", "projects"."completed_at", "projects"."updated_at", "projects"."version", "users"."name" as onboardee_name, coalesce("users"."time_zone", "entities"."time_zone", 'UTC') as time_zone from "projects" left join "users" on "users"."id" = "projects"."onboardee_id" left join "entities" on "entities"."id" = "users"."entity_id" where ("projects"."id" = $1 and ("projects"."onboardee_id" = $2 or "projects"."entity_id" in (select "entities"."id" from "entities" where "entities"."path" like $3) or "projects"."onboardee_id" in (select "users"."id" from "users" where "users"."manager_id" = $4))) limit $5`,
    [id, principal.userId, `${principal.entityPath}%`, principal.userId, 1],
  );
  if (!p) throw new HttpError(404, "project not found");
  const { byProject } = await progressOf(tx, "project_id", [p.id]);
  const today = todayIn(p.time_zone);
  const status = p.status_id === null ? undefined : statuses.byId.get(p.status_id);
  const milestones = await rows<MilestoneRow>(
    tx,
    `select "id", "name", "description", "project_id", "milestone_template_id", "start_date", "end_date", "expected_hours", "status_id", "position", "started_at", "completed_at", "created_at", "updated_at", "version" from "milestones" where "milestones"."project_id" = $1 order by "milestones"."position" asc, "milestones"."id" asc`,
    [p.id],
  );
  const { byMilestone } = milestones.length ? await progressOf(tx, "milestone_id", milestones.map((m) => m.id)) : { byMilestone: new Map<number, Progress>() };
  return {
    id: p.id,
    name: p.name,
    description: p.description,
    status_id: p.status_id,
    status: status?.code ?? null,
    entity_id: p.entity_id,
    onboardee_id: p.onboardee_id,
    onboardee_name: p.onboardee_name,
    project_template_id: p.project_template_id,
    start_date: p.start_date,
    due_date: p.due_date,
    started_at: iso(p.started_at),
    completed_at: iso(p.completed_at),
    created_at: p.created_at.toISOString(),
    created_by: p.created_by,
    version: p.version,
    progress: byProject.get(p.id) ?? { done: 0, total: 0 },
    overdue: p.due_date !== null && p.due_date < today && status?.is_final !== true,
    milestones: milestones.map((m) => {
      const s = m.status_id === null ? undefined : statuses.byId.get(m.status_id);
      return {
        id: m.id,
        project_id: m.project_id,
        name: m.name,
        description: m.description,
        position: m.position,
        milestone_template_id: m.milestone_template_id === null ? null : Number(m.milestone_template_id),
        start_date: m.start_date,
        end_date: m.end_date,
        expected_hours: Number(m.expected_hours),
        status_id: m.status_id,
        status: s?.code ?? null,
        started_at: iso(m.started_at),
        completed_at: iso(m.completed_at),
        version: m.version,
        progress: byMilestone.get(m.id) ?? { done: 0, total: 0 },
        overdue: m.end_date !== null && m.end_date < today && s?.is_final !== true,
      };
    }),
  };
}
