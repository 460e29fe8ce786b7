// The tasks routes through the route wrapper (bearer tokens): assign answers 201, reads carry an
// ETag, PATCH refuses status_id toward /api/progress/update and honours If-Match, DELETE answers
// the deleted ids, and the permissions hold at the door as well as in the services.
import { randomBytes } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { POST as ASSIGN } from "../../app/api/tasks/assign/route";
import { DELETE, GET as GET_ONE, PATCH } from "../../app/api/tasks/[id]/route";
import { GET as LIST } from "../../app/api/tasks/route";
import type { Database, Db } from "../../db/client";
import { createTestDatabase } from "../../test/db";
import { createOrganisation, createProgram } from "../../test/factories";
import { installTestProcessDatabase, releaseProcessDatabase } from "../../test/use-database";
import type { Principal } from "../auth/principal";
import { createApiToken } from "../auth/tokens";
import { generateKeyEntry } from "../crypto/keyring";

process.env.GROUNDWORK_ENCRYPTION_KEYS ??= generateKeyEntry("tasks-routes");
process.env.NEXTAUTH_SECRET ??= randomBytes(48).toString("base64url");

let database: Database;
let db: Db;
beforeAll(async () => {
  database = await createTestDatabase();
  db = database.db;
  installTestProcessDatabase(database);
});
afterAll(async () => {
  releaseProcessDatabase();
  await database.close();
});

const tokenOf = async (principal: Principal) => (await createApiToken(db, principal, { name: "test", scopes: ["write"] })).token;

function call(
  handler: (request: Request, context: { params: Promise<Record<string, string>> }) => Promise<Response>,
  input: { method: string; path: string; token: string; body?: unknown; headers?: Record<string, string>; params?: Record<string, string> },
) {
  const request = new Request(`http://localhost${input.path}`, {
    method: input.method,
    headers: { authorization: `Bearer ${input.token}`, "content-type": "application/json", ...input.headers },
    body: input.body === undefined ? undefined : JSON.stringify(input.body),
  });
  return handler(request, { params: Promise.resolve(input.params ?? {}) });
}

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

    const refused = await call(ASSIGN, { method: "POST", path: "/api/tasks/assign", token: employee, body: { template_id: templateId } });
    expect(refused.status).toBe(403);
    const assigned = await call(ASSIGN, { method: "POST", path: "/api/tasks/assign", token: manager, body: { template_id: templateId, user_ids: [org.employee.user.id] } });
    expect(assigned.status).toBe(201);
    const { tasks } = (await assigned.json()) as { tasks: TaskBody[] };
    const [parent] = tasks;
    if (!parent) throw new Error("nothing assigned");

    const listed = await call(LIST, { method: "GET", path: "/api/tasks?limit=10", token: employee });
    expect(((await listed.json()) as { items: TaskBody[] }).items.map((t) => t.id)).toEqual(tasks.map((t) => t.id));
    const badFilter = await call(LIST, { method: "GET", path: "/api/tasks?owner=1", token: employee });
    expect(badFilter.status).toBe(422);

    const one = await call(GET_ONE, { method: "GET", path: `/api/tasks/${parent.id}`, token: employee, params: { id: String(parent.id) } });
    expect(one.status).toBe(200);
    expect(one.headers.get("etag")).toBe(`"${parent.version}"`);

    const params = { id: String(parent.id) };
    const statusPatch = await call(PATCH, { method: "PATCH", path: `/api/tasks/${parent.id}`, token: manager, params, body: { status_id: 1 } });
    expect(statusPatch.status).toBe(422);
    const problem = (await statusPatch.json()) as { errors: { path: string; message: string }[] };
    expect(problem.errors).toEqual([expect.objectContaining({ path: "status_id", message: expect.stringContaining("/api/progress/update") as unknown })]);

    const patched = await call(PATCH, { method: "PATCH", path: `/api/tasks/${parent.id}`, token: manager, params, body: { name: "Renamed" }, headers: { "if-match": `"${parent.version}"` } });
    expect(patched.status).toBe(200);
    expect(patched.headers.get("etag")).toBe(`"${parent.version + 1}"`);
    const stale = await call(PATCH, { method: "PATCH", path: `/api/tasks/${parent.id}`, token: manager, params, body: { name: "Lost" }, headers: { "if-match": `"${parent.version}"` } });
    expect(stale.status).toBe(412);
    const staleBody = await call(PATCH, { method: "PATCH", path: `/api/tasks/${parent.id}`, token: manager, params, body: { name: "Lost", version: parent.version } });
    expect(staleBody.status).toBe(409);
    const byEmployee = await call(PATCH, { method: "PATCH", path: `/api/tasks/${parent.id}`, token: employee, params, body: { name: "Mine" } });
    expect(byEmployee.status).toBe(403);

    const deleted = await call(DELETE, { method: "DELETE", path: `/api/tasks/${parent.id}`, token: manager, params });
    expect(deleted.status).toBe(200);
    expect(await deleted.json()).toEqual({ deleted_task_ids: tasks.map((t) => t.id) });
    const gone = await call(GET_ONE, { method: "GET", path: `/api/tasks/${parent.id}`, token: manager, params });
    expect(gone.status).toBe(404);
  });
});
