// The score and specialization routes as an API client calls them: bearer token, JSON answers,
// problem+json refusals (permission 403, out of scope 404, bad input 422).
import { describe, expect, it } from "vitest";
import { GET as entityScores } from "../../app/api/scores/entities/[id]/route";
import { GET as teamScores } from "../../app/api/scores/team/route";
import { POST as updateSpecializations } from "../../app/api/specializations/update/route";
import { GET as userScores } from "../../app/api/users/[id]/scores/route";
import { GET as userSpecializations } from "../../app/api/users/[id]/specializations/route";
import { call, openRouteTestDatabase } from "../../test/route-harness";
import { createScoreWorld } from "./test-world";

const { db, tokenOf } = await openRouteTestDatabase("scores-routes");

describe("score routes", () => {
  it("GET /api/users/:id/scores answers the person and their manager; others 404", async () => {
    const world = await createScoreWorld(db, { employees: 2 });
    const [ana, ben] = world.employees;
    if (!ana || !ben) throw new Error("two employees");
    const anaToken = await tokenOf(ana.principal);
    const own = await call(userScores, anaToken, { path: `/api/users/${ana.user.id}/scores`, params: { id: String(ana.user.id) } });
    expect(own.status).toBe(200);
    expect(own.body).toMatchObject({ user: { id: ana.user.id }, counters: { assigned_tasks: 0 }, scores: { completion: null }, formulas: { quality: "correct answers / total questions over graded exams" } });
    const other = await call(userScores, anaToken, { path: `/api/users/${ben.user.id}/scores`, params: { id: String(ben.user.id) } });
    expect(other.status).toBe(404);
    expect(other.headers.get("content-type")).toContain("application/problem+json");
    const managerToken = await tokenOf(world.manager.principal);
    expect((await call(userScores, managerToken, { path: `/api/users/${ben.user.id}/scores`, params: { id: String(ben.user.id) } })).status).toBe(200);
    expect((await call(userScores, managerToken, { path: "/api/users/abc/scores", params: { id: "abc" } })).status).toBe(422);
  });

  it("GET /api/scores/team and /api/scores/entities/:id are for managers and admins", async () => {
    const world = await createScoreWorld(db, { employees: 2 });
    const [ana] = world.employees;
    if (!ana) throw new Error("an employee");
    const managerToken = await tokenOf(world.manager.principal);
    const team = await call(teamScores, managerToken, { path: "/api/scores/team?sort=progress&limit=10" });
    expect(team.status).toBe(200);
    expect(team.body).toMatchObject({ team: { kind: "manager" }, aggregate: { members: 2 }, members: { total: 2, sort: "progress" } });
    const byEntity = await call(teamScores, managerToken, { path: `/api/scores/team?entity_id=${world.team.id}` });
    expect(byEntity.body).toMatchObject({ team: { kind: "entity" }, aggregate: { members: 3 } });
    expect((await call(teamScores, managerToken, { path: `/api/scores/team?entity_id=${world.team.id}&manager_id=${world.manager.user.id}` })).status).toBe(422);
    const entity = await call(entityScores, managerToken, { path: `/api/scores/entities/${world.team.id}`, params: { id: String(world.team.id) } });
    expect(entity.status).toBe(200);
    expect(entity.body).toMatchObject({ entity: { id: world.team.id }, aggregate: { members: 3 } });
    expect((await call(entityScores, managerToken, { path: `/api/scores/entities/${world.company.id}`, params: { id: String(world.company.id) } })).status).toBe(404);

    const anaToken = await tokenOf(ana.principal);
    expect((await call(teamScores, anaToken, { path: "/api/scores/team" })).status).toBe(403);
    expect((await call(entityScores, anaToken, { path: `/api/scores/entities/${world.team.id}`, params: { id: String(world.team.id) } })).status).toBe(403);
  });
});

describe("specialization routes", () => {
  it("POST /api/specializations/update takes the seed payload and says which numbers it ignored", async () => {
    const world = await createScoreWorld(db, { employees: 2 });
    const [ana, ben] = world.employees;
    if (!ana || !ben) throw new Error("two employees");
    const anaToken = await tokenOf(ana.principal);
    const answer = await call(updateSpecializations, anaToken, {
      method: "POST",
      path: "/api/specializations/update",
      body: { user_id: ana.user.id, progress_data: { reevaluate: true, progress: 1, notes: "please check" } },
    });
    expect(answer.status).toBe(200);
    expect(answer.body).toMatchObject({ user_id: ana.user.id, newly_unlocked: [], progress_data: { ignored_fields: ["progress"], notes_stored: false } });
    const forBen = await call(updateSpecializations, anaToken, { method: "POST", path: "/api/specializations/update", body: { user_id: ben.user.id, progress_data: {} } });
    expect(forBen.status).toBe(404);
    const bad = await call(updateSpecializations, anaToken, { method: "POST", path: "/api/specializations/update", body: { user_id: "me", progress_data: [] } });
    expect(bad.status).toBe(422);
  });

  it("GET /api/users/:id/specializations shows the levels and what unlocks the next one", async () => {
    const world = await createScoreWorld(db, { employees: 1 });
    const [ana] = world.employees;
    if (!ana) throw new Error("an employee");
    const answer = await call(userSpecializations, await tokenOf(ana.principal), { path: `/api/users/${ana.user.id}/specializations`, params: { id: String(ana.user.id) } });
    expect(answer.status).toBe(200);
    expect(answer.body).toMatchObject({
      profession_id: world.profession.id,
      blocked_reason: null,
      next: { level: "beginner", defined: true, missing: [{ metric: "completed_projects", at_least: 1, current: 0 }] },
    });
    expect(answer.body.levels).toHaveLength(3);
  });
});
