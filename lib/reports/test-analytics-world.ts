// Test support for the onboarding analytics: one program (two revisions of one lineage) and a
// second program, started for people of two professions, with start and completion instants and
// graded quiz attempts chosen so that every duration, median and rate is worked out by hand.
// All instants are in January 2030 (Berlin is UTC+1 then; 09:00Z is 10:00 there). Not imported by
// application code.
import { and, eq, inArray } from "drizzle-orm";
import type { Db } from "../../db/client";
import { milestones, milestoneTemplates, projects, projectTemplates, tasks, taskSteps, type User } from "../../db/schema";
import { createOrganisation, createProgram, createUser, instructionStep, quizStep, unique } from "../../test/factories";
import { instantiateProgram } from "../programs/instantiate";
import { statusIdOf } from "../statuses/service";
import { addResult, createProfession } from "./test-fixtures";

const PROGRAM = {
  durationDays: 5,
  milestones: [
    { name: "Basics", offset: 0, duration: 2, tasks: [{ name: "Read the handbook", steps: [instructionStep()] }] },
    { name: "Exam", offset: 2, duration: 3, tasks: [{ name: "Final quiz", kind: "exam" as const, steps: [quizStep()] }] },
  ],
};

async function start(db: Db, templateId: number, user: User) {
  return db.transaction((tx) => instantiateProgram(tx, { projectTemplateId: templateId, onboardeeId: user.id, createdBy: null, startDate: "2030-01-07" }));
}

type Span = [string, string];

/** Stamps a started program: the project's span and each milestone's, in position order. */
async function complete(db: Db, projectId: number, project: Span | [string, null], milestoneSpans: Span[]) {
  const done = project[1] !== null;
  await db
    .update(projects)
    .set({
      startedAt: new Date(project[0]),
      completedAt: project[1] === null ? null : new Date(project[1]),
      statusId: await statusIdOf(db, "project", done ? "completed" : "in_progress"),
    })
    .where(eq(projects.id, projectId));
  const rows = await db.select({ id: milestones.id }).from(milestones).where(eq(milestones.projectId, projectId)).orderBy(milestones.position);
  for (const [i, span] of milestoneSpans.entries()) {
    const row = rows[i];
    if (!row) throw new Error("fewer milestones than spans");
    await db
      .update(milestones)
      .set({ startedAt: new Date(span[0]), completedAt: new Date(span[1]), statusId: await statusIdOf(db, "milestone", "completed") })
      .where(eq(milestones.id, row.id));
  }
}

/** The quiz step of a project's exam task: where its attempts are recorded. */
async function quizOf(db: Db, projectId: number) {
  const [row] = await db
    .select({ taskId: tasks.id, stepId: taskSteps.id, stepTemplateId: taskSteps.stepTemplateId })
    .from(tasks)
    .innerJoin(taskSteps, eq(taskSteps.taskId, tasks.id))
    .where(and(eq(tasks.projectId, projectId), eq(tasks.kind, "exam"), eq(taskSteps.kind, "quiz")));
  if (!row?.stepTemplateId) throw new Error("no quiz step");
  return { taskId: row.taskId, stepId: row.stepId, stepTemplateId: row.stepTemplateId };
}

async function attempt(db: Db, user: User, quiz: { taskId: number; stepId: number }, at: string, q1: boolean, q2: boolean, attemptNo = 1) {
  const correct = Number(q1) + Number(q2);
  await addResult(
    db,
    user,
    at,
    {
      correct_answers: correct,
      total_questions: 2,
      passed: correct >= 1,
      per_question: [
        { id: "q1", correct: q1, points: q1 ? 1 : 0 },
        { id: "q2", correct: q2, points: q2 ? 1 : 0 },
      ],
    },
    { taskId: quiz.taskId, taskStepId: quiz.stepId, passed: correct >= 1, attempt: attemptNo },
  );
}

/**
 * Projects (working hours, weekends left out):
 *   A (P1, rev 1) Mon 7th 09:00 → Fri 11th 17:00 = 104 h; Basics 24 h, Exam 80 h.
 *   B (P1, rev 1) Mon 7th 09:00 → Mon 14th 09:00 = 120 h; Basics 96 h, Exam Fri 09:00 → Mon 09:00 = 24 h.
 *   C (P1, rev 2) Mon 7th 09:00 → Wed 9th 09:00 = 48 h; Basics 12 h, Exam 36 h.
 *   D (P2, rev 1) Mon 7th 09:00 → Tue 8th 09:00 = 24 h; Basics 12 h, Exam 12 h.
 *   E (P1, rev 1) started, not completed.   A also completes the second program in 24 h (Jan 14th → 15th).
 *   O, another organisation's employee, completes rev 1 too: never in this organisation's reports.
 * Quiz attempts (q1, q2): A ✓✗ and ✓✓ on the 10th, B ✗✗ on the 13th, D ✓✗ on the 8th (rev 1's step);
 * C ✓✗ on the 8th (rev 2's step); O ✗✗.
 */
