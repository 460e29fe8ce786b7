// The shape of step_templates.process_definition: one zod discriminated union, shared by the API,
// the template builder's forms, the seed and the OpenAPI document.
import { z } from "zod";

const id = z.number().int().positive();

export const instructionStep = z.object({
  type: z.literal("instruction"),
  body: z.string().max(20_000).default(""),
  guide_ids: z.array(id).max(50).default([]),
});

export const checklistItemDefinition = z.object({
  title: z.string().trim().min(1).max(200),
  requires_validation: z.boolean().default(false),
  guide_id: id.optional(),
});

export const checklistStep = z.object({
  type: z.literal("checklist"),
  mode: z.enum(["sequential", "parallel"]),
  items: z.array(checklistItemDefinition).min(1).max(100),
});

const questionBase = {
  id: z.string().trim().min(1).max(40),
  prompt: z.string().trim().min(1).max(2_000),
  points: z.number().positive().max(1_000).default(1),
};

const choice = z.object({ id: z.string().trim().min(1).max(40), text: z.string().trim().min(1).max(500) });

export const singleChoiceQuestion = z
  .object({
    ...questionBase,
    kind: z.literal("single"),
    choices: z.array(choice).min(2).max(20),
    correct: z.string().min(1),
  })
  .refine((q) => q.choices.some((c) => c.id === q.correct), { error: "correct must be one of the choice ids", path: ["correct"] });

export const multipleChoiceQuestion = z
  .object({
    ...questionBase,
    kind: z.literal("multiple"),
    choices: z.array(choice).min(2).max(20),
    correct: z.array(z.string().min(1)).min(1),
  })
  .refine((q) => q.correct.every((c) => q.choices.some((choice) => choice.id === c)), {
    error: "every correct answer must be one of the choice ids",
    path: ["correct"],
  });

export const shortAnswerQuestion = z.object({
  ...questionBase,
  kind: z.literal("short"),
  accepted_answers: z.array(z.string().trim().min(1).max(200)).min(1).max(20),
  case_sensitive: z.boolean().default(false),
});

export const quizQuestion = z.union([singleChoiceQuestion, multipleChoiceQuestion, shortAnswerQuestion]);

export const quizStep = z
  .object({
    type: z.literal("quiz"),
    questions: z.array(quizQuestion).min(1).max(200),
    /** Share of points (0..1) needed to pass. */
    pass_mark: z.number().min(0).max(1).default(0.7),
    max_attempts: z.number().int().min(1).max(100).default(3),
    time_limit_minutes: z.number().int().min(1).max(600).nullable().default(null),
    shuffle: z.boolean().default(false),
  })
  .refine((q) => new Set(q.questions.map((x) => x.id)).size === q.questions.length, {
    error: "question ids must be unique",
    path: ["questions"],
  });

export const submissionStep = z.object({
  type: z.literal("submission"),
  instructions: z.string().max(10_000).default(""),
  accepts: z.enum(["text", "link", "text_or_link"]).default("text_or_link"),
  /** Reviewers rate technical competency 1..5. */
  rated: z.boolean().default(true),
});

export const processDefinition = z.discriminatedUnion("type", [instructionStep, checklistStep, quizStep, submissionStep]);

export type ProcessDefinition = z.infer<typeof processDefinition>;
export type ProcessDefinitionInput = z.input<typeof processDefinition>;
export type StepKind = ProcessDefinition["type"];
export const STEP_KINDS = ["instruction", "checklist", "quiz", "submission"] as const satisfies readonly StepKind[];
export type QuizQuestion = z.infer<typeof quizQuestion>;
