// The exam routes as an API client calls them: bearer tokens, the seed's evaluation payload,
// problem+json refusals, the attempt's ETag and If-Match, and the per-user evaluation rate limit.
import { eq } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { rateLimits } from "../../db/schema";
import { POST as evaluate } from "../../app/api/evaluation/process/route";
import { GET as getAttemptRoute, PATCH as patchAttempt } from "../../app/api/exam-attempts/[id]/route";
import { POST as submitRoute } from "../../app/api/exam-attempts/[id]/submit/route";
import { GET as getSubmissionRoute } from "../../app/api/submissions/[id]/route";
import { POST as reviewRoute } from "../../app/api/submissions/[id]/review/route";
import { GET as listSubmissionsRoute } from "../../app/api/submissions/route";
import { GET as listAttempts, POST as startRoute } from "../../app/api/tasks/[id]/steps/[stepId]/attempts/route";
import { POST as submitWorkRoute } from "../../app/api/tasks/[id]/steps/[stepId]/submissions/route";
import { openTestProcessDatabase } from "../../test/use-database";
import { userLimitKey } from "../api/rate-limit";
import { consume, LIMITS } from "../ratelimit/limiters";
import { ageAttempt, callRoute, createExamWorld, type ExamWorld, resultsOf, rightAnswers, tokenOf, wrongAnswers } from "./test-fixtures";

const { db } = await openTestProcessDatabase();

const startPath = (w: ExamWorld) => ({
  path: `/api/tasks/${w.examTaskId}/steps/${w.quizStepId}/attempts`,
  params: { id: String(w.examTaskId), stepId: String(w.quizStepId) },
});
const attemptPath = (id: unknown, suffix = "") => ({ path: `/api/exam-attempts/${String(id)}${suffix}`, params: { id: String(id) } });

describe("attempt routes", () => {
  it("start (201, then 200 for the open one), read, save with If-Match, submit with a tampered score", async () => {
    const w = await createExamWorld(db);
    const token = await tokenOf(db, w.employee.principal);
    const started = await callRoute(startRoute, token, { method: "POST", ...startPath(w) });
    expect(started.status).toBe(201);
    const attempt = started.body.attempt as { id: number; version: number };
    expect(started.headers.get("etag")).toBe(`"${attempt.version}"`);
    const resumed = await callRoute(startRoute, token, { method: "POST", ...startPath(w), body: {} });
    expect(resumed.status).toBe(200);
    expect((resumed.body.attempt as { id: number }).id).toBe(attempt.id);

    const read = await callRoute(getAttemptRoute, token, { method: "GET", ...attemptPath(attempt.id) });
    expect(read.status).toBe(200);
    expect(read.headers.get("etag")).toBe(`"${attempt.version}"`);
    const listed = await callRoute(listAttempts, token, { method: "GET", ...startPath(w) });
    expect((listed.body.items as { id: number }[]).map((a) => a.id)).toEqual([attempt.id]);

    const saved = await callRoute(patchAttempt, token, {
      method: "PATCH",
      ...attemptPath(attempt.id),
      headers: { "if-match": `"${attempt.version}"` },
      body: { answers: { q1: "b" } },
    });
    expect(saved.status).toBe(200);
    const stale = await callRoute(patchAttempt, token, {
      method: "PATCH",
      ...attemptPath(attempt.id),
      headers: { "if-match": `"${attempt.version}"` },
      body: { answers: { q1: "a" } },
    });
    expect(stale.status).toBe(412);
    expect(stale.headers.get("content-type")).toBe("application/problem+json");
    const badHeader = await callRoute(patchAttempt, token, { method: "PATCH", ...attemptPath(attempt.id), headers: { "if-match": "W/1" }, body: { answers: {} } });
    expect(badHeader.status).toBe(400);

    const submitted = await callRoute(submitRoute, token, {
      method: "POST",
      ...attemptPath(attempt.id, "/submit"),
      body: { answers: { q2: ["x"], q3: "Porto" }, score: 1, passed: true },
    });
    expect(submitted.status).toBe(200);
    expect(submitted.body).toMatchObject({ passed: false, score: 0, ignored_fields: ["passed", "score"], attempts_left: 1 });
    const again = await callRoute(submitRoute, token, { method: "POST", ...attemptPath(attempt.id, "/submit") });
    expect(again.status).toBe(409);
    expect(again.body).toMatchObject({ code: "conflict", reason: "attempt_submitted" });
  });

  it("refuses a submit past the time limit with a problem+json 409 naming the reason", async () => {
    const w = await createExamWorld(db, { timeLimit: 1 });
    const token = await tokenOf(db, w.employee.principal);
    const started = await callRoute(startRoute, token, { method: "POST", ...startPath(w) });
    const id = (started.body.attempt as { id: number }).id;
    await ageAttempt(db, id, 60 + 31);
    const late = await callRoute(submitRoute, token, { method: "POST", ...attemptPath(id, "/submit"), body: { answers: rightAnswers(w.key) } });
    expect(late.status).toBe(409);
    expect(late.headers.get("content-type")).toBe("application/problem+json");
    expect(late.body).toMatchObject({ reason: "time_limit_exceeded", status: 409 });
    expect(await resultsOf(db, w.examTaskId)).toHaveLength(0);
  });
});

