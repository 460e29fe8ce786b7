// The task request REST API through its route handlers, as an API client calls it with a bearer
// token: status codes, problem+json refusals, ETag / If-Match, empty bodies and Idempotency-Key.
import { eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Database, Db } from "../../db/client";
import { taskRequest } from "../../db/schema";
import { createTestDatabase } from "../../test/db";
import { unique } from "../../test/factories";
import { installTestProcessDatabase, releaseProcessDatabase } from "../../test/use-database";
import { GET as getOne } from "../../app/api/task-requests/[id]/route";
import { POST as approve } from "../../app/api/task-requests/[id]/approve/route";
import { POST as cancel } from "../../app/api/task-requests/[id]/cancel/route";
import { POST as reject } from "../../app/api/task-requests/[id]/reject/route";
import { GET as list, POST as create } from "../../app/api/task-requests/route";
import { createApiToken } from "../auth/tokens";
import type { TaskRequestDto } from "./dto";
import { createRequestWorld, type RequestWorld } from "./test-fixtures";

let database: Database;
let db: Db;
let w: RequestWorld;
const tokens: Record<"employee" | "peer" | "manager" | "otherManager" | "managerReadOnly", string> = {
  employee: "",
  peer: "",
  manager: "",
  otherManager: "",
  managerReadOnly: "",
};

beforeAll(async () => {
  database = await createTestDatabase();
  db = database.db;
  // The route wrapper and the token rate limiter reach the database through getDb().
  installTestProcessDatabase(database);
  w = await createRequestWorld(db);
  const tokenOf = async (userId: number, scopes: ("read" | "write")[] = ["read", "write"]) =>
    (await createApiToken(db, { systemUserId: userId }, { name: unique("t"), scopes })).token;
  tokens.employee = await tokenOf(w.employee.user.id);
  tokens.peer = await tokenOf(w.peer.user.id);
  tokens.manager = await tokenOf(w.manager.user.id);
  tokens.otherManager = await tokenOf(w.otherManager.user.id);
  tokens.managerReadOnly = await tokenOf(w.manager.user.id, ["read"]);
});
afterAll(async () => {
  releaseProcessDatabase();
  await database.close();
});

type Handler = (request: Request, context: { params: Promise<Record<string, string>> }) => Promise<Response>;

async function call(
  handler: Handler,
  options: { method: "GET" | "POST"; token: string; path?: string; id?: number; body?: unknown; headers?: Record<string, string> },
) {
  const url = `http://localhost${options.path ?? `/api/task-requests${options.id === undefined ? "" : `/${options.id}`}`}`;
  const response = await handler(
    new Request(url, {
      method: options.method,
      headers: { authorization: `Bearer ${options.token}`, "content-type": "application/json", ...options.headers },
      body: options.body === undefined ? undefined : JSON.stringify(options.body),
    }),
    { params: Promise.resolve<Record<string, string>>(options.id === undefined ? {} : { id: String(options.id) }) },
  );
  const text = await response.text();
  return { status: response.status, headers: response.headers, json: (text ? JSON.parse(text) : null) as Record<string, unknown> };
}

async function requestByEmployee(): Promise<TaskRequestDto> {
  const { status, json } = await call(create, { method: "POST", token: tokens.employee, body: { title: unique("Help"), assignee_ids: [w.peer.user.id] } });
  expect(status).toBe(201);
  return json as unknown as TaskRequestDto;
}

