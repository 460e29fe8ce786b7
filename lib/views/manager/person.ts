// One team member as their manager sees them: who they are, their scores and specialization
// standing (through the scores and specializations services), their programs with progress, and
// their overdue work — owned tasks past due and not final, the same rule as the overdue counter
// (lib/scores/queries.ts), so the list and the number beside it agree.
import "server-only";
import { and, eq, sql } from "drizzle-orm";
import { alias } from "drizzle-orm/pg-core";
import { type DbOrTx, queryRows } from "../../../db/client";
import { entities, professions, users } from "../../../db/schema";
import { notFound } from "../../api/errors";
import { authorize } from "../../api/handler";
import type { Principal } from "../../auth/principal";
import { visibleUsers } from "../../auth/scope";
import { getProject, listProjects, type ProjectDetailDto } from "../../projects/service";
import { getUserScores, type UserScoresDto } from "../../scores/read";
import { getUserSpecializations } from "../../specializations/service";
import { visibleTasks } from "../../tasks/scope";
import { type SpecializationView, specializationView } from "../specialization";

export type PersonSummary = {
  id: number;
  name: string;
  email: string;
  is_active: boolean;
  entity: { id: number; name: string };
  profession: string | null;
  manager: { id: number; name: string } | null;
};

export type OverdueTask = { id: number; name: string; due_date: string; status: string | null; project_name: string | null };

export type PersonOverview = {
  person: PersonSummary;
  scores: UserScoresDto;
  standing: SpecializationView;
  projects: ProjectDetailDto[];
  overdue: OverdueTask[];
};

/** A person runs one program at a time, rarely a few. */
const PROJECT_LIMIT = 10;
/** More than this is a conversation, not a list. */
export const OVERDUE_LIMIT = 50;

export async function personOverview(db: DbOrTx, principal: Principal, params: { userId: number; now?: Date }): Promise<PersonOverview> {
  // The manager pages: an employee has no one else to look at, and looking is answered as absence.
  if (principal.role === "employee") throw notFound("user");
  authorize(principal, "scores:read");
  const manager = alias(users, "manager");
  const [row] = await db
    .select({
      id: users.id,
      name: users.name,
      email: users.email,
      isActive: users.isActive,
      entityId: entities.id,
      entityName: entities.name,
      profession: professions.name,
      managerId: manager.id,
      managerName: manager.name,
    })
    .from(users)
    .innerJoin(entities, eq(entities.id, users.entityId))
    .leftJoin(professions, eq(professions.id, users.professionId))
    .leftJoin(manager, eq(manager.id, users.managerId))
    .where(and(eq(users.id, params.userId), visibleUsers(principal)))
    .limit(1);
  if (!row) throw notFound("user");

  const scores = await getUserScores(db, principal, { userId: row.id });
  const standing = specializationView(await getUserSpecializations(db, principal, { userId: row.id }));
  const page = await listProjects(db, principal, { onboardee_id: row.id, limit: PROJECT_LIMIT });
  const projects: ProjectDetailDto[] = [];
  for (const project of page.items) projects.push(await getProject(db, principal, { id: project.id }));
  // Running programs first, then the finished ones, newest first within each.
  projects.sort((a, b) => Number(a.completed_at !== null) - Number(b.completed_at !== null) || b.id - a.id);

  return {
    person: {
      id: row.id,
      name: row.name,
      email: row.email,
      is_active: row.isActive,
      entity: { id: row.entityId, name: row.entityName },
      profession: row.profession,
      manager: row.managerId === null || row.managerName === null ? null : { id: row.managerId, name: row.managerName },
    },
    scores,
    standing,
    projects,
    overdue: await overdueTasksOf(db, principal, row.id, params.now ?? new Date()),
  };
}

/** Owned tasks past their due date and not in a final state, most overdue first, that the principal sees. */
async function overdueTasksOf(db: DbOrTx, principal: Principal, userId: number, now: Date): Promise<OverdueTask[]> {
  const rows = await queryRows<{ id: number; name: string; due_date: Date | string; status: string | null; project_name: string | null }>(
    db,
    sql`select tasks.id, tasks.name, tasks.due_date, s.code as status, p.name as project_name
        from task_assignee ta
        join tasks on tasks.id = ta.task_id
        left join statuses s on s.id = tasks.status_id
        left join projects p on p.id = tasks.project_id
        where ta.assignee_id = ${userId} and ta.role = 'owner'
          and tasks.completed_at is null and tasks.due_date < ${now.toISOString()}::timestamptz
          and not coalesce(s.is_final, false)
          and ${visibleTasks(principal)}
        order by tasks.due_date, tasks.id
        limit ${OVERDUE_LIMIT}`,
  );
  return rows.map((r) => ({ ...r, due_date: new Date(r.due_date).toISOString() }));
}
