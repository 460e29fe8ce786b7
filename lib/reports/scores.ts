// The score and count metrics of a report: per-user counters — the running rollup (user_scores)
// for all time, or the shared counter definition bounded by the period — turned into scores by
// the same formulas the dashboards use. The scope's aggregate is a ratio of summed counters.
import "server-only";
import { type SQL, sql } from "drizzle-orm";
import { type DbOrTx, queryRows } from "../../db/client";
import { computeScores, SCORE_FORMULAS, sumCounters } from "../scores/formulas";
import { COUNTER_COLUMNS, type CounterColumn, scoreCountersSql, toScoreCounters } from "../scores/counters";
import { scoringOfEntities } from "../scores/weights";
import type { ReportResult, UserMetricRow } from "./result";
import type { ResolvedScope } from "./scope";
import { COUNT_METRICS, type CountMetric, type ReportMetric, type ReportPeriod, SCORE_METRICS, type ScoreMetric } from "./validators";

type MemberCounters = { user_id: number; name: string; entity_id: number } & Record<CounterColumn, number>;

export const COUNT_DEFINITIONS: Record<CountMetric, string> = {
  completed_projects: "onboarding projects completed",
  passed_milestone_tests: "milestone exams passed",
};

const counterColumns = (alias: string) =>
  sql.raw(COUNTER_COLUMNS.map((c) => `coalesce(${alias}.${c}, 0)::float8 as ${c}`).join(", "));

/** One row per member: all time from user_scores, or the period's counters computed afresh. */
export function memberCountersSql(scope: ResolvedScope, period: ReportPeriod | undefined): SQL {
  if (period) {
    return sql`select c.user_id, u.name, u.entity_id, ${counterColumns("c")}
        from (${scoreCountersSql({ users: scope.users, period })}) c join users u on u.id = c.user_id
        order by c.user_id`;
  }
  return sql`select u.id as user_id, u.name, u.entity_id, ${counterColumns("s")}
      from users u left join user_scores s on s.user_id = u.id
      where u.id in (${scope.users})
      order by u.id`;
}

function metricValues(
  counters: Record<CounterColumn, number>,
  scores: Record<ScoreMetric, number | null>,
  include: readonly ReportMetric[],
): Partial<Record<ReportMetric, number | null>> {
  const values: Partial<Record<ReportMetric, number | null>> = {};
  for (const metric of include) {
    if ((SCORE_METRICS as readonly string[]).includes(metric)) values[metric] = scores[metric as ScoreMetric];
    else if ((COUNT_METRICS as readonly string[]).includes(metric)) values[metric] = counters[metric as CountMetric];
  }
  return values;
}

/** The summary, counters and per-user rows of the requested score and count metrics. */
export async function scoreSections(
  db: DbOrTx,
  scope: ResolvedScope,
  options: { period: ReportPeriod | undefined; include: readonly ReportMetric[]; perUser: boolean },
): Promise<Pick<ReportResult, "summary" | "counters" | "users"> & { userCount: number }> {
  const members = await queryRows<MemberCounters>(db, memberCountersSql(scope, options.period));
  const scoring = await scoringOfEntities(db, [scope.weightsEntityId, ...new Set(members.map((m) => m.entity_id))]);
  const weightsOf = (entityId: number) => scoring.get(entityId)?.weights;

  const totals = Object.fromEntries(COUNTER_COLUMNS.map((c) => [c, 0])) as Record<CounterColumn, number>;
  for (const member of members) for (const c of COUNTER_COLUMNS) totals[c] += member[c];
  // Minutes carry two decimals; summing floats must not print 165.00000000003.
  for (const c of COUNTER_COLUMNS) totals[c] = Math.round(totals[c] * 100) / 100;

  const aggregate = computeScores(sumCounters(members.map(toScoreCounters)), weightsOf(scope.weightsEntityId), Math.max(1, members.length));
  const users: UserMetricRow[] = members.map((m) => ({
    user_id: m.user_id,
    name: m.name,
    entity_id: m.entity_id,
    ...metricValues(m, computeScores(toScoreCounters(m), weightsOf(m.entity_id)), options.include),
  }));
  return {
    userCount: members.length,
    summary: metricValues(totals, aggregate, options.include),
    counters: totals,
    ...(options.perUser ? { users } : {}),
  };
}

export const SCORE_DEFINITIONS: Record<ScoreMetric, string> = SCORE_FORMULAS;
