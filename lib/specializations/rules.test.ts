// The level rules at their thresholds: each unlocks exactly there and not one step before.
import { describe, expect, it } from "vitest";
import { levelsMet, requirementsOf, type SpecializationFacts } from "./rules";

const facts = (f: Partial<SpecializationFacts>): SpecializationFacts => ({
  completedProjects: 0,
  passedMilestoneTests: 0,
  progress: null,
  advancedThreshold: 0.8,
  ...f,
});

describe("specialization rules", () => {
  it("Beginner: one completed project, not zero", () => {
    expect(levelsMet(facts({ completedProjects: 0 }))).not.toContain("beginner");
    expect(levelsMet(facts({ completedProjects: 1 }))).toContain("beginner");
  });

  it("Intermediate: three passed milestone tests, not two", () => {
    expect(levelsMet(facts({ passedMilestoneTests: 2 }))).not.toContain("intermediate");
    expect(levelsMet(facts({ passedMilestoneTests: 3 }))).toEqual(["intermediate"]);
  });

  it("Advanced: two projects and progress strictly above the threshold", () => {
    expect(levelsMet(facts({ completedProjects: 1, progress: 0.95 }))).toEqual(["beginner"]);
    expect(levelsMet(facts({ completedProjects: 2, progress: 0.8 }))).toEqual(["beginner"]);
    expect(levelsMet(facts({ completedProjects: 2, progress: 0.8001 }))).toEqual(["beginner", "advanced"]);
    expect(levelsMet(facts({ completedProjects: 2, progress: null, advancedThreshold: 0 }))).toEqual(["beginner"]);
  });

  it("says what is missing, with the current values", () => {
    expect(requirementsOf("advanced", facts({ completedProjects: 1, progress: 0.9 }))).toEqual([
      { metric: "completed_projects", at_least: 2, current: 1, met: false },
      { metric: "progress", above: 0.8, current: 0.9, met: true },
    ]);
  });
});
