// A person's specialization levels as their pages show them. The levels unlock independently
// (lib/specializations/rules.ts: Intermediate needs no Beginner), so each level stands on its own:
// unlocked, with the evidence stored when it unlocked, or not, with where the person stands on each
// requirement now. The current level is the highest unlocked one, whatever lies below it.
// Pure: the standing comes from the specializations service.
import type { SpecializationLevel } from "../../db/schema";
import type { LevelStanding, SpecializationStanding } from "../specializations/evaluate";

/**
 * unlocked — held (a later dip does not take it back); met — every requirement holds, the next
 * evaluation unlocks it; locked — something is still missing; unavailable — the person's profession
 * defines no such level (or the person has no profession), so it cannot unlock.
 */
export type LevelState = "unlocked" | "met" | "locked" | "unavailable";

export type RequirementView =
  | { metric: "completed_projects" | "passed_milestone_tests"; needed: number; value: number; met: boolean }
  | { metric: "progress"; above: number; value: number | null; met: boolean };

export type LevelView = {
  level: SpecializationLevel;
  state: LevelState;
  unlocked_at: string | null;
  /** For an unlocked level the values it unlocked with (its evidence); for the others, today's. */
  requirements: RequirementView[];
  /** The rows behind an unlocked level's counts; empty for the others. */
  project_ids: number[];
  milestone_test_task_ids: number[];
  notes: string | null;
};

export type SpecializationView = {
  /** The highest unlocked level, or null with none. */
  current: SpecializationLevel | null;
  levels: LevelView[];
  /** A level below the current one is not unlocked, which the rules allow and the page explains. */
  lower_locked: boolean;
  /** Levels are defined per profession: without one, none can unlock. */
  no_profession: boolean;
};

const numbers = (value: unknown): number[] => (Array.isArray(value) ? value.filter((v): v is number => typeof v === "number") : []);
const numberOr = <T>(value: unknown, fallback: T): number | T => (typeof value === "number" ? value : fallback);

function stateOf(level: LevelStanding): LevelState {
  if (level.unlocked) return "unlocked";
  if (level.specialization_id === null) return "unavailable";
  return level.met ? "met" : "locked";
}

/** The requirement as the level unlocked with it: the counts and progress stored in its evidence. */
function atUnlock(requirement: LevelStanding["requirements"][number], evidence: Record<string, unknown>): RequirementView {
  if (requirement.metric === "progress") {
    return { metric: "progress", above: numberOr(evidence.advanced_threshold, requirement.above), value: numberOr(evidence.progress, requirement.current), met: true };
  }
  return { metric: requirement.metric, needed: requirement.at_least, value: numberOr(evidence[requirement.metric], requirement.current), met: true };
}

function now(requirement: LevelStanding["requirements"][number]): RequirementView {
  return requirement.metric === "progress"
    ? { metric: "progress", above: requirement.above, value: requirement.current, met: requirement.met }
    : { metric: requirement.metric, needed: requirement.at_least, value: requirement.current, met: requirement.met };
}

export function specializationView(standing: SpecializationStanding): SpecializationView {
  const levels = standing.levels.map((level): LevelView => {
    const evidence = level.unlocked ? (level.evidence ?? {}) : null;
    return {
      level: level.level,
      state: stateOf(level),
      unlocked_at: level.unlocked_at,
      requirements: level.requirements.map((r) => (evidence ? atUnlock(r, evidence) : now(r))),
      project_ids: evidence ? numbers(evidence.completed_project_ids) : [],
      milestone_test_task_ids: evidence ? numbers(evidence.milestone_test_task_ids) : [],
      notes: level.notes,
    };
  });
  const highest = levels.findLastIndex((l) => l.state === "unlocked");
  return {
    current: levels[highest]?.level ?? null,
    levels,
    lower_locked: levels.slice(0, Math.max(highest, 0)).some((l) => l.state !== "unlocked"),
    no_profession: standing.profession_id === null,
  };
}
