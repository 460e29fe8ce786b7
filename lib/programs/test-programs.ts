// Factories for the program instantiation tests: a program template tree from a compact spec,
// built with scrambled positions and creation order, and a start inside a transaction.
import type { Db } from "../../db/client";
import * as factories from "../../test/factories";
import {
  type Entity,
  milestoneTemplates,
  milestoneTemplateTaskTemplate,
  projectTemplateMilestoneTemplate,
  projectTemplates,
  stepTemplates,
  taskTempParentTaskTemp,
  taskTemplates,
  taskTemplateStepTemplate,
} from "../../db/schema";
import { processDefinition, type ProcessDefinitionInput } from "../templates/process-definition";
import { instantiateProgram, type InstantiateProgramParams } from "./instantiate";

export type TaskSpec = { name: string; kind?: "task" | "exam"; parents?: string[]; steps?: ProcessDefinitionInput[] };
export type MilestoneSpec = { name: string; offset: number; duration: number; hours?: number; tasks: TaskSpec[] };
export type ProgramSpec = { durationDays?: number; isDraft?: boolean; milestones: MilestoneSpec[]; outsideParents?: Record<string, string> };

export const instruction = (body: string): ProcessDefinitionInput => ({ type: "instruction", body });
export const quiz: ProcessDefinitionInput = {
  type: "quiz",
  questions: [{ id: "q1", kind: "single", prompt: "Two plus two?", choices: [{ id: "a", text: "4" }, { id: "b", text: "5" }], correct: "a" }],
};

export function idOf(map: Map<string, number>, name: string): number {
  const id = map.get(name);
  if (id === undefined) throw new Error(`unknown task template ${name}`);
  return id;
}

/** The factories over the test file's database (`database()` is read at call time, after beforeAll). */
export function programFactories(database: () => Db) {
  // Entities, users and guides as everywhere else (test/factories.ts); only the program tree is
  // built here, with scrambled positions and creation order so instantiation must sort.
  const createEntity = (timeZone = "Europe/Berlin") => factories.createEntity(database(), { timeZone });
  const createUser = (entity: Entity, options: Parameters<typeof factories.createUser>[2] = {}) => factories.createUser(database(), entity, options);
  const createGuide = () => factories.createGuide(database());

  /** Builds a program template tree; returns its id and the ids of its task templates by name. */
  async function createProgram(spec: ProgramSpec) {
    const [template] = await database()
      .insert(projectTemplates)
      .values({ name: factories.unique("Program"), durationDays: spec.durationDays ?? 5, isDraft: spec.isDraft ?? false })
      .returning();
    if (!template) throw new Error("no template");
    const taskIdByName = new Map<string, number>();
    for (const [mIndex, m] of spec.milestones.entries()) {
      const [mt] = await database()
        .insert(milestoneTemplates)
        .values({ name: m.name, description: `${m.name} description`, isDraft: false, expectedHours: m.hours ?? 8 })
        .returning();
      if (!mt) throw new Error("no milestone template");
      await database().insert(projectTemplateMilestoneTemplate).values({
        projectTemplateId: template.id,
        milestoneTemplateId: mt.id,
        // Positions deliberately not 0..n-1, so the code must sort rather than count.
        position: (mIndex + 1) * 10,
        startOffsetDays: m.offset,
        durationDays: m.duration,
      });
      for (const [tIndex, t] of m.tasks.entries()) {
        const [tt] = await database().insert(taskTemplates).values({ name: t.name, kind: t.kind ?? "task", expectedMinutes: 45 }).returning();
        if (!tt) throw new Error("no task template");
        taskIdByName.set(t.name, tt.id);
        await database().insert(milestoneTemplateTaskTemplate).values({ milestoneTemplateId: mt.id, taskTemplateId: tt.id, position: tIndex + 1 });
        // Step templates are created last-first, so only "order" (not id order) can put them right.
        for (const [sIndex, input] of [...(t.steps ?? []).entries()].reverse()) {
          const definition = processDefinition.parse(input);
          const [st] = await database()
            .insert(stepTemplates)
            .values({ name: `${t.name} step ${sIndex + 1}`, kind: definition.type, processDefinition: definition, isDraft: false })
            .returning();
          if (!st) throw new Error("no step template");
          await database().insert(taskTemplateStepTemplate).values({ taskTemplateId: tt.id, stepTemplateId: st.id, order: (sIndex + 1) * 100 });
        }
      }
    }
    const links = spec.milestones.flatMap((m) => m.tasks.flatMap((t) => (t.parents ?? []).map((p) => [t.name, p] as const)));
    for (const [child, parent] of links) {
      await database().insert(taskTempParentTaskTemp).values({ taskTemplateId: idOf(taskIdByName, child), parentTaskTemplateId: idOf(taskIdByName, parent) });
    }
    for (const [child, outsider] of Object.entries(spec.outsideParents ?? {})) {
      const [other] = await database().insert(taskTemplates).values({ name: outsider }).returning();
      if (!other) throw new Error("no outsider");
      await database().insert(taskTempParentTaskTemp).values({ taskTemplateId: idOf(taskIdByName, child), parentTaskTemplateId: other.id });
    }
    return { templateId: template.id, taskIdByName };
  }

  /** Starts a program the way the onboarding service does, inside a transaction. */
  async function start(params: Omit<InstantiateProgramParams, "createdBy" | "startDate"> & { startDate?: string }) {
    return database().transaction((tx) => instantiateProgram(tx, { createdBy: null, startDate: "2025-01-06", ...params }));
  }

  return { createEntity, createUser, createGuide, createProgram, start };
}
