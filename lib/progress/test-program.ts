// Test support for the progress and checklist suites: a program started for an onboardee, and
// readers for the rows the suites assert on. Not imported by application code.
import { and, asc, eq, inArray } from "drizzle-orm";
import type { Db } from "../../db/client";
import {
  checklistItems,
  checklists,
  events,
  milestones,
  projects,
  type StatusDomain,
  taskAssignee,
  tasks,
  taskSteps,
  type User,
} from "../../db/schema";
import { createProgram, type ProgramSpec } from "../../test/factories";
import { instantiateProgram } from "../programs/instantiate";
import { statusIdOf } from "../statuses/service";

/** Creates the program template and instantiates it for `onboardee`, as onboarding would. */
export async function startProgram(db: Db, onboardee: User, spec: ProgramSpec) {
  const program = await createProgram(db, spec);
  const started = await db.transaction((tx) =>
    instantiateProgram(tx, { projectTemplateId: program.templateId, onboardeeId: onboardee.id, createdBy: null, startDate: "2030-01-07" }),
  );
  const taskRows = await db.select().from(tasks).where(inArray(tasks.id, started.taskIds));
  const taskIdByName = new Map(taskRows.map((t) => [t.name, t.id]));
  const taskId = (name: string) => {
    const id = taskIdByName.get(name);
    if (id === undefined) throw new Error(`no task ${name}`);
    return id;
  };
  return { ...started, taskId };
}

export const statusId = (db: Db, domain: StatusDomain, code: string) => statusIdOf(db, domain, code);

export async function taskRow(db: Db, id: number) {
  const [row] = await db.select().from(tasks).where(eq(tasks.id, id));
  if (!row) throw new Error(`no task ${id}`);
  return row;
}

export async function stepsOf(db: Db, taskId: number) {
  return db.select().from(taskSteps).where(eq(taskSteps.taskId, taskId)).orderBy(asc(taskSteps.position));
}

export async function checklistsOf(db: Db, taskId: number) {
  return db.select().from(checklists).where(eq(checklists.taskId, taskId)).orderBy(asc(checklists.id));
}

export async function itemsOf(db: Db, checklistId: number) {
  return db.select().from(checklistItems).where(eq(checklistItems.checklistId, checklistId)).orderBy(asc(checklistItems.position));
}

export async function milestoneRow(db: Db, id: number) {
  const [row] = await db.select().from(milestones).where(eq(milestones.id, id));
  if (!row) throw new Error(`no milestone ${id}`);
  return row;
}

export async function projectRow(db: Db, id: number) {
  const [row] = await db.select().from(projects).where(eq(projects.id, id));
  if (!row) throw new Error(`no project ${id}`);
  return row;
}

export async function addAssignee(db: Db, taskId: number, user: User, role: "owner" | "helper" | "reviewer") {
  await db.insert(taskAssignee).values({ taskId, assigneeId: user.id, role });
}

/** Events of one project, oldest first, as [type, payload id] pairs plus the full rows. */
export async function eventsOfProject(db: Db, projectId: number) {
  return db.select().from(events).where(eq(events.projectId, projectId)).orderBy(asc(events.id));
}

export async function eventsOfType(db: Db, projectId: number, type: string) {
  return db
    .select()
    .from(events)
    .where(and(eq(events.projectId, projectId), eq(events.type, type)))
    .orderBy(asc(events.id));
}