export async function createAnalyticsWorld(db: Db) {
  const org = await createOrganisation(db);
  const other = await createOrganisation(db);
  const p1 = await createProfession(db, org.company);
  const p2 = await createProfession(db, org.company);
  const person = (professionId: number) => createUser(db, org.department, { manager: org.manager.user, professionId, name: unique("Onboardee") });
  const [a, b, c, d, e] = [await person(p1.id), await person(p1.id), await person(p1.id), await person(p2.id), await person(p1.id)];
  const o = await createUser(db, other.department, { professionId: p1.id });

  const rev1 = await createProgram(db, PROGRAM);
  const rev2 = await createProgram(db, PROGRAM);
  const second = await createProgram(db, { durationDays: 5, milestones: [PROGRAM.milestones[0] ?? { name: "x", offset: 0, duration: 1, tasks: [] }] });
  // Revision 2 of the same program: its templates join revision 1's lineages.
  await db.update(projectTemplates).set({ lineageId: rev1.templateId, revision: 2, name: unique("Program v2") }).where(eq(projectTemplates.id, rev2.templateId));
  for (const name of ["Basics", "Exam"]) {
    const lineage = rev1.milestoneIdByName.get(name);
    const revision = rev2.milestoneIdByName.get(name);
    if (lineage === undefined || revision === undefined) throw new Error("no milestone template");
    await db.update(milestoneTemplates).set({ lineageId: lineage, revision: 2, name: `${name} (v2)` }).where(inArray(milestoneTemplates.id, [revision]));
  }

  const pa = await start(db, rev1.templateId, a);
  const pb = await start(db, rev1.templateId, b);
  const pc = await start(db, rev2.templateId, c);
  const pd = await start(db, rev1.templateId, d);
  const pe = await start(db, rev1.templateId, e);
  const pa2 = await start(db, second.templateId, a);
  const po = await start(db, rev1.templateId, o);

  const MON = "2030-01-07T09:00:00Z";
  await complete(db, pa.projectId, [MON, "2030-01-11T17:00:00Z"], [[MON, "2030-01-08T09:00:00Z"], ["2030-01-08T09:00:00Z", "2030-01-11T17:00:00Z"]]);
  await complete(db, pb.projectId, [MON, "2030-01-14T09:00:00Z"], [[MON, "2030-01-11T09:00:00Z"], ["2030-01-11T09:00:00Z", "2030-01-14T09:00:00Z"]]);
  await complete(db, pc.projectId, [MON, "2030-01-09T09:00:00Z"], [[MON, "2030-01-07T21:00:00Z"], ["2030-01-07T21:00:00Z", "2030-01-09T09:00:00Z"]]);
  await complete(db, pd.projectId, [MON, "2030-01-08T09:00:00Z"], [[MON, "2030-01-07T21:00:00Z"], ["2030-01-07T21:00:00Z", "2030-01-08T09:00:00Z"]]);
  await complete(db, pe.projectId, [MON, null], []);
  await complete(db, pa2.projectId, ["2030-01-14T09:00:00Z", "2030-01-15T09:00:00Z"], [["2030-01-14T09:00:00Z", "2030-01-15T09:00:00Z"]]);
  await complete(db, po.projectId, [MON, "2030-01-08T09:00:00Z"], [[MON, "2030-01-07T21:00:00Z"], ["2030-01-07T21:00:00Z", "2030-01-08T09:00:00Z"]]);

  const quizA = await quizOf(db, pa.projectId);
  await attempt(db, a, quizA, "2030-01-10T10:00:00Z", true, false, 1);
  await attempt(db, a, quizA, "2030-01-10T11:00:00Z", true, true, 2);
  await attempt(db, b, await quizOf(db, pb.projectId), "2030-01-13T10:00:00Z", false, false);
  await attempt(db, d, await quizOf(db, pd.projectId), "2030-01-08T10:00:00Z", true, false);
  const quizC = await quizOf(db, pc.projectId);
  await attempt(db, c, quizC, "2030-01-08T10:00:00Z", true, false);
  await attempt(db, o, await quizOf(db, po.projectId), "2030-01-08T10:00:00Z", false, false);

  return {
    org,
    other,
    p1,
    p2,
    people: { a, b, c, d, e, o },
    programs: { lineage: rev1.templateId, rev2: rev2.templateId, second: second.templateId },
    milestoneLineages: { basics: rev1.milestoneIdByName.get("Basics") ?? 0, exam: rev1.milestoneIdByName.get("Exam") ?? 0 },
    steps: { rev1: quizA.stepTemplateId, rev2: quizC.stepTemplateId },
  };
}

export type AnalyticsWorld = Awaited<ReturnType<typeof createAnalyticsWorld>>;
