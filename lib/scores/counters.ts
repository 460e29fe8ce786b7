// The one definition of the counters behind the scores, as SQL. The running rollup (rollup.ts), the
// rebuild, the seeds and the reports all read these fragments, so a counter cannot mean one thing
// in user_scores and another in a report.
// No `import "server-only"`: the seed and the CLI run outside Next.js and use these.
import { type SQL, sql } from "drizzle-orm";
import type { ScoreCounters } from "./formulas";

/** The user_scores columns that are running sums, in table order (overdue is computed at read time). */
export const COUNTER_COLUMNS = [
  "assigned_tasks",
  "completed_tasks",
  "helped_tasks",
  "actual_minutes",
  "expected_minutes",
  "correct_answers",
  "total_questions",
  "rating_sum",
  "rating_count",
  "completed_projects",
  "passed_milestone_tests",
] as const;
export type CounterColumn = (typeof COUNTER_COLUMNS)[number];
export type CounterRow = { user_id: number } & Record<CounterColumn, number>;

/** Bounds that keep a malformed result from overflowing a counter; such a result counts for nothing. */
export const MAX_QUESTIONS = 100_000;

/** A jsonb field as numeric when it holds a JSON number, else null (a CASE, so a string never reaches the cast). */
const jsonNumber = (metrics: SQL, field: string) => {
  const key = sql.raw(`'${field}'`);
  return sql`(case when jsonb_typeof(${metrics}->${key}) = 'number' then (${metrics}->>${key})::numeric end)`;
};

/**
 * Quiz counters of one task_results row: counted when total_questions is a whole number 1..MAX_QUESTIONS
 * and correct_answers a whole number 0..total_questions (every graded attempt counts); otherwise 0.
 * Technical: counted when technical_rating is a whole number 1..5 (a reviewed submission).
 */
export function resultCountersOf(metrics: SQL) {
  const total = jsonNumber(metrics, "total_questions");
  const correct = jsonNumber(metrics, "correct_answers");
  const rating = jsonNumber(metrics, "technical_rating");
  const graded = sql`(${total} between 1 and ${sql.raw(String(MAX_QUESTIONS))} and ${total} = trunc(${total})
    and ${correct} between 0 and ${total} and ${correct} = trunc(${correct}))`;
  const rated = sql`(${rating} between 1 and 5 and ${rating} = trunc(${rating}))`;
  return {
    correctAnswers: sql`(case when ${graded} then ${correct} else 0 end)`,
    totalQuestions: sql`(case when ${graded} then ${total} else 0 end)`,
    ratingSum: sql`(case when ${rated} then ${rating} else 0 end)`,
    ratingCount: sql`(case when ${rated} then 1 else 0 end)`,
  };
}

/** A period of whole UTC days: ISO dates, both inclusive. */
export type Period = { from: string; to: string };

/** [from 00:00 UTC, the day after `to` 00:00 UTC): the bounds every score and report period uses. */
export const inPeriod = (column: SQL, period: Period): SQL =>
  sql`(${column} >= (${period.from}::date)::timestamp at time zone 'UTC' and ${column} < (${period.to}::date + 1)::timestamp at time zone 'UTC')`;
const beforePeriodEnd = (column: SQL, period: Period) => sql`${column} < (${period.to}::date + 1)::timestamp at time zone 'UTC'`;

/**
 * Task counters per assignee over the task_assignee rows `where` selects (alias ta, joined to tasks t
 * and statuses s). Owned = role owner; cancelled tasks are never assigned work; a task with no
 * status counts as not cancelled.
 */
export function taskCountersSql(where: SQL, period?: Period): SQL {
  const owned = sql`ta.role = 'owner' and s.code is distinct from 'cancelled'${period ? sql` and ${inPeriod(sql`t.created_at`, period)}` : sql``}`;
  const done = sql`s.code = 'done'${period ? sql` and ${beforePeriodEnd(sql`t.completed_at`, period)}` : sql``}`;
  const timed = sql`t.actual_minutes is not null and t.expected_minutes > 0`;
  const helped = sql`ta.role = 'helper' and s.code = 'done'${period ? sql` and ${inPeriod(sql`t.completed_at`, period)}` : sql``}`;
  const passedTest = sql`ta.role = 'owner' and t.kind = 'exam' and t.milestone_id is not null and s.code = 'done'${
    period ? sql` and ${inPeriod(sql`t.completed_at`, period)}` : sql``
  }`;
  return sql`select ta.assignee_id as user_id,
      count(*) filter (where ${owned})::int as assigned_tasks,
      count(*) filter (where ${owned} and ${done})::int as completed_tasks,
      count(*) filter (where ${helped})::int as helped_tasks,
      coalesce(sum(t.actual_minutes) filter (where ${owned} and ${done} and ${timed}), 0)::float8 as actual_minutes,
      coalesce(sum(t.expected_minutes) filter (where ${owned} and ${done} and ${timed}), 0)::float8 as expected_minutes,
      count(*) filter (where ${passedTest})::int as passed_milestone_tests
    from task_assignee ta join tasks t on t.id = ta.task_id left join statuses s on s.id = t.status_id
    where ta.role in ('owner', 'helper') and (${where})
    group by ta.assignee_id`;
}

