// Correct answers never leave the server: an employee takes a seeded quiz (whose answer key carries
// random marker strings) and hands in reviewed work with private feedback; then every GET route
// under app/api (found from the file tree, so new routes are walked too) is called as that employee
// with ids of those rows, and every answer of the exam flow is collected. No response and no outbox
// event (delivered over the WebSocket) may hold an answer-key field or marker, or the private feedback.
import path from "node:path";
import { eq } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { events, milestones, projects, tasks } from "../../db/schema";
import { discoverRoutes, fillPath } from "../../test/authz-routes";
import { openTestProcessDatabase } from "../../test/use-database";
import { POST as evaluate } from "../../app/api/evaluation/process/route";
import { PATCH as patchAttempt } from "../../app/api/exam-attempts/[id]/route";
import { POST as submitRoute } from "../../app/api/exam-attempts/[id]/submit/route";
import { POST as completeStep } from "../../app/api/tasks/[id]/steps/[stepId]/complete/route";
import { POST as startRoute } from "../../app/api/tasks/[id]/steps/[stepId]/attempts/route";
import { POST as submitWorkRoute } from "../../app/api/tasks/[id]/steps/[stepId]/submissions/route";
import { stepsOf } from "../progress/test-program";
import { reviewSubmission } from "./reviews";
import { type Called, callRoute, createExamWorld, tokenOf, wrongAnswers } from "./test-fixtures";

const { db } = await openTestProcessDatabase();

const APP_DIR = path.resolve(import.meta.dirname, "../../app");
/** Keys of the answer key in a quiz definition; `correct` is allowed only as a per-question verdict (boolean). */
const FORBIDDEN_KEYS = new Set(["accepted_answers", "case_sensitive", "process_definition", "private_feedback", "private_feedback_enc"]);

/** Every place in a JSON value where the answer key shows, as readable paths. */
function answerKeyPaths(value: unknown, at = "$"): string[] {
  if (Array.isArray(value)) return value.flatMap((v, i) => answerKeyPaths(v, `${at}[${i}]`));
  if (value === null || typeof value !== "object") return [];
  return Object.entries(value).flatMap(([key, v]) => {
    const here = `${at}.${key}`;
    const own = FORBIDDEN_KEYS.has(key) || (key === "correct" && typeof v !== "boolean") ? [here] : [];
    return [...own, ...answerKeyPaths(v, here)];
  });
}

