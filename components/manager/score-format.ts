// How the five scores and progress read on the manager pages, and their 0..1 profile for charts
// (each score's share of the progress blend, from lib/scores/formulas.ts, so a chart and the blend
// never scale a score differently).
import { normalisedComponents } from "@/lib/scores/formulas";
import type { CountersDto } from "@/lib/scores/dto";

export const SCORE_KEYS = ["completion", "help", "timing", "quality", "technical"] as const;
export type ScoreKey = (typeof SCORE_KEYS)[number];
export type BlendKey = ScoreKey | "progress";

type NumberFormatter = { number(value: number, options?: Intl.NumberFormatOptions): string };

export function formatScore(format: NumberFormatter, key: BlendKey, value: number | null): string {
  if (value === null) return "—";
  switch (key) {
    case "completion":
    case "quality":
    case "progress":
      return format.number(value, { style: "percent", maximumFractionDigits: 0 });
    case "help":
      return format.number(value, { maximumFractionDigits: 0 });
    case "timing":
      return `${format.number(value, { minimumFractionDigits: 2, maximumFractionDigits: 2 })}×`;
    case "technical":
      return `${format.number(value, { minimumFractionDigits: 1, maximumFractionDigits: 1 })} / 5`;
  }
}

/** A share 0..1 as a whole percentage; "—" without evidence. */
export function formatShare(format: NumberFormatter, value: number | null): string {
  return value === null ? "—" : format.number(value, { style: "percent", maximumFractionDigits: 0 });
}

/** The scores scaled 0..1 as the progress blend scales them; `members` for a group's help share. */
export function scoreProfile(counters: CountersDto, members = 1): Record<ScoreKey, number | null> {
  return normalisedComponents(
    {
      assignedTasks: counters.assigned_tasks,
      completedTasks: counters.completed_tasks,
      helpedTasks: counters.helped_tasks,
      actualMinutes: counters.actual_minutes,
      expectedMinutes: counters.expected_minutes,
      correctAnswers: counters.correct_answers,
      totalQuestions: counters.total_questions,
      ratingSum: counters.rating_sum,
      ratingCount: counters.rating_count,
    },
    members,
  );
}
