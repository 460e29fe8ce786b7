// The template builder's editing model, checked against the API's own
// schema: what the step editors hold is what process_definition accepts, an incomplete step is
// refused at the path its field shows errors for, the quiz preview carries no answer key, and the
// publish panel lists exactly the drafts of the tree.
import { describe, expect, it } from "vitest";
import {
  changeQuestionKind,
  draftOf,
  emptyDefinition,
  newQuestion,
  publicQuestions,
  type QuizDraft,
} from "./definition-draft";
import { draftsBelow } from "./publish-scope";
import { processDefinition, STEP_KINDS } from "../../../lib/templates/process-definition";
import type { ProgramTree } from "../../../lib/views/admin/programs";

const paths = (value: unknown) => {
  const parsed = processDefinition.safeParse(value);
  return parsed.success ? [] : parsed.error.issues.map((i) => i.path.map(String).join("."));
};

describe("step definitions in the editor", () => {
  it("starts each kind from a shape the API accepts once its texts are filled in", () => {
    for (const kind of STEP_KINDS) {
      const draft = emptyDefinition(kind);
      if (draft.type === "checklist") draft.items = [{ title: "Unbox the laptop", requires_validation: false }];
      if (draft.type === "quiz") {
        const [q] = draft.questions;
        if (q?.kind !== "single") throw new Error("a new quiz starts with a single-choice question");
        draft.questions = [{ ...q, prompt: "2 + 2?", choices: [{ id: "c1", text: "4" }, { id: "c2", text: "5" }] }];
      }
      expect(paths(draft), kind).toEqual([]);
    }
  });

  it("is refused where the field is: an empty checklist item, an empty choice, a correct answer no choice has", () => {
    expect(paths(emptyDefinition("checklist"))).toEqual(["items.0.title"]);
    const quiz = emptyDefinition("quiz") as QuizDraft;
    expect(paths(quiz)).toEqual(expect.arrayContaining(["questions.0.prompt", "questions.0.choices.0.text", "questions.0.choices.1.text"]));
    const single = quiz.questions[0];
    if (single?.kind !== "single") throw new Error("expected a single-choice question");
    const wrongKey = { ...quiz, questions: [{ ...single, prompt: "Pick", choices: [{ id: "c1", text: "A" }, { id: "c2", text: "B" }], correct: "c9" }] };
    expect(paths(wrongKey)).toEqual(["questions.0.correct"]);
  });

  it("reads a stored definition back unchanged", () => {
    const stored = processDefinition.parse({
      type: "quiz",
      questions: [
        { id: "q1", kind: "multiple", prompt: "Which?", choices: [{ id: "a", text: "A" }, { id: "b", text: "B" }], correct: ["a", "b"], points: 2 },
        { id: "q2", kind: "short", prompt: "Capital?", accepted_answers: ["Paris"], case_sensitive: true },
      ],
      pass_mark: 0.8,
      max_attempts: 2,
      time_limit_minutes: 15,
      shuffle: true,
    });
    expect(processDefinition.parse(draftOf(stored, "quiz"))).toEqual(stored);
    expect(draftOf(null, "submission")).toEqual(emptyDefinition("submission"));
  });

  it("gives new questions unused ids and keeps prompt, points and choices when a question changes kind", () => {
    const first = newQuestion("single", []);
    const second = newQuestion("short", [first, { id: "q7" }]);
    expect([first.id, second.id]).toEqual(["q1", "q8"]);
    const single = { ...first, prompt: "Pick", points: 3 } as Extract<typeof first, { kind: "single" }>;
    const multiple = changeQuestionKind(single, "multiple");
    expect(multiple).toMatchObject({ kind: "multiple", prompt: "Pick", points: 3, choices: single.choices, correct: [single.correct] });
    expect(changeQuestionKind(multiple, "short")).toMatchObject({ kind: "short", prompt: "Pick", points: 3, accepted_answers: [""] });
  });
});

describe("the quiz preview", () => {
  it("gets each question's prompt, points and choices, and none of its answers", () => {
    const quiz: QuizDraft = {
      type: "quiz",
      questions: [
        { id: "q1", kind: "single", prompt: "2 + 2?", points: 1, choices: [{ id: "a", text: "4" }, { id: "b", text: "5" }], correct: "a" },
        { id: "q2", kind: "short", prompt: "Capital?", points: 2, accepted_answers: ["Paris"], case_sensitive: false },
      ],
      pass_mark: 0.5,
      max_attempts: 3,
      time_limit_minutes: null,
      shuffle: false,
    };
    const shown = publicQuestions(quiz);
    expect(shown).toEqual([
      { id: "q1", kind: "single", prompt: "2 + 2?", points: 1, choices: [{ id: "a", text: "4" }, { id: "b", text: "5" }] },
      { id: "q2", kind: "short", prompt: "Capital?", points: 2 },
    ]);
    expect(JSON.stringify(shown)).not.toMatch(/correct|accepted_answers|Paris|case_sensitive/);
  });
});

describe("what publishing freezes", () => {
  it("lists the program and every draft below it once, and no published template", () => {
    const base = { description: null, entity_id: 1, lineage_id: 1, revision: 1, published_at: null, created_by: null, created_at: "", updated_at: "", version: 1 };
    const step = (id: number, is_draft: boolean) => ({ ...base, id, name: `Step ${id}`, is_draft, kind: "instruction" as const, process_definition: null, order: 1 });
    const task = (id: number, is_draft: boolean, steps: ReturnType<typeof step>[], parents: ReturnType<typeof taskDto>[] = []) => ({
      ...taskDto(id, is_draft),
      steps,
      professions: [],
      parents,
    });
    const taskDto = (id: number, is_draft: boolean) => ({ ...base, id, name: `Task ${id}`, is_draft, kind: "task" as const, expected_minutes: 30 });
    const tree: ProgramTree = {
      ...base,
      id: 1,
      name: "Program",
      is_draft: true,
      profession_id: null,
      duration_days: 10,
      milestones: [
        { ...base, id: 10, name: "Published milestone", is_draft: false, expected_hours: 8, position: 1, start_offset_days: 0, duration_days: 5, task_templates: [{ ...taskDto(100, false), position: 1 }] },
        {
          ...base,
          id: 11,
          name: "Draft milestone",
          is_draft: true,
          expected_hours: 8,
          position: 2,
          start_offset_days: 5,
          duration_days: 5,
          task_templates: [
            { ...taskDto(101, true), position: 1 },
            { ...taskDto(102, true), position: 2 },
          ],
        },
      ],
      tasks: {
        100: task(100, false, [step(1000, false)]),
        101: task(101, true, [step(1001, true), step(1000, false)]),
        102: task(102, true, [step(1001, true)], [taskDto(101, true)]),
      },
    };
    expect(draftsBelow(tree).map((n) => `${n.kind}:${n.id}`)).toEqual(["project:1", "milestone:11", "task:101", "step:1001", "task:102"]);
  });
});
