// A step's process definition while an admin edits it: every field present (defaults filled in),
// so the forms never branch on a missing value. What is sent is checked by the API's own zod
// union (lib/templates/process-definition.ts) before it leaves the browser.
import type { ProcessDefinition, StepKind } from "@/lib/templates/process-definition";
import type { PublicQuestion } from "@/lib/exams/dto";
import type { StepDefinitionView } from "@/lib/templates/dto";

export type ChoiceDraft = { id: string; text: string };
type QuestionBase = { id: string; prompt: string; points: number };
export type SingleDraft = QuestionBase & { kind: "single"; choices: ChoiceDraft[]; correct: string };
export type MultipleDraft = QuestionBase & { kind: "multiple"; choices: ChoiceDraft[]; correct: string[] };
export type ShortDraft = QuestionBase & { kind: "short"; accepted_answers: string[]; case_sensitive: boolean };
export type QuestionDraft = SingleDraft | MultipleDraft | ShortDraft;
export type QuestionKind = QuestionDraft["kind"];

export type InstructionDraft = { type: "instruction"; body: string; guide_ids: number[] };
export type ChecklistItemDraft = { title: string; requires_validation: boolean; guide_id?: number };
export type ChecklistDraft = { type: "checklist"; mode: "sequential" | "parallel"; items: ChecklistItemDraft[] };
export type QuizDraft = {
  type: "quiz";
  questions: QuestionDraft[];
  pass_mark: number;
  max_attempts: number;
  time_limit_minutes: number | null;
  shuffle: boolean;
};
export type SubmissionDraft = { type: "submission"; instructions: string; accepts: "text" | "link" | "text_or_link"; rated: boolean };
export type DefinitionDraft = InstructionDraft | ChecklistDraft | QuizDraft | SubmissionDraft;

/** The next free id with a prefix: q1, q2, … for questions; c1, c2, … for choices. */
export function nextId(prefix: string, taken: readonly { id: string }[]): string {
  const numbers = taken.map((x) => (x.id.startsWith(prefix) ? Number(x.id.slice(prefix.length)) : 0)).filter(Number.isFinite);
  return `${prefix}${Math.max(0, ...numbers) + 1}`;
}

export function newQuestion(kind: QuestionKind, taken: readonly { id: string }[]): QuestionDraft {
  const base = { id: nextId("q", taken), prompt: "", points: 1 };
  switch (kind) {
    case "single":
      return { ...base, kind, choices: [{ id: "c1", text: "" }, { id: "c2", text: "" }], correct: "c1" };
    case "multiple":
      return { ...base, kind, choices: [{ id: "c1", text: "" }, { id: "c2", text: "" }], correct: ["c1"] };
    case "short":
      return { ...base, kind, accepted_answers: [""], case_sensitive: false };
  }
}

/** A question turned into another kind keeps what both kinds have (prompt, points, choices). */
export function changeQuestionKind(question: QuestionDraft, kind: QuestionKind): QuestionDraft {
  if (question.kind === kind) return question;
  const fresh = newQuestion(kind, []);
  const base = { id: question.id, prompt: question.prompt, points: question.points };
  if (fresh.kind === "short") return { ...fresh, ...base };
  const choices = question.kind === "short" ? fresh.choices : question.choices;
  const first = choices[0]?.id ?? "c1";
  if (fresh.kind === "single") {
    const correct = question.kind === "multiple" ? (question.correct[0] ?? first) : first;
    return { ...base, kind: "single", choices, correct };
  }
  const correct = question.kind === "single" ? [question.correct] : [first];
  return { ...base, kind: "multiple", choices, correct };
}

export function emptyDefinition(kind: StepKind): DefinitionDraft {
  switch (kind) {
    case "instruction":
      return { type: "instruction", body: "", guide_ids: [] };
    case "checklist":
      return { type: "checklist", mode: "sequential", items: [{ title: "", requires_validation: false }] };
    case "quiz":
      return { type: "quiz", questions: [newQuestion("single", [])], pass_mark: 0.7, max_attempts: 3, time_limit_minutes: null, shuffle: false };
    case "submission":
      return { type: "submission", instructions: "", accepts: "text_or_link", rated: true };
  }
}

/** A stored definition as a draft. Editors read the full definition, answers included. */
export function draftOf(definition: StepDefinitionView | null, kind: StepKind): DefinitionDraft {
  if (!definition) return emptyDefinition(kind);
  const full = definition as ProcessDefinition;
  switch (full.type) {
    case "instruction":
      return { type: "instruction", body: full.body, guide_ids: [...full.guide_ids] };
    case "checklist":
      return { type: "checklist", mode: full.mode, items: full.items.map((i) => ({ ...i })) };
    case "quiz":
      return {
        type: "quiz",
        questions: full.questions.map((q): QuestionDraft => structuredClone(q)),
        pass_mark: full.pass_mark,
        max_attempts: full.max_attempts,
        time_limit_minutes: full.time_limit_minutes,
        shuffle: full.shuffle,
      };
    case "submission":
      return { type: "submission", instructions: full.instructions, accepts: full.accepts, rated: full.rated };
  }
}

/**
 * The taker's view of the questions (what the exam API sends): rebuilt field by field, never
 * spread, so the quiz preview cannot show an answer key.
 */
export function publicQuestions(quiz: QuizDraft): PublicQuestion[] {
  return quiz.questions.map((q) => {
    const base = { id: q.id, kind: q.kind, prompt: q.prompt, points: q.points };
    return q.kind === "short" ? base : { ...base, choices: q.choices.map((c) => ({ id: c.id, text: c.text })) };
  });
}
