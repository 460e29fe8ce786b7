// Shared set-up of the exam tests: an organisation, an onboarding program whose exam task has a quiz
// step (one question of each kind, with marker strings in its answer key) and whose project task has
// a rated submission step, and readers for the rows the suites assert on. Not application code.
import { randomBytes } from "node:crypto";
import { and, asc, eq, sql } from "drizzle-orm";
import { type DbOrTx, queryRows } from "../../db/client";
import { events, examAttempts, submissions, taskResults, type User } from "../../db/schema";
import { createOrganisation, createUser, principalOf, unique } from "../../test/factories";
import type { Principal } from "../auth/principal";
import { createApiToken } from "../auth/tokens";
import { generateKeyEntry } from "../crypto/keyring";
import { addAssignee, startProgram, stepsOf } from "../progress/test-program";
import type { ProcessDefinitionInput } from "../templates/process-definition";
import type { Db } from "../../db/client";

// Keys of this run only: with DATABASE_URL both are required, and without them the defaults would
// write key files into the working tree.
process.env.GROUNDWORK_ENCRYPTION_KEYS ??= generateKeyEntry("exams-test");
process.env.NEXTAUTH_SECRET ??= randomBytes(48).toString("base64url");

/** Strings of the answer key no response to an employee may contain. */
export type AnswerKey = { acceptedAnswer: string; otherAccepted: string };

export function markerQuiz(options: { maxAttempts?: number; timeLimit?: number | null; shuffle?: boolean; passMark?: number } = {}) {
  const marker = randomBytes(6).toString("hex");
  const key: AnswerKey = { acceptedAnswer: `Lisbon-${marker}`, otherAccepted: `Lisboa-${marker}` };
  const definition: ProcessDefinitionInput = {
    type: "quiz",
    questions: [
      { id: "q1", kind: "single", prompt: "2 + 2?", points: 1, choices: [{ id: "a", text: "Four" }, { id: "b", text: "Five" }], correct: "a" },
      {
        id: "q2",
        kind: "multiple",
        prompt: "Which are prime?",
        points: 2,
        choices: [{ id: "x", text: "Two" }, { id: "y", text: "Four" }, { id: "z", text: "Five" }],
        correct: ["x", "z"],
      },
      { id: "q3", kind: "short", prompt: "Capital of Portugal?", points: 1, accepted_answers: [key.acceptedAnswer, key.otherAccepted], case_sensitive: false },
    ],
    pass_mark: options.passMark ?? 0.75,
    max_attempts: options.maxAttempts ?? 2,
    time_limit_minutes: options.timeLimit === undefined ? 10 : options.timeLimit,
    shuffle: options.shuffle ?? false,
  };
  return { definition, key };
}

/** Every answer right / every answer wrong, in the shape the API takes. */
export const rightAnswers = (key: AnswerKey) => ({ q1: "a", q2: ["z", "x"], q3: `  ${key.acceptedAnswer.toUpperCase()} ` });
export const wrongAnswers = { q1: "b", q2: ["x"], q3: "Porto" };

export const submissionDefinition = (accepts: "text" | "link" | "text_or_link" = "text_or_link", rated = true): ProcessDefinitionInput => ({
  type: "submission",
  instructions: "Hand in your notes.",
  accepts,
  rated,
});

export type Actor = { user: User; principal: Principal };

/**
 * The employee's program: milestone "Week 1" with an exam task "Exam" (one quiz step) and a task
 * "Project" (a submission step); a helper and a reviewer (peers) on both; a stranger in another
 * organisation.
 */
export async function createExamWorld(db: Db, options: Parameters<typeof markerQuiz>[0] & { accepts?: "text" | "link" | "text_or_link"; rated?: boolean } = {}) {
  const org = await createOrganisation(db);
  const quiz = markerQuiz(options);
  const program = await startProgram(db, org.employee.user, {
    milestones: [
      {
        name: "Week 1",
        offset: 0,
        duration: 5,
        tasks: [
          { name: "Exam", kind: "exam", expectedMinutes: 20, steps: [quiz.definition] },
          { name: "Project", steps: [submissionDefinition(options.accepts, options.rated)] },
        ],
      },
    ],
  });
  const helperUser = await createUser(db, org.department, { manager: org.manager.user });
  const reviewerUser = await createUser(db, org.department);
  const examTaskId = program.taskId("Exam");
  const projectTaskId = program.taskId("Project");
  for (const taskId of [examTaskId, projectTaskId]) {
    await addAssignee(db, taskId, helperUser, "helper");
    await addAssignee(db, taskId, reviewerUser, "reviewer");
  }
  const [quizStep] = await stepsOf(db, examTaskId);
  const [submissionStep] = await stepsOf(db, projectTaskId);
  if (!quizStep || !submissionStep) throw new Error("program steps missing");
  const foreign = await createOrganisation(db);
  return {
    ...org,
    program,
    key: quiz.key,
    helper: { user: helperUser, principal: principalOf(helperUser, org.department) },
    reviewer: { user: reviewerUser, principal: principalOf(reviewerUser, org.department) },
    stranger: foreign.employee,
    foreignManager: foreign.manager,
    examTaskId,
    quizStepId: quizStep.id,
    projectTaskId,
    submissionStepId: submissionStep.id,
  };
}

