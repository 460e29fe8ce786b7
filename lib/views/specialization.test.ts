// The levels as a person's pages show them: each level on its own (Intermediate without Beginner is
// a legitimate standing), the current level the highest unlocked one, an unlocked level with what it
// unlocked with, and a level that cannot unlock told apart from one that is still missing something.
import { describe, expect, it } from "vitest";
import { SPECIALIZATION_LEVELS, type SpecializationLevel } from "../../db/schema/metrics";
import type { SpecializationStanding } from "../specializations/evaluate";
import { LEVEL_RULES, requirementsOf, type SpecializationFacts } from "../specializations/rules";
import { specializationView } from "./specialization";

const NONE: SpecializationFacts = { completedProjects: 0, passedMilestoneTests: 0, progress: null, advancedThreshold: 0.8 };
const UNLOCKED_AT = "2025-03-04T09:00:00.000Z";

/** A standing as the specializations service answers it, for the given facts and unlocked levels. */
function standing(
  facts: SpecializationFacts,
  unlocked: Partial<Record<SpecializationLevel, Record<string, unknown>>> = {},
  options: { professionId?: number | null; defined?: readonly SpecializationLevel[] } = {},
): SpecializationStanding {
  const professionId = options.professionId === undefined ? 7 : options.professionId;
  const defined = professionId === null ? [] : (options.defined ?? SPECIALIZATION_LEVELS);
  return {
    user_id: 1,
    entity_id: 2,
    profession_id: professionId,
    facts: { completed_projects: facts.completedProjects, passed_milestone_tests: facts.passedMilestoneTests, progress: facts.progress, advanced_threshold: facts.advancedThreshold },
    levels: SPECIALIZATION_LEVELS.map((level, i) => {
      const requirements = requirementsOf(level, facts);
      const evidence = unlocked[level];
      return {
        level,
        specialization_id: defined.includes(level) ? 100 + i : null,
        name: defined.includes(level) ? `Engineer — ${level}` : null,
        rule: LEVEL_RULES[level],
        requirements,
        met: requirements.every((r) => r.met),
        unlocked: evidence !== undefined,
        unlocked_at: evidence ? UNLOCKED_AT : null,
        evidence: evidence ?? null,
        notes: null,
        newly_unlocked: false,
      };
    }),
    next: null,
    blocked_reason: null,
  };
}

const states = (view: ReturnType<typeof specializationView>) => view.levels.map((l) => [l.level, l.state]);

describe("the specialization view", () => {
  it("shows Intermediate unlocked beside a locked Beginner, with what Beginner still needs, and Intermediate as the current level", () => {
    const view = specializationView(
      standing({ ...NONE, passedMilestoneTests: 3 }, { intermediate: { passed_milestone_tests: 3, milestone_test_task_ids: [11, 12, 13], completed_project_ids: [] } }),
    );
    expect(view.current).toBe("intermediate");
    expect(view.lower_locked).toBe(true);
    expect(states(view)).toEqual([
      ["beginner", "locked"],
      ["intermediate", "unlocked"],
      ["advanced", "locked"],
    ]);
    const [beginner, intermediate, advanced] = view.levels;
    expect(beginner?.requirements).toEqual([{ metric: "completed_projects", needed: 1, value: 0, met: false }]);
    expect(intermediate).toMatchObject({
      unlocked_at: UNLOCKED_AT,
      requirements: [{ metric: "passed_milestone_tests", needed: 3, value: 3, met: true }],
      milestone_test_task_ids: [11, 12, 13],
      project_ids: [],
    });
    expect(advanced?.requirements).toEqual([
      { metric: "completed_projects", needed: 2, value: 0, met: false },
      { metric: "progress", above: 0.8, value: null, met: false },
    ]);
  });

  it("takes the highest unlocked level as the current one, whatever lies below it, and none without one", () => {
    const facts = { ...NONE, completedProjects: 2, progress: 0.9 };
    expect(specializationView(standing(facts, { beginner: {}, advanced: {} }))).toMatchObject({ current: "advanced", lower_locked: true });
    expect(specializationView(standing(facts, { beginner: {}, intermediate: {}, advanced: {} }))).toMatchObject({ current: "advanced", lower_locked: false });
    expect(specializationView(standing(facts, { beginner: {} }))).toMatchObject({ current: "beginner", lower_locked: false });
    expect(specializationView(standing(NONE))).toMatchObject({ current: null, lower_locked: false });
  });

  it("shows an unlocked level with the values it unlocked with, not today's, and today's where the evidence lacks them", () => {
    // Progress has dipped below the threshold since Advanced unlocked: the level stays, with its evidence.
    const facts = { ...NONE, completedProjects: 4, progress: 0.5 };
    const view = specializationView(
      standing(facts, {
        beginner: { completed_projects: 1, completed_project_ids: [5] },
        advanced: { completed_projects: 2, completed_project_ids: [5, 9], progress: 0.9, advanced_threshold: 0.8 },
      }),
    );
    const [beginner, , advanced] = view.levels;
    expect(beginner).toMatchObject({ requirements: [{ metric: "completed_projects", needed: 1, value: 1, met: true }], project_ids: [5] });
    expect(advanced).toMatchObject({
      state: "unlocked",
      requirements: [
        { metric: "completed_projects", needed: 2, value: 2, met: true },
        { metric: "progress", above: 0.8, value: 0.9, met: true },
      ],
      project_ids: [5, 9],
    });

    const bare = specializationView(standing(facts, { beginner: {} })).levels[0];
    expect(bare).toMatchObject({ requirements: [{ metric: "completed_projects", value: 4, met: true }], project_ids: [], milestone_test_task_ids: [] });
  });

  it("tells a level that is met but not unlocked yet from one still missing something, and reads today's values for both", () => {
    const view = specializationView(standing({ ...NONE, completedProjects: 1, passedMilestoneTests: 1, progress: 0.6 }));
    expect(states(view)).toEqual([
      ["beginner", "met"],
      ["intermediate", "locked"],
      ["advanced", "locked"],
    ]);
    expect(view.levels[1]?.requirements).toEqual([{ metric: "passed_milestone_tests", needed: 3, value: 1, met: false }]);
    expect(view.levels[2]?.requirements).toEqual([
      { metric: "completed_projects", needed: 2, value: 1, met: false },
      { metric: "progress", above: 0.8, value: 0.6, met: false },
    ]);
    expect(view.current).toBeNull();
  });

  it("marks a level the profession does not define, and every level without a profession, as one that cannot unlock", () => {
    const partly = specializationView(standing({ ...NONE, completedProjects: 1 }, {}, { defined: ["beginner", "intermediate"] }));
    expect(states(partly)).toEqual([
      ["beginner", "met"],
      ["intermediate", "locked"],
      ["advanced", "unavailable"],
    ]);
    expect(partly.no_profession).toBe(false);

    const none = specializationView(standing({ ...NONE, completedProjects: 1 }, {}, { professionId: null }));
    expect(none.no_profession).toBe(true);
    expect(none.levels.map((l) => l.state)).toEqual(["unavailable", "unavailable", "unavailable"]);
    expect(none.current).toBeNull();
  });
});