describe("POST /api/evaluation/process", () => {
  it("takes the seed payload {task_results} as one item or a list, and answers 201 with the results", async () => {
    const w = await createExamWorld(db, { maxAttempts: 3 });
    const token = await tokenOf(db, w.employee.principal);
    const one = await callRoute(evaluate, token, {
      method: "POST",
      path: "/api/evaluation/process",
      body: { task_results: { task_id: w.examTaskId, answers: wrongAnswers, score: 1, correct_answers: 3 } },
    });
    expect(one.status).toBe(201);
    const [first] = one.body.results as Record<string, unknown>[];
    expect(first).toMatchObject({ passed: false, score: 0, ignored_fields: ["correct_answers", "score"], attempts_left: 2 });
    const list = await callRoute(evaluate, token, {
      method: "POST",
      path: "/api/evaluation/process",
      body: { task_results: [{ task_id: w.examTaskId, task_step_id: w.quizStepId, answers: rightAnswers(w.key) }] },
    });
    expect(list.status).toBe(201);
    expect((list.body.results as { passed: boolean; task: { status: { code: string } } }[])[0]).toMatchObject({ passed: true, task: { status: { code: "done" } } });
  });

  it("answers 422 for a payload naming neither attempt_id nor task_id, task_id without answers, too many results, or an unknown top-level field", async () => {
    const w = await createExamWorld(db);
    const token = await tokenOf(db, w.employee.principal);
    const bodies = [
      { task_results: { answers: {} } },
      { task_results: { task_id: w.examTaskId } },
      { task_results: Array.from({ length: 21 }, () => ({ task_id: w.examTaskId, answers: {} })) },
      { task_results: [] },
      { task_results: { task_id: w.examTaskId, answers: {} }, score: 1 },
    ];
    for (const body of bodies) {
      const answer = await callRoute(evaluate, token, { method: "POST", path: "/api/evaluation/process", body });
      expect(answer.status, JSON.stringify(body).slice(0, 80)).toBe(422);
    }
    expect(await resultsOf(db, w.examTaskId)).toHaveLength(0);
  });

  it("replays an Idempotency-Key instead of grading twice", async () => {
    const w = await createExamWorld(db, { maxAttempts: 3 });
    const token = await tokenOf(db, w.employee.principal);
    const request = {
      method: "POST",
      path: "/api/evaluation/process",
      headers: { "idempotency-key": `grade-once-${w.examTaskId}` },
      body: { task_results: { task_id: w.examTaskId, answers: wrongAnswers } },
    };
    const first = await callRoute(evaluate, token, request);
    const second = await callRoute(evaluate, token, request);
    expect(first.status).toBe(201);
    expect(second.status).toBe(201);
    expect(second.headers.get("idempotent-replayed")).toBe("true");
    expect(second.body).toEqual(first.body);
    expect(await resultsOf(db, w.examTaskId)).toHaveLength(1);
  });

  it("is rate limited per user: 429 with Retry-After once the points are used, on submit too; a batch takes a point per result", async () => {
    const w = await createExamWorld(db);
    const token = await tokenOf(db, w.employee.principal);
    const started = await callRoute(startRoute, token, { method: "POST", ...startPath(w) });
    const attemptId = (started.body.attempt as { id: number }).id;
    // Use up the user's points directly instead of waiting on real requests.
    for (let i = 0; i < LIMITS.evaluation.points; i++) await consume("evaluation", userLimitKey(w.employee.user.id));

    const limited = await callRoute(evaluate, token, { method: "POST", path: "/api/evaluation/process", body: { task_results: { attempt_id: attemptId } } });
    expect(limited.status).toBe(429);
    expect(limited.headers.get("content-type")).toBe("application/problem+json");
    const retryAfter = Number(limited.headers.get("retry-after"));
    expect(retryAfter).toBeGreaterThanOrEqual(1);
    expect(retryAfter).toBeLessThanOrEqual(LIMITS.evaluation.durationSeconds);
    const submit = await callRoute(submitRoute, token, { method: "POST", ...attemptPath(attemptId, "/submit") });
    expect(submit.status).toBe(429);
    expect(await resultsOf(db, w.examTaskId)).toHaveLength(0);

    const other = await createExamWorld(db);
    // A batch takes a point per result, all or none: with one point left, two results are refused
    // without using it, and one result then goes through.
    for (let i = 0; i < LIMITS.evaluation.points - 1; i++) await consume("evaluation", userLimitKey(other.employee.user.id));
    const otherToken = await tokenOf(db, other.employee.principal);
    const pair = [
      { task_id: other.examTaskId, answers: wrongAnswers },
      { task_id: other.examTaskId, answers: wrongAnswers },
    ];
    const batch = await callRoute(evaluate, otherToken, { method: "POST", path: "/api/evaluation/process", body: { task_results: pair } });
    expect(batch.status).toBe(429);
    const otherAnswer = await callRoute(evaluate, otherToken, {
      method: "POST",
      path: "/api/evaluation/process",
      body: { task_results: { task_id: other.examTaskId, answers: wrongAnswers } },
    });
    expect(otherAnswer.status).toBe(201);
  });

  it("takes the points before an Idempotency-Key's transaction: a keyed request is limited, and replaying its stored answer takes none", async () => {
    const w = await createExamWorld(db, { maxAttempts: 3 });
    const token = await tokenOf(db, w.employee.principal);
    const key = userLimitKey(w.employee.user.id);
    for (let i = 0; i < LIMITS.evaluation.points - 1; i++) await consume("evaluation", key);
    const request = (idempotencyKey: string) => ({
      method: "POST",
      path: "/api/evaluation/process",
      headers: { "idempotency-key": idempotencyKey },
      body: { task_results: { task_id: w.examTaskId, answers: wrongAnswers } },
    });
    const graded = await callRoute(evaluate, token, request(`last-point-${w.examTaskId}`));
    expect(graded.status).toBe(201);
    const replayed = await callRoute(evaluate, token, request(`last-point-${w.examTaskId}`));
    expect(replayed.status).toBe(201);
    expect(replayed.headers.get("idempotent-replayed")).toBe("true");
    expect(replayed.body).toEqual(graded.body);
    const limited = await callRoute(evaluate, token, request(`over-${w.examTaskId}`));
    expect(limited.status).toBe(429);
    expect(Number(limited.headers.get("retry-after"))).toBeGreaterThanOrEqual(1);
    expect(await resultsOf(db, w.examTaskId)).toHaveLength(1);
    // The refused key stored nothing: once points are back, the same key does the work.
    await db.delete(rateLimits).where(eq(rateLimits.key, `evaluation:${key}`));
    const retried = await callRoute(evaluate, token, request(`over-${w.examTaskId}`));
    expect(retried.status).toBe(201);
    expect(retried.headers.get("idempotent-replayed")).toBeNull();
    expect(await resultsOf(db, w.examTaskId)).toHaveLength(2);
  });
});

