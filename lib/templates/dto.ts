// The JSON shapes of templates (snake_case), shared by every template endpoint and page.
// Quiz answers are part of a step's definition: only people who may edit templates see them,
// so a manager who reads a program cannot learn the answers of an exam they may take.
import type { MilestoneTemplate, ProjectTemplate, StepTemplate, TaskTemplate } from "../../db/schema";
import { roleAllows } from "../auth/permissions";
import type { Principal } from "../auth/principal";
import type { ProcessDefinition, QuizQuestion } from "./process-definition";

export type TemplateBaseDto = {
  id: number;
  name: string;
  description: string | null;
  entity_id: number | null;
  is_draft: boolean;
  lineage_id: number;
  revision: number;
  published_at: string | null;
  created_by: number | null;
  created_at: string;
  updated_at: string;
  version: number;
};

export type ProjectTemplateDto = TemplateBaseDto & { profession_id: number | null; duration_days: number };
export type MilestoneTemplateDto = TemplateBaseDto & { expected_hours: number };
export type TaskTemplateDto = TemplateBaseDto & { kind: TaskTemplate["kind"]; expected_minutes: number };

type QuizDefinition = Extract<ProcessDefinition, { type: "quiz" }>;
type RedactedQuestion = Omit<QuizQuestion, "correct" | "accepted_answers" | "case_sensitive">;
export type RedactedQuizDefinition = Omit<QuizDefinition, "questions"> & { questions: RedactedQuestion[] };
export type StepDefinitionView = ProcessDefinition | RedactedQuizDefinition;

export type StepTemplateDto = TemplateBaseDto & { kind: StepTemplate["kind"]; process_definition: StepDefinitionView | null };

type BaseRow = Pick<
  ProjectTemplate,
  "id" | "name" | "description" | "entityId" | "isDraft" | "lineageId" | "revision" | "publishedAt" | "createdBy" | "createdAt" | "updatedAt" | "version"
>;

function baseDto(row: BaseRow): TemplateBaseDto {
  return {
    id: row.id,
    name: row.name,
    description: row.description,
    entity_id: row.entityId,
    is_draft: row.isDraft,
    lineage_id: row.lineageId ?? row.id,
    revision: row.revision,
    published_at: row.publishedAt?.toISOString() ?? null,
    created_by: row.createdBy,
    created_at: row.createdAt.toISOString(),
    updated_at: row.updatedAt.toISOString(),
    version: row.version,
  };
}

export function toProjectTemplateDto(row: ProjectTemplate): ProjectTemplateDto {
  return { ...baseDto(row), profession_id: row.professionId, duration_days: row.durationDays };
}

export function toMilestoneTemplateDto(row: MilestoneTemplate): MilestoneTemplateDto {
  return { ...baseDto(row), expected_hours: row.expectedHours };
}

export function toTaskTemplateDto(row: TaskTemplate): TaskTemplateDto {
  return { ...baseDto(row), kind: row.kind, expected_minutes: row.expectedMinutes };
}

export function toStepTemplateDto(row: StepTemplate, principal: Principal): StepTemplateDto {
  return { ...baseDto(row), kind: row.kind, process_definition: definitionFor(principal, row.processDefinition) };
}

/** Template editors see the whole definition; readers see a quiz without its answers. */
export function definitionFor(principal: Principal, definition: ProcessDefinition | null): StepDefinitionView | null {
  if (definition?.type !== "quiz" || roleAllows(principal.role, "templates:write")) return definition;
  return {
    ...definition,
    questions: definition.questions.map((question) => {
      switch (question.kind) {
        case "single":
        case "multiple": {
          const { correct: _correct, ...rest } = question;
          return rest;
        }
        case "short": {
          const { accepted_answers: _answers, case_sensitive: _case, ...rest } = question;
          return rest;
        }
      }
    }),
  };
}
