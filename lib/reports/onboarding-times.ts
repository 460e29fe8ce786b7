// Time to complete: how long programs and their milestones take from started_at to completed_at,
// per program (template lineage, so every revision counts together) and onboardee profession.
// Working time leaves Saturdays and Sundays out, read on the wall clock of the project's entity:
// a program started Friday 17:00 and finished Monday 09:00 took 16 working hours, not 64.
import "server-only";
import { type SQL, sql } from "drizzle-orm";
import { type DbOrTx, queryRows } from "../../db/client";
import { withinPeriod } from "./period";
import type { DurationStats, MilestoneTimeRow, ProgramTimeRow } from "./result";
import { lineageTemplateIds, type ResolvedScope } from "./scope";
import type { ReportPeriod } from "./validators";

export const TIME_TO_COMPLETE_DEFINITION =
  "working time from started_at to completed_at of completed programs and milestones (Saturdays and Sundays in the entity's time zone left out; a working day is 24 working hours), per program and profession: count, mean and median";

const WEEK = 604_800;
const WORK_WEEK = 432_000;

/**
 * Working seconds from a fixed Monday (2001-01-01 00:00) to `at` on the wall clock of `timeZone`:
 * whole weeks count five days each, and the part of the current week is capped at Friday's end.
 * The difference of two such values is the working time between them.
 */
function workingSecondsAt(at: SQL, timeZone: SQL): SQL {
  const s = sql`extract(epoch from ((${at}) at time zone ${timeZone}) - timestamp '2001-01-01 00:00')`;
  return sql`(floor(${s} / ${WEEK}) * ${WORK_WEEK} + least(${s} - floor(${s} / ${WEEK}) * ${WEEK}, ${WORK_WEEK}))`;
}

const workingHours = (from: SQL, to: SQL, timeZone: SQL) =>
  sql`((${workingSecondsAt(to, timeZone)} - ${workingSecondsAt(from, timeZone)}) / 3600.0)`;

/** The newest published revision's name of a template lineage (a draft's only while none is published). */
const lineageName = (table: "project_templates" | "milestone_templates", lineage: SQL) =>
  sql`(select t.name from ${sql.raw(table)} t where t.id = ${lineage} or t.lineage_id = ${lineage} order by t.is_draft, t.revision desc limit 1)`;

type StatsRow = { count: number; mean_hours: number; median_hours: number };

const round = (value: number, places: number) => Math.round(value * 10 ** places) / 10 ** places;

function durationStats(row: StatsRow): DurationStats {
  return {
    count: row.count,
    mean_working_hours: round(row.mean_hours, 2),
    median_working_hours: round(row.median_hours, 2),
    mean_working_days: round(row.mean_hours / 24, 3),
    median_working_days: round(row.median_hours / 24, 3),
  };
}

/** Completed projects of the scope's members (and of the scope's program, for a program scope). */
function scopedProjects(scope: ResolvedScope, period: ReportPeriod | undefined, completedAt: SQL): SQL {
  const program = scope.lineageId === null ? sql`` : sql` and p.project_template_id in (${lineageTemplateIds(scope.lineageId)})`;
  return sql`p.onboardee_id in (${scope.users}) and p.project_template_id is not null${program}${withinPeriod(completedAt, period)}`;
}

const aggregates = sql`count(*)::int as count, avg(d.hours)::float8 as mean_hours,
  percentile_cont(0.5) within group (order by d.hours)::float8 as median_hours`;

export function programTimesSql(scope: ResolvedScope, period: ReportPeriod | undefined): SQL {
  return sql`select g.*, ${lineageName("project_templates", sql`g.project_template_id`)} as program
        from (
          select d.lineage_id as project_template_id, d.profession_id, pr.name as profession, ${aggregates}
          from (
            select coalesce(pt.lineage_id, pt.id) as lineage_id, u.profession_id,
              ${workingHours(sql`p.started_at`, sql`p.completed_at`, sql`coalesce(e.time_zone, 'UTC')`)} as hours
            from projects p
            join users u on u.id = p.onboardee_id
            join project_templates pt on pt.id = p.project_template_id
            left join entities e on e.id = p.entity_id
            where ${scopedProjects(scope, period, sql`p.completed_at`)} and p.started_at is not null and p.completed_at is not null
          ) d
          left join professions pr on pr.id = d.profession_id
          group by d.lineage_id, d.profession_id, pr.name
        ) g
        order by g.project_template_id, g.profession_id nulls last`;
}

export async function programTimes(db: DbOrTx, scope: ResolvedScope, period: ReportPeriod | undefined): Promise<ProgramTimeRow[]> {
  const rows = await queryRows<{ project_template_id: number; program: string; profession_id: number | null; profession: string | null } & StatsRow>(
    db,
    programTimesSql(scope, period),
  );
  return rows.map((row) => ({
    project_template_id: row.project_template_id,
    program: row.program,
    profession_id: row.profession_id,
    profession: row.profession,
    ...durationStats(row),
  }));
}

export function milestoneTimesSql(scope: ResolvedScope, period: ReportPeriod | undefined): SQL {
  return sql`select g.*, ${lineageName("project_templates", sql`g.project_template_id`)} as program,
          ${lineageName("milestone_templates", sql`g.milestone_template_id`)} as milestone
        from (
          select d.lineage_id as project_template_id, d.milestone_lineage_id as milestone_template_id, min(d.position) as position,
            d.profession_id, pr.name as profession, ${aggregates}
          from (
            select coalesce(pt.lineage_id, pt.id) as lineage_id, coalesce(mt.lineage_id, mt.id) as milestone_lineage_id, m.position,
              u.profession_id, ${workingHours(sql`m.started_at`, sql`m.completed_at`, sql`coalesce(e.time_zone, 'UTC')`)} as hours
            from projects p
            join milestones m on m.project_id = p.id
            join milestone_templates mt on mt.id = m.milestone_template_id
            join users u on u.id = p.onboardee_id
            join project_templates pt on pt.id = p.project_template_id
            left join entities e on e.id = p.entity_id
            where ${scopedProjects(scope, period, sql`m.completed_at`)} and m.started_at is not null and m.completed_at is not null
          ) d
          left join professions pr on pr.id = d.profession_id
          group by d.lineage_id, d.milestone_lineage_id, d.profession_id, pr.name
        ) g
        order by g.project_template_id, g.position, g.milestone_template_id, g.profession_id nulls last`;
}

export async function milestoneTimes(db: DbOrTx, scope: ResolvedScope, period: ReportPeriod | undefined): Promise<MilestoneTimeRow[]> {
  const rows = await queryRows<
    { project_template_id: number; program: string; milestone_template_id: number; milestone: string; profession_id: number | null; profession: string | null } & StatsRow
  >(db, milestoneTimesSql(scope, period));
  return rows.map((row) => ({
    project_template_id: row.project_template_id,
    program: row.program,
    milestone_template_id: row.milestone_template_id,
    milestone: row.milestone,
    profession_id: row.profession_id,
    profession: row.profession,
    ...durationStats(row),
  }));
}