describe("submission routes", () => {
  it("submit (201), queue, review (200), and the submitter's view without private feedback", async () => {
    const w = await createExamWorld(db);
    const employeeToken = await tokenOf(db, w.employee.principal);
    const reviewerToken = await tokenOf(db, w.reviewer.principal);
    const submitted = await callRoute(submitWorkRoute, employeeToken, {
      method: "POST",
      path: `/api/tasks/${w.projectTaskId}/steps/${w.submissionStepId}/submissions`,
      params: { id: String(w.projectTaskId), stepId: String(w.submissionStepId) },
      body: { body: "Notes", url: "https://git.example/pr/7" },
    });
    expect(submitted.status).toBe(201);
    const id = (submitted.body.submission as { id: number }).id;
    const notUrl = await callRoute(submitWorkRoute, employeeToken, {
      method: "POST",
      path: `/api/tasks/${w.projectTaskId}/steps/${w.submissionStepId}/submissions`,
      params: { id: String(w.projectTaskId), stepId: String(w.submissionStepId) },
      body: { url: "javascript:alert(1)" },
    });
    expect(notUrl.status).toBe(422);

    const queue = await callRoute(listSubmissionsRoute, reviewerToken, { method: "GET", path: "/api/submissions?state=submitted&reviewable=true" });
    expect((queue.body.items as { id: number }[]).map((s) => s.id)).toEqual([id]);

    const byEmployee = await callRoute(reviewRoute, employeeToken, {
      method: "POST",
      ...{ path: `/api/submissions/${id}/review`, params: { id: String(id) } },
      body: { decision: "accept", score: 1, technical_rating: 5 },
    });
    expect(byEmployee.status).toBe(403);
    const byHelper = await callRoute(reviewRoute, await tokenOf(db, w.helper.principal), {
      method: "POST",
      ...{ path: `/api/submissions/${id}/review`, params: { id: String(id) } },
      body: { decision: "accept", score: 1, technical_rating: 5 },
    });
    expect(byHelper.status).toBe(404);
    const returnGraded = await callRoute(reviewRoute, reviewerToken, {
      method: "POST",
      ...{ path: `/api/submissions/${id}/review`, params: { id: String(id) } },
      body: { decision: "return", score: 1 },
    });
    expect(returnGraded.status).toBe(422);
    const reviewed = await callRoute(reviewRoute, reviewerToken, {
      method: "POST",
      ...{ path: `/api/submissions/${id}/review`, params: { id: String(id) } },
      body: { decision: "accept", score: 0.75, technical_rating: 4, private_feedback: "private words", public_feedback: "public words" },
    });
    expect(reviewed.status).toBe(200);
    expect(reviewed.body.submission).toMatchObject({ private_feedback: "private words", state: "reviewed" });

    const own = await callRoute(getSubmissionRoute, employeeToken, { method: "GET", path: `/api/submissions/${id}`, params: { id: String(id) } });
    expect(own.status).toBe(200);
    expect(own.body).toMatchObject({ public_feedback: "public words", technical_rating: 4 });
    expect(own.body).not.toHaveProperty("private_feedback");
  });
});