/** Result counters per user over the task_results rows `where` selects (alias tr). */
export function resultCountersSql(where: SQL, period?: Period): SQL {
  const c = resultCountersOf(sql`tr.performance_metrics`);
  return sql`select tr.user_id,
      coalesce(sum(${c.correctAnswers}), 0)::int as correct_answers,
      coalesce(sum(${c.totalQuestions}), 0)::int as total_questions,
      coalesce(sum(${c.ratingSum}), 0)::int as rating_sum,
      coalesce(sum(${c.ratingCount}), 0)::int as rating_count
    from task_results tr
    where tr.user_id is not null and (${where})${period ? sql` and ${inPeriod(sql`tr.created_at`, period)}` : sql``}
    group by tr.user_id`;
}

/** Completed projects per onboardee over the projects `where` selects (alias p). */
export function projectCountersSql(where: SQL, period?: Period): SQL {
  return sql`select p.onboardee_id as user_id, count(*)::int as completed_projects
    from projects p join statuses s on s.id = p.status_id
    where p.onboardee_id is not null and s.code = 'completed' and (${where})${period ? sql` and ${inPeriod(sql`p.completed_at`, period)}` : sql``}
    group by p.onboardee_id`;
}

/**
 * One row per user of `filter.users` (a subquery or a list of ids, used as `id in (...)`) with every
 * counter; zeros for a user with no work. With a period, cohort semantics: assigned = owned
 * non-cancelled tasks created in the period; completed and timing = of those, done by the period's
 * end; helped, results, projects and milestone tests = those completed or created in the period.
 */
export function scoreCountersSql(filter: { users: SQL; period?: Period }): SQL {
  const { period } = filter;
  // The filter is repeated inside each group rather than shared through a CTE, so the planner sees
  // it at each index it can drive (task_assignee, task_results and projects by user).
  return sql`select u.id as user_id,
      coalesce(w.assigned_tasks, 0)::int as assigned_tasks,
      coalesce(w.completed_tasks, 0)::int as completed_tasks,
      coalesce(w.helped_tasks, 0)::int as helped_tasks,
      coalesce(w.actual_minutes, 0)::float8 as actual_minutes,
      coalesce(w.expected_minutes, 0)::float8 as expected_minutes,
      coalesce(r.correct_answers, 0)::int as correct_answers,
      coalesce(r.total_questions, 0)::int as total_questions,
      coalesce(r.rating_sum, 0)::int as rating_sum,
      coalesce(r.rating_count, 0)::int as rating_count,
      coalesce(p.completed_projects, 0)::int as completed_projects,
      coalesce(w.passed_milestone_tests, 0)::int as passed_milestone_tests
    from users u
    left join (${taskCountersSql(sql`ta.assignee_id in (${filter.users})`, period)}) w on w.user_id = u.id
    left join (${resultCountersSql(sql`tr.user_id in (${filter.users})`, period)}) r on r.user_id = u.id
    left join (${projectCountersSql(sql`p.onboardee_id in (${filter.users})`, period)}) p on p.user_id = u.id
    where u.id in (${filter.users})
    order by u.id`;
}

/** A user_scores row or a counters row (snake_case SQL columns) as the formulas' counters. */
export function toScoreCounters(row: Partial<Record<CounterColumn, number | string | null>>): ScoreCounters {
  const n = (value: number | string | null | undefined) => Number(value ?? 0);
  return {
    assignedTasks: n(row.assigned_tasks),
    completedTasks: n(row.completed_tasks),
    helpedTasks: n(row.helped_tasks),
    actualMinutes: n(row.actual_minutes),
    expectedMinutes: n(row.expected_minutes),
    correctAnswers: n(row.correct_answers),
    totalQuestions: n(row.total_questions),
    ratingSum: n(row.rating_sum),
    ratingCount: n(row.rating_count),
  };
}
