// The five scores and the progress blend, as pure functions of the running sums in user_scores.
// A team's or an entity's scores are the same functions of the members' summed counters, so an
// aggregate is a ratio of sums (every task weighs the same), never an average of ratios.
import type { ScoreWeights } from "../../db/schema";

/** The counters the scores are ratios of: one user's user_scores row, or a group's column sums. */
export type ScoreCounters = {
  assignedTasks: number;
  completedTasks: number;
  helpedTasks: number;
  actualMinutes: number;
  expectedMinutes: number;
  correctAnswers: number;
  totalQuestions: number;
  ratingSum: number;
  ratingCount: number;
};

export type Scores = {
  /** Completed / assigned tasks (0..1); null with nothing assigned. */
  completion: number | null;
  /** Tasks completed as a helper: assistance provided (a count). */
  help: number;
  /** Actual / expected minutes over completed tasks: 1.0 is on time, below is faster; null with no timed task. */
  timing: number | null;
  /** Correct answers / total questions over graded exams (0..1); null before the first graded exam. */
  quality: number | null;
  /** Mean reviewer technical rating (1..5); null before the first review. */
  technical: number | null;
  /** The entity's weighted blend of the normalised scores (0..1); null with no evidence at all. */
  progress: number | null;
};

/** Used when an entity (and every ancestor) leaves its weights unset. */
export const DEFAULT_SCORE_WEIGHTS: ScoreWeights = { completion: 0.4, help: 0.1, timing: 0.1, quality: 0.25, technical: 0.15 };

/** Helping on this many tasks per person earns the whole help component of the blend. */
export const HELP_SATURATION = 5;

export const SCORE_FORMULAS = {
  completion: "completed tasks / assigned tasks",
  help: "tasks completed as helper (assistance provided)",
  timing: "actual minutes / expected minutes over completed tasks (1.0 = on time)",
  quality: "correct answers / total questions over graded exams",
  technical: "mean reviewer technical rating (1–5)",
  progress: "weighted blend of the normalised scores, weights per entity",
} as const;

const ratio = (part: number, whole: number): number | null => (whole > 0 ? round(part / whole) : null);
const round = (value: number): number => Math.round(value * 10_000) / 10_000;

/** Each score's share of the blend, 0..1, or null when that score has no evidence yet. */
export function normalisedComponents(counters: ScoreCounters, members = 1): Record<keyof ScoreWeights, number | null> {
  const timing = ratio(counters.actualMinutes, counters.expectedMinutes);
  const technical = counters.ratingCount > 0 ? counters.ratingSum / counters.ratingCount : null;
  return {
    completion: ratio(counters.completedTasks, counters.assignedTasks),
    // Help counts only once someone has work of their own or has helped: an empty record stays empty.
    help: counters.assignedTasks + counters.helpedTasks > 0 ? Math.min(1, counters.helpedTasks / (HELP_SATURATION * Math.max(1, members))) : null,
    // On time or faster earns the whole component; slower earns expected/actual.
    timing: timing === null ? null : timing <= 1 ? 1 : round(1 / timing),
    quality: ratio(counters.correctAnswers, counters.totalQuestions),
    technical: technical === null ? null : round((technical - 1) / 4),
  };
}

/** The blend over the components that have evidence, their weights re-normalised to sum to 1. */
export function progressScore(counters: ScoreCounters, weights: ScoreWeights = DEFAULT_SCORE_WEIGHTS, members = 1): number | null {
  const components = normalisedComponents(counters, members);
  let weighted = 0;
  let total = 0;
  for (const key of Object.keys(components) as (keyof ScoreWeights)[]) {
    const value = components[key];
    if (value === null || weights[key] <= 0) continue;
    weighted += weights[key] * value;
    total += weights[key];
  }
  return total > 0 ? round(weighted / total) : null;
}

export function computeScores(counters: ScoreCounters, weights: ScoreWeights = DEFAULT_SCORE_WEIGHTS, members = 1): Scores {
  return {
    completion: ratio(counters.completedTasks, counters.assignedTasks),
    help: counters.helpedTasks,
    timing: ratio(counters.actualMinutes, counters.expectedMinutes),
    quality: ratio(counters.correctAnswers, counters.totalQuestions),
    technical: counters.ratingCount > 0 ? round(counters.ratingSum / counters.ratingCount) : null,
    progress: progressScore(counters, weights, members),
  };
}

/** Column sums of several counters (a team or an entity). */
export function sumCounters(rows: readonly ScoreCounters[]): ScoreCounters {
  const sum: ScoreCounters = {
    assignedTasks: 0,
    completedTasks: 0,
    helpedTasks: 0,
    actualMinutes: 0,
    expectedMinutes: 0,
    correctAnswers: 0,
    totalQuestions: 0,
    ratingSum: 0,
    ratingCount: 0,
  };
  for (const row of rows) for (const key of Object.keys(sum) as (keyof ScoreCounters)[]) sum[key] += row[key];
  return sum;
}
