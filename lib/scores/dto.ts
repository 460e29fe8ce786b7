// What the score endpoints answer: the counters (including overdue, counted at read time), the five
// scores and progress computed from them, and the formulas the UI prints beside each number.
import "server-only";
import type { SQL } from "drizzle-orm";
import { type DbOrTx, queryRows } from "../../db/client";
import type { ScoreWeights } from "../../db/schema";
import { COUNTER_COLUMNS, type CounterColumn, toScoreCounters } from "./counters";
import { computeScores, SCORE_FORMULAS, type Scores } from "./formulas";
import { membersSql } from "./queries";
import type { EntityScoring } from "./weights";

export type CountersDto = Record<CounterColumn, number> & { overdue_tasks: number };
export type ScoreCardDto = { counters: CountersDto; scores: Scores };
export type ScoringDto = { weights: ScoreWeights; weights_from_entity_id: number | null; advanced_threshold: number };
export type Formulas = typeof SCORE_FORMULAS;

/** A person with their user_scores counters (zeros when they have no row yet). */
export type MemberRow = { id: number; name: string; entity_id: number; manager_id: number | null; is_active: boolean } & Record<CounterColumn, number>;

/** People with their counters, selected by a condition on users (unaliased); no row yet reads as zeros. */
export async function selectMembers(db: DbOrTx, where: SQL): Promise<MemberRow[]> {
  return queryRows<MemberRow>(db, membersSql(where));
}

export function countersDto(row: Partial<Record<CounterColumn, number>>, overdue: number): CountersDto {
  const counters = Object.fromEntries(COUNTER_COLUMNS.map((c) => [c, row[c] ?? 0])) as Record<CounterColumn, number>;
  return { ...counters, overdue_tasks: overdue };
}

export function scoreCard(row: Partial<Record<CounterColumn, number>>, overdue: number, weights: ScoreWeights, members = 1): ScoreCardDto {
  return { counters: countersDto(row, overdue), scores: computeScores(toScoreCounters(row), weights, members) };
}

/** Column sums of several people's counters. */
export function sumRows(rows: readonly Partial<Record<CounterColumn, number>>[]): Record<CounterColumn, number> {
  const sum = Object.fromEntries(COUNTER_COLUMNS.map((c) => [c, 0])) as Record<CounterColumn, number>;
  for (const row of rows) for (const c of COUNTER_COLUMNS) sum[c] += row[c] ?? 0;
  for (const c of COUNTER_COLUMNS) if (c.endsWith("minutes")) sum[c] = Math.round(sum[c] * 100) / 100;
  return sum;
}

export function scoringDto(scoring: EntityScoring): ScoringDto {
  return { weights: scoring.weights, weights_from_entity_id: scoring.weightsFrom, advanced_threshold: scoring.advancedThreshold };
}

export { SCORE_FORMULAS };
