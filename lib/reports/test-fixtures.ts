// Test support for the reports suites: an organisation whose work is written row by row with
// known dates, minutes and results, so every number a report shows can be worked out by hand.
// Not imported by application code.
import type { Db } from "../../db/client";
import {
  type Entity,
  milestones,
  professions,
  projects,
  taskAssignee,
  taskResults,
  tasks,
  type PerformanceMetrics,
  type User,
} from "../../db/schema";
import { createEntity, createOrganisation, createUser, principalOf, unique } from "../../test/factories";
import { statusIdOf } from "../statuses/service";

export async function createProfession(db: Db, entity: Entity, name = unique("Profession")) {
  const [row] = await db.insert(professions).values({ name, entityId: entity.id }).returning();
  if (!row) throw new Error("no profession");
  return row;
}

type TaskFixture = {
  owner: User;
  helper?: User;
  status: "todo" | "done" | "cancelled";
  created: string;
  completed?: string;
  expected: number;
  actual?: number;
  kind?: "task" | "exam";
  milestoneId?: number;
  projectId?: number;
  entity: Entity;
};

export async function addTask(db: Db, f: TaskFixture): Promise<number> {
  const [row] = await db
    .insert(tasks)
    .values({
      name: unique("Task"),
      statusId: await statusIdOf(db, "task", f.status),
      entityId: f.entity.id,
      kind: f.kind ?? "task",
      expectedMinutes: f.expected,
      actualMinutes: f.actual ?? null,
      createdAt: new Date(f.created),
      startedAt: f.completed ? new Date(f.created) : null,
      completedAt: f.completed ? new Date(f.completed) : null,
      milestoneId: f.milestoneId ?? null,
      projectId: f.projectId ?? null,
    })
    .returning({ id: tasks.id });
  if (!row) throw new Error("no task");
  await db.insert(taskAssignee).values({ taskId: row.id, assigneeId: f.owner.id, role: "owner" });
  if (f.helper) await db.insert(taskAssignee).values({ taskId: row.id, assigneeId: f.helper.id, role: "helper" });
  return row.id;
}

export async function addResult(
  db: Db,
  user: User,
  created: string,
  metrics: PerformanceMetrics,
  extra: { taskId?: number; taskStepId?: number; passed?: boolean; attempt?: number } = {},
): Promise<void> {
  await db.insert(taskResults).values({
    userId: user.id,
    taskId: extra.taskId ?? null,
    taskStepId: extra.taskStepId ?? null,
    attempt: extra.attempt ?? 1,
    passed: extra.passed ?? null,
    performanceMetrics: metrics,
    createdAt: new Date(created),
  });
}

/**
 * The scores world: a team lead in the organisation's department with three direct reports (one
 * with a name a spreadsheet would run as a formula), a sub-department member with no manager, a
 * sub-department manager, and a second organisation. The department holds nine people in all.
 * The work, by hand (T = task, owner → helper):
 *   E1: T1 done Jan 10→Jan 12 (60 exp, 90 act) helped by E2; T2 done Feb 5→Feb 6 (30, 15) helped by E2;
 *       T3 todo Feb 10; T4 cancelled Jan 11; T7 exam of a milestone done Jan 5→Jan 6 (20, 10);
 *       quiz 3/4 Jan 20, quiz 1/2 Feb 20, rating 2 Feb 1; project completed Feb 15.
 *   E2: T5 done Jan 15→Feb 3 (60, 60); ratings 4 Jan 25 and 5 Feb 25.
 *   E3: nothing.   E4 (sub-department, no manager): T6 done 2029-12-20→12-21 (30, 30).
 */
export async function createScoresWorld(db: Db) {
  const org = await createOrganisation(db);
  const other = await createOrganisation(db);
  const sub = await createEntity(db, { parent: org.department });
  const p1 = await createProfession(db, org.company);
  const p2 = await createProfession(db, org.company);
  const otherProfession = await createProfession(db, other.company);
  const lead = await createUser(db, org.department, { role: "manager", name: unique("Lead") });
  const manager = { user: lead };
  const e1 = await createUser(db, org.department, { manager: manager.user, professionId: p1.id, name: unique("Ada") });
  const e2 = await createUser(db, org.department, { manager: manager.user, professionId: p1.id, name: `Peer, "quoted"\n${unique("x")}` });
  const e3 = await createUser(db, org.department, { manager: manager.user, professionId: p2.id, name: `=HYPERLINK("http://evil.test","${unique("x")}")` });
  const e4 = await createUser(db, sub, { professionId: p1.id });
  const subManager = await createUser(db, sub, { role: "manager" });
  const dept = org.department;

  await addTask(db, { owner: e1, helper: e2, status: "done", created: "2030-01-10T10:00:00Z", completed: "2030-01-12T10:00:00Z", expected: 60, actual: 90, entity: dept });
  await addTask(db, { owner: e1, helper: e2, status: "done", created: "2030-02-05T10:00:00Z", completed: "2030-02-06T10:00:00Z", expected: 30, actual: 15, entity: dept });
  await addTask(db, { owner: e1, status: "todo", created: "2030-02-10T10:00:00Z", expected: 45, entity: dept });
  await addTask(db, { owner: e1, status: "cancelled", created: "2030-01-11T10:00:00Z", expected: 45, entity: dept });
  await addTask(db, { owner: e2, status: "done", created: "2030-01-15T10:00:00Z", completed: "2030-02-03T10:00:00Z", expected: 60, actual: 60, entity: dept });
  await addTask(db, { owner: e4, status: "done", created: "2029-12-20T10:00:00Z", completed: "2029-12-21T10:00:00Z", expected: 30, actual: 30, entity: sub });

  const [project] = await db
    .insert(projects)
    .values({
      name: unique("Project"),
      statusId: await statusIdOf(db, "project", "completed"),
      entityId: dept.id,
      onboardeeId: e1.id,
      createdAt: new Date("2030-01-02T09:00:00Z"),
      startedAt: new Date("2030-01-02T09:00:00Z"),
      completedAt: new Date("2030-02-15T12:00:00Z"),
    })
    .returning();
  if (!project) throw new Error("no project");
  const [milestone] = await db
    .insert(milestones)
    .values({ name: "Exam week", description: "-", projectId: project.id, expectedHours: 8, statusId: await statusIdOf(db, "milestone", "completed") })
    .returning();
  if (!milestone) throw new Error("no milestone");
  await addTask(db, {
    owner: e1,
    status: "done",
    kind: "exam",
    created: "2030-01-05T10:00:00Z",
    completed: "2030-01-06T10:00:00Z",
    expected: 20,
    actual: 10,
    milestoneId: milestone.id,
    projectId: project.id,
    entity: dept,
  });

  await addResult(db, e1, "2030-01-20T10:00:00Z", { correct_answers: 3, total_questions: 4 });
  await addResult(db, e1, "2030-02-20T10:00:00Z", { correct_answers: 1, total_questions: 2 });
  await addResult(db, e1, "2030-02-01T10:00:00Z", { technical_rating: 2 });
  await addResult(db, e2, "2030-01-25T10:00:00Z", { technical_rating: 4 });
  await addResult(db, e2, "2030-02-25T10:00:00Z", { technical_rating: 5 });

  return {
    org,
    lead: { user: lead, principal: principalOf(lead, org.department) },
    other,
    sub,
    p1,
    p2,
    otherProfession,
    e1,
    e2,
    e3,
    e4,
    subManager: { user: subManager, principal: principalOf(subManager, sub) },
  };
}

export type ScoresWorld = Awaited<ReturnType<typeof createScoresWorld>>;
