// POST /api/onboarding/start through the route wrapper: 201 then 200 for the same program, the
// body contract (user_id, project_template_id, nothing else), permissions and Idempotency-Key.
import { describe, expect, it } from "vitest";
import { POST } from "../../app/api/onboarding/start/route";
import { createOrganisation, createProgram } from "../../test/factories";
import { fetchRoute, openRouteTestDatabase } from "../../test/route-harness";

const { db, tokenOf } = await openRouteTestDatabase("onboarding-route");

const post = (token: string, body: unknown, headers: Record<string, string> = {}) =>
  fetchRoute(POST, token, { method: "POST", path: "/api/onboarding/start", body, headers });

const oneTask = { milestones: [{ name: "M", offset: 0, duration: 1, tasks: [{ name: "T" }] }] };

describe("POST /api/onboarding/start", () => {
  it("answers 201 with the new project, then 200 with created: false for the same program", async () => {
    const org = await createOrganisation(db);
    const { templateId } = await createProgram(db, oneTask);
    const token = await tokenOf(org.manager.principal);

    const first = await post(token, { user_id: org.employee.user.id, project_template_id: templateId });
    expect(first.status).toBe(201);
    const created = (await first.json()) as { created: boolean; project: { id: number; milestones: unknown[] } };
    expect(created.created).toBe(true);
    expect(created.project.milestones).toHaveLength(1);
    expect(first.headers.get("location")).toBe(`/api/projects/${created.project.id}`);

    const second = await post(token, { user_id: org.employee.user.id, project_template_id: templateId });
    expect(second.status).toBe(200);
    expect(await second.json()).toMatchObject({ created: false, project: { id: created.project.id } });
  });

  it("replays the stored answer for a repeated Idempotency-Key", async () => {
    const org = await createOrganisation(db);
    const { templateId } = await createProgram(db, oneTask);
    const token = await tokenOf(org.admin.principal);
    const body = { user_id: org.peer.user.id, project_template_id: templateId };
    const first = await post(token, body, { "idempotency-key": "start-peer-1" });
    const replay = await post(token, body, { "idempotency-key": "start-peer-1" });
    expect([first.status, replay.status]).toEqual([201, 201]);
    expect(replay.headers.get("idempotent-replayed")).toBe("true");
    // The answer's Location comes back with it, on the first answer and on the replay.
    const firstBody = (await first.json()) as { project: { id: number } };
    expect(first.headers.get("location")).toBe(`/api/projects/${firstBody.project.id}`);
    expect(replay.headers.get("location")).toBe(first.headers.get("location"));
    expect(await replay.json()).toEqual(firstBody);
  });

  it("refuses unknown fields, a missing user_id, and employees", async () => {
    const org = await createOrganisation(db);
    const { templateId } = await createProgram(db, oneTask);
    const manager = await tokenOf(org.manager.principal);
    const extra = await post(manager, { user_id: org.employee.user.id, project_template_id: templateId, status_id: 3 });
    expect(extra.status).toBe(422);
    expect((await post(manager, { project_template_id: templateId })).status).toBe(422);
    const employee = await tokenOf(org.employee.principal);
    expect((await post(employee, { user_id: org.employee.user.id, project_template_id: templateId })).status).toBe(403);
  });
});
