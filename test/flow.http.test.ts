// The specification's API integration flow (docs/specification.txt section 4) over real HTTP: the
// six steps in order, with the seed's payload shapes, against server.ts with an API token minted by
// the CLI for the demo manager. The server always runs on its own embedded PGlite folder (seeded by
// `npm run db:seed`), also when this file runs with DATABASE_URL: what is under test here is the
// HTTP surface, the token and the process, not the database driver (the other tests cover both).
// It runs the production build (built first when missing or older than the sources; CI builds
// before the tests), as `npm start` does.
import { mkdtempSync, rmSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { childEnv, ensureProductionBuild, freePort, type RunningServer, runNpmScript, startServer } from "./http-server";

const MANAGER_EMAIL = "manager@demo.test";
// Generous: the machine may be busy with other test files.
const STEP_TIMEOUT_MS = 60_000;

let folder: string;
let server: RunningServer | undefined;
let token: string;

type Answer = { status: number; contentType: string; headers: Headers; body: unknown };

async function call(method: string, url: string, body?: unknown, headers: Record<string, string> = {}): Promise<Answer> {
  if (!server) throw new Error("the server did not start");
  const response = await fetch(`${server.baseUrl}${url}`, {
    method,
    headers: { authorization: `Bearer ${token}`, ...(body === undefined ? {} : { "content-type": "application/json" }), ...headers },
    body: body === undefined ? undefined : JSON.stringify(body),
    signal: AbortSignal.timeout(STEP_TIMEOUT_MS - 5_000),
  });
  const text = await response.text();
  const contentType = response.headers.get("content-type") ?? "";
  return { status: response.status, contentType, headers: response.headers, body: contentType.includes("json") && text ? (JSON.parse(text) as unknown) : text };
}

/** The answer's body as an object, after checking the status (the body is in the failure message). */
function expectStatus(answer: Answer, ...statuses: number[]): unknown {
  expect(statuses, `${answer.status}: ${JSON.stringify(answer.body).slice(0, 800)}`).toContain(answer.status);
  return answer.body;
}

type Page<T> = { items: T[]; next_cursor: string | number | null };
type UserDto = { id: number; role: string; manager_id: number | null; is_active: boolean };
type StatusDto = { id: number; domain: string; code: string };
type Assignee = { user_id: number; role: string };
type TaskDto = { id: number; status_id: number; task_template_id: number | null; project_id: number | null; assignees: Assignee[] };
type ProjectDto = { id: number; onboardee_id: number; milestones: unknown[] };

async function allPages<T>(url: string): Promise<T[]> {
  const items: T[] = [];
  let cursor: string | number | null = null;
  do {
    const separator = url.includes("?") ? "&" : "?";
    const page: Page<T> = expectStatus(await call("GET", cursor === null ? url : `${url}${separator}cursor=${cursor}`), 200) as Page<T>;
    items.push(...page.items);
    cursor = page.next_cursor;
  } while (cursor !== null);
  return items;
}

beforeAll(async () => {
  folder = mkdtempSync(path.join(os.tmpdir(), "groundwork-flow-"));
  await ensureProductionBuild();
  const env = childEnv(path.join(folder, "pglite"), { NODE_ENV: "production" });
  // PGlite allows one process per folder: seed, mint the token, then start the server.
  await runNpmScript("db:seed", [], env, 300_000);
  const printed = await runNpmScript("cli", ["token:create", "--email", MANAGER_EMAIL, "--name", "flow", "--scopes", "read,write"], env, 120_000);
  token = printed.trim().split("\n").at(-1) ?? "";
  expect(token).toMatch(/^gwt_/);
  server = await startServer({ env, port: await freePort(), readyTimeoutMs: 180_000 });
}, 600_000);

afterAll(async () => {
  await server?.stop();
  if (folder) rmSync(folder, { recursive: true, force: true });
}, 60_000);

describe("the specification's onboarding flow over HTTP with the manager's API token", () => {
  let me: UserDto;
  let onboardee: UserDto;
  let project: ProjectDto;
  const startKey = `flow-start-${Date.now()}`;
  let firstStart: Answer;

  it(
    "1. initiate_onboarding: POST /api/onboarding/start {user_id} starts the program of a report who has none",
    async () => {
      me = expectStatus(await call("GET", "/api/me"), 200) as UserDto;
      expect(me.role).toBe("manager");
      const reports = (await allPages<UserDto>("/api/users?limit=100")).filter((u) => u.manager_id === me.id && u.role === "employee" && u.is_active);
      let found: UserDto | undefined;
      for (const report of reports) {
        const projects = expectStatus(await call("GET", `/api/projects?onboardee_id=${report.id}`), 200) as Page<unknown>;
        if (projects.items.length === 0) {
          found = report;
          break;
        }
      }
      if (!found) throw new Error(`the demo data has no report of ${MANAGER_EMAIL} without a program`);
      onboardee = found;

      firstStart = await call("POST", "/api/onboarding/start", { user_id: onboardee.id }, { "idempotency-key": startKey });
      const started = expectStatus(firstStart, 201) as { created: boolean; project: ProjectDto };
      expect(firstStart.contentType).toMatch(/^application\/json/);
      expect(started.created).toBe(true);
      expect(started.project.onboardee_id).toBe(onboardee.id);
      expect(started.project.milestones.length).toBeGreaterThan(0);
      project = started.project;
      const listed = expectStatus(await call("GET", `/api/projects?onboardee_id=${onboardee.id}`), 200) as Page<{ id: number }>;
      expect(listed.items.map((p) => p.id)).toEqual([project.id]);
    },
    STEP_TIMEOUT_MS,
  );

  it(
    "replays step 1 for the same Idempotency-Key and body, and refuses the key with another body (422)",
    async () => {
      const replay = await call("POST", "/api/onboarding/start", { user_id: onboardee.id }, { "idempotency-key": startKey });
      expect(replay.status).toBe(firstStart.status);
      expect(replay.body).toEqual(firstStart.body);
      expect(replay.headers.get("idempotent-replayed")).toBe("true");

      const reused = await call("POST", "/api/onboarding/start", { user_id: me.id }, { "idempotency-key": startKey });
      const refusal = expectStatus(reused, 422) as { code: string };
      expect(refusal.code).toBe("idempotency_key_reused");
      expect(reused.contentType).toMatch(/^application\/problem\+json/);
      // Neither call started a second program.
      const listed = expectStatus(await call("GET", `/api/projects?onboardee_id=${onboardee.id}`), 200) as Page<{ id: number }>;
      expect(listed.items).toHaveLength(1);
    },
    STEP_TIMEOUT_MS,
  );

  it(
    "2. assign_tasks: POST /api/tasks/assign {template_id} creates the template's tasks for the caller",
    async () => {
      const templates = expectStatus(await call("GET", "/api/task-templates?is_draft=false&limit=100"), 200) as Page<{ id: number; is_draft: boolean }>;
      const template = templates.items.find((t) => !t.is_draft);
      if (!template) throw new Error("the manager sees no published task template");
      // The seed's payload names only the template: the tasks go to the caller.
      const assigned = expectStatus(await call("POST", "/api/tasks/assign", { template_id: template.id }), 201) as { tasks: TaskDto[] };
      expect(assigned.tasks.length).toBeGreaterThan(0);
      expect(assigned.tasks.map((t) => t.task_template_id)).toContain(template.id);
      for (const task of assigned.tasks) expect(task.assignees).toContainEqual(expect.objectContaining({ user_id: me.id, role: "owner" }));
    },
    STEP_TIMEOUT_MS,
  );

  it(
    "3. track_progress: POST /api/progress/update {user_id, task_id, status_id} moves an onboardee's task todo → in_progress",
    async () => {
      const statuses = expectStatus(await call("GET", "/api/statuses"), 200) as Page<StatusDto>;
      const taskStatuses = statuses.items.filter((s) => s.domain === "task");
      const todo = taskStatuses.find((s) => s.code === "todo");
      const inProgress = taskStatuses.find((s) => s.code === "in_progress");
      if (!todo || !inProgress) throw new Error("task statuses todo / in_progress missing");
      const tasks = await allPages<TaskDto>(`/api/tasks?project_id=${project.id}&status=todo&limit=100`);
      const task = tasks.find((t) => t.status_id === todo.id && t.assignees.some((a) => a.user_id === onboardee.id && a.role === "owner"));
      if (!task) throw new Error(`project ${project.id} has no todo task owned by the onboardee`);

      const update = await call("POST", "/api/progress/update", { user_id: onboardee.id, task_id: task.id, status_id: inProgress.id });
      const moved = expectStatus(update, 200) as { task: { id: number; status_id: number; status: { code: string } } };
      expect(moved.task).toMatchObject({ id: task.id, status_id: inProgress.id, status: { code: "in_progress" } });
      const reread = expectStatus(await call("GET", `/api/tasks/${task.id}`), 200) as TaskDto;
      expect(reread.status_id).toBe(inProgress.id);
    },
    STEP_TIMEOUT_MS,
  );

  it(
    "4. evaluate_results: POST /api/evaluation/process {task_results} grades on the server and ignores a client's score",
    async () => {
      const exams = expectStatus(await call("GET", "/api/task-templates?kind=exam&is_draft=false&limit=100"), 200) as Page<{ id: number }>;
      const exam = exams.items[0];
      if (!exam) throw new Error("the manager sees no published exam template");
      const assigned = expectStatus(await call("POST", "/api/tasks/assign", { template_id: exam.id }), 201) as { tasks: TaskDto[] };
      const task = assigned.tasks.find((t) => t.task_template_id === exam.id);
      if (!task) throw new Error("assigning the exam created no task from it");

      // Nothing answered, but the client claims a perfect score: the server grades 0 and says what it ignored.
      const graded = await call("POST", "/api/evaluation/process", { task_results: { task_id: task.id, answers: {}, score: 1, passed: true } });
      const body = expectStatus(graded, 201) as {
        results: { task_id: number; task_result_id: number; passed: boolean; score: number; ignored_fields: string[]; metrics: { total_questions: number; correct_answers: number } }[];
      };
      expect(body.results[0]).toMatchObject({ task_id: task.id, passed: false, score: 0, ignored_fields: ["passed", "score"] });
      expect(body.results[0]?.metrics.total_questions).toBeGreaterThan(0);
      expect(body.results[0]?.metrics.correct_answers).toBe(0);
      // The answer key never leaves the server.
      expect(JSON.stringify(body)).not.toMatch(/accepted_answers|"correct":"/);
    },
    STEP_TIMEOUT_MS,
  );

  it(
    "5. generate_reports: POST /api/reports/create {metrics} stores a team report, readable as JSON and CSV",
    async () => {
      const metrics = { scope: { type: "team", id: me.id }, include: ["completion", "timing", "quality", "question_pass_rates"] };
      const created = await call("POST", "/api/reports/create", { metrics });
      const report = expectStatus(created, 201) as { id: number; metrics: unknown; result: { scope: unknown } };
      expect(created.headers.get("location")).toBe(`/api/reports/${report.id}`);
      expect(report.result).toBeTruthy();
      const reread = expectStatus(await call("GET", `/api/reports/${report.id}`), 200) as { id: number; result: unknown };
      expect(reread.result).toEqual(report.result);
      const csv = await call("GET", `/api/reports/${report.id}/csv`);
      expectStatus(csv, 200);
      expect(csv.contentType).toMatch(/^text\/csv/);
      expect(String(csv.body)).toContain("completion");
    },
    STEP_TIMEOUT_MS,
  );

  it(
    "6. unlock_specializations: POST /api/specializations/update {user_id, progress_data} re-evaluates from the database only",
    async () => {
      // The onboardee has just started: a client claiming finished projects unlocks nothing.
      const answer = await call("POST", "/api/specializations/update", { user_id: onboardee.id, progress_data: { completed_projects: 5, progress: 1 } });
      const standing = expectStatus(answer, 200) as {
        user_id: number;
        facts: { completed_projects: number };
        newly_unlocked: unknown[];
        progress_data: { reevaluated: boolean; ignored_fields: string[] };
      };
      expect(standing.user_id).toBe(onboardee.id);
      expect(standing.facts.completed_projects).toBe(0);
      expect(standing.newly_unlocked).toEqual([]);
      expect(standing.progress_data).toMatchObject({ reevaluated: true, ignored_fields: ["completed_projects", "progress"] });
    },
    STEP_TIMEOUT_MS,
  );

  it(
    "answers an unknown API path with a problem+json 404",
    async () => {
      const missing = await call("GET", "/api/no-such-thing");
      expectStatus(missing, 404);
      expect(missing.contentType).toMatch(/^application\/problem\+json/);
    },
    STEP_TIMEOUT_MS,
  );
});
