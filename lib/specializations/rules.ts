// The three specialization levels as pure rules over a user's counters, so the thresholds are
// stated once and "what unlocks the next level" is read from the same place that unlocks it.
import { SPECIALIZATION_LEVELS, type SpecializationLevel } from "../../db/schema/metrics";

export const BEGINNER_PROJECTS = 1;
export const INTERMEDIATE_TESTS = 3;
export const ADVANCED_PROJECTS = 2;

/** The facts the rules read: counters from user_scores and the progress blend of the user's entity. */
export type SpecializationFacts = {
  completedProjects: number;
  passedMilestoneTests: number;
  /** 0..1, or null with no evidence yet. */
  progress: number | null;
  /** The user's entity's advanced_threshold: progress must be strictly above it. */
  advancedThreshold: number;
};

export type Requirement =
  | { metric: "completed_projects" | "passed_milestone_tests"; at_least: number; current: number; met: boolean }
  | { metric: "progress"; above: number; current: number | null; met: boolean };

export const LEVEL_RULES: Record<SpecializationLevel, string> = {
  beginner: `Unlocked by ${BEGINNER_PROJECTS} completed project.`,
  intermediate: `Unlocked by ${INTERMEDIATE_TESTS} passed milestone tests.`,
  advanced: `Unlocked by ${ADVANCED_PROJECTS} or more completed projects and a progress score above the entity's threshold.`,
};

const atLeast = (metric: "completed_projects" | "passed_milestone_tests", needed: number, current: number): Requirement => ({
  metric,
  at_least: needed,
  current,
  met: current >= needed,
});

/** Each requirement of a level with the user's current value and whether it is met. */
export function requirementsOf(level: SpecializationLevel, facts: SpecializationFacts): Requirement[] {
  switch (level) {
    case "beginner":
      return [atLeast("completed_projects", BEGINNER_PROJECTS, facts.completedProjects)];
    case "intermediate":
      return [atLeast("passed_milestone_tests", INTERMEDIATE_TESTS, facts.passedMilestoneTests)];
    case "advanced":
      return [
        atLeast("completed_projects", ADVANCED_PROJECTS, facts.completedProjects),
        {
          metric: "progress",
          above: facts.advancedThreshold,
          current: facts.progress,
          met: facts.progress !== null && facts.progress > facts.advancedThreshold,
        },
      ];
  }
}

/** The levels whose every requirement is met, in level order. */
export function levelsMet(facts: SpecializationFacts): SpecializationLevel[] {
  return SPECIALIZATION_LEVELS.filter((level) => requirementsOf(level, facts).every((r) => r.met));
}
