// Test helpers for the template services (imported by lib/templates/*.test.ts only): an admin
// builds a draft program through the services, the way the template builder does.
import type { Db } from "../../db/client";
import { createEntity, createOrganisation, createUser, principalOf, unique } from "../../test/factories";
import type { Principal } from "../auth/principal";
import { replaceMilestoneTasks, replaceProjectMilestones, replaceTaskSteps } from "./links";
import { createMilestoneTemplate } from "./milestone-templates";
import type { ProcessDefinitionInput } from "./process-definition";
import { createProjectTemplate } from "./project-templates";
import { createStepTemplate } from "./step-templates";
import { createTaskTemplate } from "./task-templates";

/** An organisation plus a second admin in a sibling department and an admin of another organisation. */
export async function templateCast(db: Db) {
  const org = await createOrganisation(db);
  const sibling = await createEntity(db, { parent: org.company });
  const siblingAdmin = await createUser(db, sibling, { role: "admin" });
  const departmentAdmin = await createUser(db, org.department, { role: "admin" });
  const other = await createOrganisation(db);
  return {
    ...org,
    sibling,
    siblingAdmin: principalOf(siblingAdmin, sibling),
    departmentAdmin: principalOf(departmentAdmin, org.department),
    otherAdmin: other.admin.principal,
  };
}

export type DraftTaskSpec = { kind?: "task" | "exam"; steps?: ProcessDefinitionInput[] };
export type DraftProgramSpec = { milestones: { tasks: DraftTaskSpec[] }[] };

export type DraftProgram = { projectId: number; milestoneIds: number[]; taskIds: number[]; stepIds: number[] };

/** A draft program built through the services; every template is a draft owned by the admin's entity. */
export async function buildDraftProgram(db: Db, admin: Principal, spec: DraftProgramSpec): Promise<DraftProgram> {
  const project = await createProjectTemplate(db, admin, { name: unique("Program"), duration_days: 10 });
  const result: DraftProgram = { projectId: project.id, milestoneIds: [], taskIds: [], stepIds: [] };
  const links: { milestone_template_id: number; start_offset_days: number; duration_days: number }[] = [];
  for (const [index, m] of spec.milestones.entries()) {
    const milestone = await createMilestoneTemplate(db, admin, { name: unique("Milestone"), expected_hours: 8 });
    result.milestoneIds.push(milestone.id);
    links.push({ milestone_template_id: milestone.id, start_offset_days: index * 2, duration_days: 2 });
    const taskIds: number[] = [];
    for (const t of m.tasks) {
      const task = await createTaskTemplate(db, admin, { name: unique("Task"), kind: t.kind ?? "task", expected_minutes: 45 });
      taskIds.push(task.id);
      const stepIds: number[] = [];
      for (const definition of t.steps ?? []) {
        const step = await createStepTemplate(db, admin, { name: unique("Step"), process_definition: definition });
        stepIds.push(step.id);
      }
      if (stepIds.length) await replaceTaskSteps(db, admin, { id: task.id, items: stepIds.map((id) => ({ step_template_id: id })) });
      result.stepIds.push(...stepIds);
    }
    if (taskIds.length) await replaceMilestoneTasks(db, admin, { id: milestone.id, items: taskIds.map((id) => ({ task_template_id: id })) });
    result.taskIds.push(...taskIds);
  }
  if (links.length) await replaceProjectMilestones(db, admin, { id: project.id, items: links });
  return result;
}

export const instruction = (body = "Read the handbook."): ProcessDefinitionInput => ({ type: "instruction", body });

export const quiz = (): ProcessDefinitionInput => ({
  type: "quiz",
  questions: [
    { id: "q1", kind: "single", prompt: "2 + 2?", choices: [{ id: "a", text: "4" }, { id: "b", text: "5" }], correct: "a" },
    { id: "q2", kind: "short", prompt: "Capital of France?", accepted_answers: ["Paris"] },
  ],
  pass_mark: 0.5,
});