describe("POST /api/task-requests", () => {
  it("creates a pending request (201), and refuses unknown fields with 422 problem+json", async () => {
    const created = await requestByEmployee();
    expect(created).toMatchObject({ status: { code: "pending_approval" }, approval_required: true, version: 1 });

    const refused = await call(create, {
      method: "POST",
      token: tokens.employee,
      body: { title: "x", assignee_ids: [w.peer.user.id], status_id: 1 },
    });
    expect(refused.status).toBe(422);
    expect(refused.headers.get("content-type")).toContain("application/problem+json");
  });

  it("replays the same answer for a repeated Idempotency-Key instead of making a second request", async () => {
    const title = unique("Once");
    const send = () =>
      call(create, { method: "POST", token: tokens.employee, body: { title, assignee_ids: [w.peer.user.id] }, headers: { "idempotency-key": title } });
    const first = await send();
    const second = await send();
    expect(second.status).toBe(201);
    expect(second.json.id).toBe(first.json.id);
    expect(second.headers.get("idempotent-replayed")).toBe("true");
    expect(await db.select().from(taskRequest).where(eq(taskRequest.title, title))).toHaveLength(1);
  });

  it("refuses a read-only token (403) but lets it read", async () => {
    expect((await call(create, { method: "POST", token: tokens.managerReadOnly, body: { title: "x", assignee_ids: [w.peer.user.id] } })).status).toBe(403);
    expect((await call(list, { method: "GET", token: tokens.managerReadOnly })).status).toBe(200);
  });
});

describe("GET /api/task-requests", () => {
  it("lists what waits for the manager's decision, and the single request with its ETag", async () => {
    const created = await requestByEmployee();
    const page = await call(list, { method: "GET", token: tokens.manager, path: "/api/task-requests?decidable=true&limit=100" });
    expect(page.status).toBe(200);
    expect((page.json.items as TaskRequestDto[]).map((i) => i.id)).toContain(created.id);

    const one = await call(getOne, { method: "GET", token: tokens.manager, id: created.id });
    expect(one.status).toBe(200);
    expect(one.headers.get("etag")).toBe('"1"');
    expect((await call(getOne, { method: "GET", token: tokens.otherManager, id: created.id })).status).toBe(404);
    expect((await call(list, { method: "GET", token: tokens.manager, path: "/api/task-requests?decidable=maybe" })).status).toBe(422);
  });
});

describe("decisions over REST", () => {
  it("approve: 412 for a stale If-Match, 409 for a stale body version, 403 for an employee, 404 elsewhere, then 200 and 409", async () => {
    const created = await requestByEmployee();
    const stale412 = await call(approve, { method: "POST", token: tokens.manager, id: created.id, headers: { "if-match": '"5"' } });
    expect(stale412.status).toBe(412);
    expect(stale412.json.current_version).toBe(1);
    expect((await call(approve, { method: "POST", token: tokens.manager, id: created.id, body: { version: 5 } })).status).toBe(409);
    expect((await call(approve, { method: "POST", token: tokens.peer, id: created.id })).status).toBe(403);
    expect((await call(approve, { method: "POST", token: tokens.otherManager, id: created.id })).status).toBe(404);

    const approved = await call(approve, { method: "POST", token: tokens.manager, id: created.id, headers: { "if-match": '"1"' } });
    expect(approved.status).toBe(200);
    expect(approved.json).toMatchObject({ status: { code: "approved" }, version: 2 });
    expect(typeof approved.json.created_task_id).toBe("number");
    const again = await call(approve, { method: "POST", token: tokens.manager, id: created.id });
    expect(again.status).toBe(409);
    expect(again.json.detail).toContain("already approved");
  });

  it("reject: 422 without a reason, 200 with one", async () => {
    const created = await requestByEmployee();
    const missing = await call(reject, { method: "POST", token: tokens.manager, id: created.id, body: {} });
    expect(missing.status).toBe(422);
    expect(missing.json.errors).toEqual([expect.objectContaining({ path: "note" })]);
    const rejected = await call(reject, { method: "POST", token: tokens.manager, id: created.id, body: { note: "Not this sprint" } });
    expect(rejected.status).toBe(200);
    expect(rejected.json).toMatchObject({ status: { code: "rejected" }, decision_note: "Not this sprint", created_task_id: null });
  });

  it("cancel: the requester with an empty body (200); someone else 403; a decided request 409", async () => {
    const created = await requestByEmployee();
    expect((await call(cancel, { method: "POST", token: tokens.peer, id: created.id })).status).toBe(403);
    const cancelled = await call(cancel, { method: "POST", token: tokens.employee, id: created.id });
    expect(cancelled.status).toBe(200);
    expect(cancelled.json).toMatchObject({ status: { code: "cancelled" } });
    expect((await call(cancel, { method: "POST", token: tokens.employee, id: created.id })).status).toBe(409);
  });
});
