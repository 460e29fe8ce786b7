// The tasks routes through the route wrapper (bearer tokens): assign answers 201, reads carry an
// ETag, PATCH refuses status_id toward /api/progress/update and honours If-Match, DELETE answers
// the deleted ids, and the permissions hold at the door as well as in the services.
import { describe, expect, it } from "vitest";
import { POST as ASSIGN } from "../../app/api/tasks/assign/route";
import { DELETE, GET as GET_ONE, PATCH } from "../../app/api/tasks/[id]/route";
import { GET as LIST } from "../../app/api/tasks/route";
import { createOrganisation, createProgram } from "../../test/factories";
import { fetchRoute, openRouteTestDatabase } from "../../test/route-harness";

const { db, tokenOf } = await openRouteTestDatabase("tasks-routes");

type TaskBody = { id: number; version: number; name: string };

describe("tasks routes", () => {
  it("assign, list, read, patch and delete through the API", async () => {
    const org = await createOrganisation(db);
    const { taskIdByName } = await createProgram(db, {
      milestones: [{ name: "T", offset: 0, duration: 1, tasks: [{ name: "Parent" }, { name: "Child", parents: ["Parent"] }] }],
    });
    const manager = await tokenOf(org.manager.principal);
    const employee = await tokenOf(org.employee.principal);
    const templateId = taskIdByName.get("Parent") ?? 0;

    const refused = await fetchRoute(ASSIGN, employee, { method: "POST", path: "/api/tasks/assign", body: { template_id: templateId } });
    expect(refused.status).toBe(403);
    const assigned = await fetchRoute(ASSIGN, manager, { method: "POST", path: "/api/tasks/assign", body: { template_id: templateId, user_ids: [org.employee.user.id] } });
    expect(assigned.status).toBe(201);
    const { tasks } = (await assigned.json()) as { tasks: TaskBody[] };
    const [parent] = tasks;
    if (!parent) throw new Error("nothing assigned");

    const listed = await fetchRoute(LIST, employee, { method: "GET", path: "/api/tasks?limit=10" });
    expect(((await listed.json()) as { items: TaskBody[] }).items.map((t) => t.id)).toEqual(tasks.map((t) => t.id));
    const badFilter = await fetchRoute(LIST, employee, { method: "GET", path: "/api/tasks?owner=1" });
    expect(badFilter.status).toBe(422);

    const one = await fetchRoute(GET_ONE, employee, { method: "GET", path: `/api/tasks/${parent.id}`, params: { id: String(parent.id) } });
    expect(one.status).toBe(200);
    expect(one.headers.get("etag")).toBe(`"${parent.version}"`);

    const params = { id: String(parent.id) };
    const statusPatch = await fetchRoute(PATCH, manager, { method: "PATCH", path: `/api/tasks/${parent.id}`, params, body: { status_id: 1 } });
    expect(statusPatch.status).toBe(422);
    const problem = (await statusPatch.json()) as { errors: { path: string; message: string }[] };
    expect(problem.errors).toEqual([expect.objectContaining({ path: "status_id", message: expect.stringContaining("/api/progress/update") as unknown })]);

    const patched = await fetchRoute(PATCH, manager, { method: "PATCH", path: `/api/tasks/${parent.id}`, params, body: { name: "Renamed" }, headers: { "if-match": `"${parent.version}"` } });
    expect(patched.status).toBe(200);
    expect(patched.headers.get("etag")).toBe(`"${parent.version + 1}"`);
    const stale = await fetchRoute(PATCH, manager, { method: "PATCH", path: `/api/tasks/${parent.id}`, params, body: { name: "Lost" }, headers: { "if-match": `"${parent.version}"` } });
    expect(stale.status).toBe(412);
    const staleBody = await fetchRoute(PATCH, manager, { method: "PATCH", path: `/api/tasks/${parent.id}`, params, body: { name: "Lost", version: parent.version } });
    expect(staleBody.status).toBe(409);
    const byEmployee = await fetchRoute(PATCH, employee, { method: "PATCH", path: `/api/tasks/${parent.id}`, params, body: { name: "Mine" } });
    expect(byEmployee.status).toBe(403);

    const deleted = await fetchRoute(DELETE, manager, { method: "DELETE", path: `/api/tasks/${parent.id}`, params });
    expect(deleted.status).toBe(200);
    expect(await deleted.json()).toEqual({ deleted_task_ids: tasks.map((t) => t.id) });
    const gone = await fetchRoute(GET_ONE, manager, { method: "GET", path: `/api/tasks/${parent.id}`, params });
    expect(gone.status).toBe(404);
  });
});
