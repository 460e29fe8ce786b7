// The template REST routes end to end (bearer tokens, route wrapper, services, database): status
// codes, problem+json refusals, ETag/If-Match, PUT of ordered links, publish and new drafts.
import { describe, expect, it } from "vitest";
import { type JsonObject, openRouteTestDatabase, routeCaller } from "../../test/route-harness";
import * as milestonesRoute from "../../app/api/project-templates/[id]/milestones/route";
import * as draftsRoute from "../../app/api/project-templates/[id]/drafts/route";
import * as publishRoute from "../../app/api/project-templates/[id]/publish/route";
import * as projectRoute from "../../app/api/project-templates/[id]/route";
import * as projectsRoute from "../../app/api/project-templates/route";
import * as parentsRoute from "../../app/api/task-templates/[id]/parents/route";
import * as taskRoute from "../../app/api/task-templates/route";
import { buildDraftProgram, templateCast } from "./test-fixtures";

const { db, tokenOf } = await openRouteTestDatabase("templates-routes");
const call = routeCaller((json) => json as JsonObject | null);

describe("template routes", () => {
  it("builds, publishes and redrafts a program over HTTP, with ETags, If-Match and problem+json refusals", async () => {
    const cast = await templateCast(db);
    const admin = await tokenOf(cast.admin.user, ["admin"]);

    const created = await call(projectsRoute.POST, admin, {
      method: "POST",
      path: "/api/project-templates",
      body: { name: "HTTP program", duration_days: 5 },
      headers: { "idempotency-key": "create-http-program" },
    });
    expect(created.status).toBe(201);
    const id = created.body?.id as number;
    const replay = await call(projectsRoute.POST, admin, {
      method: "POST",
      path: "/api/project-templates",
      body: { name: "HTTP program", duration_days: 5 },
      headers: { "idempotency-key": "create-http-program" },
    });
    expect(replay.body?.id).toBe(id);
    expect(replay.headers.get("idempotent-replayed")).toBe("true");

    const read = await call(projectRoute.GET, admin, { method: "GET", path: `/api/project-templates/${id}`, id });
    expect(read.headers.get("etag")).toBe('"1"');

    const parts = await buildDraftProgram(db, cast.admin.principal, { milestones: [{ tasks: [{}] }] });
    const linked = await call(milestonesRoute.PUT, admin, {
      method: "PUT",
      path: `/api/project-templates/${id}/milestones`,
      id,
      body: [{ milestone_template_id: parts.milestoneIds[0], start_offset_days: 0, duration_days: 5 }],
      headers: { "if-match": '"1"' },
    });
    expect(linked.status).toBe(200);
    expect(linked.body?.version).toBe(2);

    const stale = await call(projectRoute.PATCH, admin, { method: "PATCH", path: `/api/project-templates/${id}`, id, body: { name: "Late" }, headers: { "if-match": '"1"' } });
    expect(stale.status).toBe(412);
    expect(stale.headers.get("content-type")).toBe("application/problem+json");
    const massAssigned = await call(projectRoute.PATCH, admin, { method: "PATCH", path: `/api/project-templates/${id}`, id, body: { is_draft: false } });
    expect(massAssigned.status).toBe(422);

    const published = await call(publishRoute.POST, admin, { method: "POST", path: `/api/project-templates/${id}/publish`, id });
    expect(published.status).toBe(200);
    expect(published.body).toMatchObject({ is_draft: false, version: 3 });

    const frozen = await call(projectRoute.PATCH, admin, { method: "PATCH", path: `/api/project-templates/${id}`, id, body: { name: "Changed" } });
    expect(frozen.status).toBe(409);
    expect(frozen.body).toMatchObject({ code: "conflict", frozen: true, new_draft: `/api/project-templates/${id}/drafts` });
    const deleted = await call(projectRoute.DELETE, admin, { method: "DELETE", path: `/api/project-templates/${id}`, id });
    expect(deleted.status).toBe(409);

    const draft = await call(draftsRoute.POST, admin, { method: "POST", path: `/api/project-templates/${id}/drafts`, id });
    expect(draft.status).toBe(201);
    expect(draft.body).toMatchObject({ is_draft: true, lineage_id: id, revision: 2 });
    const draftId = draft.body?.id as number;
    const removed = await call(projectRoute.DELETE, admin, { method: "DELETE", path: `/api/project-templates/${draftId}`, id: draftId });
    expect(removed.status).toBe(204);
  });

  it("answers 403 to employees and managers writing, 404 across organisations, 422 to a parent cycle", async () => {
    const cast = await templateCast(db);
    const employee = await tokenOf(cast.employee.user, ["write"]);
    const manager = await tokenOf(cast.manager.user, ["write"]);
    const adminRead = await tokenOf(cast.admin.user, ["read"]);
    const stranger = await tokenOf((await templateCast(db)).admin.user, ["admin"]);
    const admin = await tokenOf(cast.admin.user, ["admin"]);

    const list = { method: "GET", path: "/api/project-templates" };
    expect((await call(projectsRoute.GET, employee, list)).status).toBe(403);
    expect((await call(projectsRoute.GET, manager, list)).status).toBe(200);
    const create = { method: "POST", path: "/api/task-templates", body: { name: "Nope" } };
    expect((await call(taskRoute.POST, manager, create)).status).toBe(403);
    expect((await call(taskRoute.POST, adminRead, create)).status).toBe(403);

    const a = await call(taskRoute.POST, admin, { method: "POST", path: "/api/task-templates", body: { name: "A" } });
    const b = await call(taskRoute.POST, admin, { method: "POST", path: "/api/task-templates", body: { name: "B" } });
    const [aId, bId] = [a.body?.id as number, b.body?.id as number];
    const put = (token: string, id: number, parents: number[]) =>
      call(parentsRoute.PUT, token, { method: "PUT", path: `/api/task-templates/${id}/parents`, id, body: parents });
    expect((await put(admin, aId, [bId])).status).toBe(200);
    const cycle = await put(admin, bId, [aId]);
    expect(cycle.status).toBe(422);
    expect(cycle.body?.detail).toMatch(/cycle.*“B”.*→.*“A”.*→.*“B”/);
    expect((await put(stranger, aId, [])).status).toBe(404);
    expect((await put(admin, aId, [aId])).status).toBe(422);
  });
});