export type ExamWorld = Awaited<ReturnType<typeof createExamWorld>>;

/** Another program for the same employee with one exam task (a quiz of its own answer key). */
export async function addExamTask(db: Db, w: ExamWorld, options: Parameters<typeof markerQuiz>[0] = {}) {
  const quiz = markerQuiz(options);
  const program = await startProgram(db, w.employee.user, {
    milestones: [{ name: "Week 2", offset: 0, duration: 5, tasks: [{ name: "Second exam", kind: "exam", steps: [quiz.definition] }] }],
  });
  const taskId = program.taskId("Second exam");
  const [step] = await stepsOf(db, taskId);
  if (!step) throw new Error("exam step missing");
  return { taskId, stepId: step.id, key: quiz.key };
}

/** The same principal with a request id of its own. */
export const freshCall = (principal: Principal): Principal => ({ ...principal, requestId: unique("req") });

export async function resultsOf(db: DbOrTx, taskId: number) {
  return db.select().from(taskResults).where(eq(taskResults.taskId, taskId)).orderBy(asc(taskResults.id));
}

export async function attemptRow(db: DbOrTx, id: number) {
  const [row] = await db.select().from(examAttempts).where(eq(examAttempts.id, id));
  if (!row) throw new Error(`no attempt ${id}`);
  return row;
}

export async function submissionRow(db: DbOrTx, id: number) {
  const [row] = await db.select().from(submissions).where(eq(submissions.id, id));
  if (!row) throw new Error(`no submission ${id}`);
  return row;
}

/** Moves an attempt's start and deadline back in time, as if it had been started `minutes` ago. */
export async function ageAttempt(db: DbOrTx, id: number, seconds: number) {
  await db.execute(sql`update exam_attempts set started_at = started_at - make_interval(secs => ${seconds}),
    deadline_at = deadline_at - make_interval(secs => ${seconds}) where id = ${id}`);
}

export async function eventTypesOfTask(db: DbOrTx, taskId: number, prefix: string) {
  const rows = await db
    .select({ type: events.type })
    .from(events)
    .where(and(sql`${events.payload}->>'task_id' = ${String(taskId)}`, sql`${events.type} like ${`${prefix}%`}`))
    .orderBy(asc(events.id));
  return rows.map((r) => r.type);
}

/** "table:action" of every audit row a call with this request id left, sorted and distinct. */
export async function auditTrail(db: DbOrTx, requestId: string | undefined): Promise<string[]> {
  const rows = await queryRows<{ entry: string }>(
    db,
    sql`select distinct table_name || ':' || action as entry from audit_log where request_id = ${requestId ?? ""} order by 1`,
  );
  return rows.map((r) => r.entry);
}

export async function userScoreRow(db: DbOrTx, userId: number) {
  const [row] = await queryRows<{ correct_answers: number; total_questions: number; rating_sum: number; rating_count: number }>(
    db,
    sql`select correct_answers::float8 as correct_answers, total_questions::float8 as total_questions, rating_sum::float8 as rating_sum, rating_count::float8 as rating_count
        from user_scores where user_id = ${userId}`,
  );
  return row;
}

type Handler = (request: Request, context: { params: Promise<Record<string, string>> }) => Promise<Response>;
export type Called = { status: number; headers: Headers; body: Record<string, unknown> };

/** Calls a route handler as an API client would: bearer token, JSON body, params of the path. */
export async function callRoute(
  handler: Handler,
  token: string,
  init: { method: string; path: string; params?: Record<string, string>; body?: unknown; headers?: Record<string, string> },
): Promise<Called> {
  const response = await handler(
    new Request(`http://localhost${init.path}`, {
      method: init.method,
      headers: { authorization: `Bearer ${token}`, "content-type": "application/json", ...init.headers },
      body: init.body === undefined ? undefined : JSON.stringify(init.body),
    }),
    { params: Promise.resolve(init.params ?? {}) },
  );
  const text = await response.text();
  const json = (response.headers.get("content-type") ?? "").includes("json");
  const body = (text && json ? JSON.parse(text) : text ? { text } : {}) as Record<string, unknown>;
  return { status: response.status, headers: response.headers, body };
}

export const tokenOf = async (db: Db, principal: Principal) =>
  (await createApiToken(db, principal, { name: unique("client"), scopes: ["read", "write"] })).token;
