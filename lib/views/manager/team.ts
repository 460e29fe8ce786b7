// The parts of the manager dashboard no service answers: the team's finished work per week over the
// last weeks (from tasks.completed_at, reached through the task_assignee index by owner) and each
// member's specialization level. The team is the one lib/scores/team.ts scores — a manager's direct
// reports or an entity subtree, active members the principal may see — so the charts and the score
// table always describe the same people.
import "server-only";
import { and, asc, eq, type SQL, sql } from "drizzle-orm";
import { type DbOrTx, queryRows } from "../../../db/client";
import { entities, type SpecializationLevel, users } from "../../../db/schema";
import { notFound } from "../../api/errors";
import { authorize } from "../../api/handler";
import type { Principal } from "../../auth/principal";
import { visibleEntities, visibleUsers } from "../../auth/scope";
import { inSubtree } from "../../scores/queries";
import { standingsOf } from "../../specializations/evaluate";
import { visibleTasks } from "../../tasks/scope";

/** A manager's direct reports (the principal's own by default), or everyone in an entity subtree. */
export type TeamSelector = { entityId?: number; managerId?: number };

export type WeekCount = {
  /** Monday of the week, as a calendar date where the reader lives. */
  week_start: string;
  completed: number;
  /** Completed by the due date (or without one). */
  on_time: number;
  late: number;
};

export type MemberLevel = { user_id: number; name: string; level: SpecializationLevel | null };

export type TeamOverview = { members: number; weeks: WeekCount[]; levels: MemberLevel[] };

export const TREND_WEEKS = 12;

/** The team's active members the principal may see; an unknown or hidden manager or entity is a 404. */
export async function teamMembers(db: DbOrTx, principal: Principal, team: TeamSelector): Promise<{ id: number; name: string }[]> {
  if (principal.role === "employee") throw notFound("team");
  authorize(principal, "scores:read");
  let members: SQL;
  if (team.entityId !== undefined) {
    const [entity] = await db
      .select({ path: entities.path })
      .from(entities)
      .where(and(eq(entities.id, team.entityId), visibleEntities(principal)));
    if (!entity) throw notFound("entity");
    members = sql`${users.entityId} in (select e.id from entities e where ${inSubtree(sql`e.path`, entity.path)})`;
  } else {
    const [manager] = await db
      .select({ id: users.id })
      .from(users)
      .where(and(eq(users.id, team.managerId ?? principal.userId), visibleUsers(principal)));
    if (!manager) throw notFound("manager");
    members = eq(users.managerId, manager.id);
  }
  return db
    .select({ id: users.id, name: users.name })
    .from(users)
    .where(and(members, eq(users.isActive, true), visibleUsers(principal)))
    .orderBy(asc(users.name), asc(users.id));
}

export async function teamOverview(
  db: DbOrTx,
  principal: Principal,
  params: TeamSelector & { timeZone: string; weeks?: number; now?: Date },
): Promise<TeamOverview> {
  const members = await teamMembers(db, principal, params);
  const ids = members.map((m) => m.id);
  const weeks = await weeklyCompletions(db, principal, ids, { timeZone: params.timeZone, weeks: params.weeks ?? TREND_WEEKS, now: params.now ?? new Date() });
  const standings = await standingsOf(db, ids);
  const levels = members.map((m) => ({
    user_id: m.id,
    name: m.name,
    level: standings.get(m.id)?.levels.filter((l) => l.unlocked).at(-1)?.level ?? null,
  }));
  return { members: members.length, weeks, levels };
}

/**
 * Owned tasks of the members completed in each of the last `weeks` weeks (Monday to Sunday in the
 * reader's time zone, the current week last), every week present even when nothing was finished.
 */
async function weeklyCompletions(
  db: DbOrTx,
  principal: Principal,
  memberIds: readonly number[],
  options: { timeZone: string; weeks: number; now: Date },
): Promise<WeekCount[]> {
  const ids = memberIds.length ? sql.join(memberIds.map((id) => sql`${id}`), sql`, `) : sql`null`;
  const now = sql`${options.now.toISOString()}::timestamptz`;
  const rows = await queryRows<{ week_start: string; completed: number; on_time: number }>(
    db,
    sql`with span as (
          select date_trunc('week', ${now} at time zone ${options.timeZone}) - make_interval(weeks => ${options.weeks - 1}::int) as first_week
        ),
        weeks as (
          select generate_series(first_week, first_week + make_interval(weeks => ${options.weeks - 1}::int), interval '1 week') as week from span
        ),
        done as (
          select date_trunc('week', tasks.completed_at at time zone ${options.timeZone}) as week,
                 (tasks.due_date is null or tasks.completed_at <= tasks.due_date) as on_time
          from task_assignee ta join tasks on tasks.id = ta.task_id
          where ta.assignee_id in (${ids}) and ta.role = 'owner'
            and tasks.completed_at >= (select first_week from span) at time zone ${options.timeZone}
            and tasks.completed_at <= ${now}
            and ${visibleTasks(principal)}
        )
        select to_char(w.week, 'YYYY-MM-DD') as week_start,
               count(d.week)::int as completed,
               (count(d.week) filter (where d.on_time))::int as on_time
        from weeks w left join done d on d.week = w.week
        group by w.week
        order by w.week`,
  );
  return rows.map((r) => ({ week_start: r.week_start, completed: r.completed, on_time: r.on_time, late: r.completed - r.on_time }));
}