describe("the answer key in employee-reachable responses", () => {
  it("appears in no GET response, no answer of the exam flow and no event", async () => {
    const w = await createExamWorld(db, { maxAttempts: 3 });
    const token = await tokenOf(db, w.employee.principal);
    const privateNote = `private-${w.key.acceptedAnswer}`;
    const markers = [w.key.acceptedAnswer, w.key.otherAccepted, privateNote].map((m) => m.toLowerCase());
    const seen: { what: string; response: Called }[] = [];
    const keep = (what: string, response: Called) => {
      seen.push({ what, response });
      return response;
    };

    // The exam flow, answering wrong so that the employee's own answers never contain the key.
    const stepParams = { id: String(w.examTaskId), stepId: String(w.quizStepId) };
    const started = keep("start", await callRoute(startRoute, token, { method: "POST", path: "/attempts", params: stepParams }));
    const attemptId = String((started.body.attempt as { id: number }).id);
    keep("save", await callRoute(patchAttempt, token, { method: "PATCH", path: "/attempt", params: { id: attemptId }, body: { answers: { q3: "Porto" } } }));
    keep("submit", await callRoute(submitRoute, token, { method: "POST", path: "/submit", params: { id: attemptId }, body: { answers: wrongAnswers } }));
    keep("evaluate", await callRoute(evaluate, token, { method: "POST", path: "/api/evaluation/process", body: { task_results: { task_id: w.examTaskId, answers: wrongAnswers } } }));
    keep("refused", await callRoute(evaluate, token, { method: "POST", path: "/api/evaluation/process", body: { task_results: { task_id: w.examTaskId, answers: { q1: "zz" } } } }));
    keep("complete by hand", await callRoute(completeStep, token, { method: "POST", path: "/complete", params: stepParams }));
    const submitted = keep(
      "submit work",
      await callRoute(submitWorkRoute, token, { method: "POST", path: "/submissions", params: { id: String(w.projectTaskId), stepId: String(w.submissionStepId) }, body: { body: "work" } }),
    );
    const submissionId = (submitted.body.submission as { id: number }).id;
    await reviewSubmission(db, w.reviewer.principal, { id: submissionId, decision: "accept", score: 1, technical_rating: 5, private_feedback: privateNote });
    expect(started.status).toBe(201);
    expect(submitted.status).toBe(201);

    // Every GET route, aimed at the rows of this quiz.
    const [task] = await db.select().from(tasks).where(eq(tasks.id, w.examTaskId));
    const [project] = await db.select().from(projects).where(eq(projects.id, w.program.projectId));
    const [milestone] = await db.select().from(milestones).where(eq(milestones.id, task?.milestoneId ?? 0));
    const [quizStep] = await stepsOf(db, w.examTaskId);
    const idFor: Record<string, string> = {
      "tasks:id": String(w.examTaskId),
      "steps:stepId": String(w.quizStepId),
      "exam-attempts:id": attemptId,
      "submissions:id": String(submissionId),
      "step-templates:id": String(quizStep?.stepTemplateId),
      "task-templates:id": String(task?.taskTemplateId),
      "project-templates:id": String(project?.projectTemplateId),
      "milestone-templates:id": String(milestone?.milestoneTemplateId),
      "projects:id": String(w.program.projectId),
      "milestones:id": String(task?.milestoneId),
      "users:id": String(w.employee.user.id),
      "entities:id": String(w.department.id),
      "translations:language": "en",
    };
    const queryFor: Record<string, string> = {
      "/api/guideables": `?type=step_template&id=${String(quizStep?.stepTemplateId)}`,
      "/api/tasks": "?kind=exam",
    };
    const routes = await discoverRoutes(APP_DIR);
    for (const route of routes) {
      const get = route.handlers.GET;
      if (!get || route.urlPath.startsWith("/api/auth/") || route.params.some((p) => p.catchAll)) continue;
      const values = Object.fromEntries(route.params.map((p) => [p.name, idFor[`${p.resource}:${p.name}`] ?? "1"]));
      const url = `${fillPath(route.urlPath, values)}${queryFor[route.urlPath] ?? ""}`;
      keep(`GET ${url}`, await callRoute(get, token, { method: "GET", path: url, params: values }));
    }
    const ok = (what: string) => seen.find((s) => s.what === what)?.response.status;
    expect(ok(`GET /api/tasks/${w.examTaskId}`)).toBe(200);
    expect(ok(`GET /api/exam-attempts/${attemptId}`)).toBe(200);
    expect(ok(`GET /api/tasks/${w.examTaskId}/steps/${w.quizStepId}/attempts`)).toBe(200);
    expect(ok(`GET /api/submissions/${submissionId}`)).toBe(200);

    // The API description names the fields of the admins' template bodies: names of fields, no data.
    const describesSchemas = (what: string) => what === "GET /api/openapi.json" || what === "GET /api/docs";
    const leaks = seen.flatMap(({ what, response }) => {
      const text = JSON.stringify(response.body).toLowerCase();
      return [
        ...(describesSchemas(what) ? [] : answerKeyPaths(response.body).map((p) => `${what}: ${p}`)),
        ...markers.filter((m) => text.includes(m)).map((m) => `${what}: contains ${m}`),
      ];
    });
    const eventRows = await db.select({ type: events.type, payload: events.payload }).from(events);
    for (const e of eventRows) {
      const text = JSON.stringify(e.payload).toLowerCase();
      leaks.push(...answerKeyPaths(e.payload).map((p) => `event ${e.type}: ${p}`), ...markers.filter((m) => text.includes(m)).map((m) => `event ${e.type}: ${m}`));
    }
    expect(seen.length).toBeGreaterThan(30);
    expect(leaks).toEqual([]);
  });

  it("the walker's check finds an answer key where there is one", () => {
    const definition = { questions: [{ id: "q1", correct: "a" }, { id: "q2", accepted_answers: ["x"] }] };
    expect(answerKeyPaths(definition)).toEqual(["$.questions[0].correct", "$.questions[1].accepted_answers"]);
    expect(answerKeyPaths({ per_question: [{ id: "q1", correct: false, points: 0 }] })).toEqual([]);
  });
});
