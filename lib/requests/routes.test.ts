// The task request REST API through its route handlers, as an API client calls it with a bearer
// token: status codes, problem+json refusals, ETag / If-Match, empty bodies and Idempotency-Key.
import { eq } from "drizzle-orm";
import { beforeAll, describe, expect, it } from "vitest";
import { taskRequest } from "../../db/schema";
import { unique } from "../../test/factories";
import { call, openRouteTestDatabase } from "../../test/route-harness";
import { GET as getOne } from "../../app/api/task-requests/[id]/route";
import { POST as approve } from "../../app/api/task-requests/[id]/approve/route";
import { POST as cancel } from "../../app/api/task-requests/[id]/cancel/route";
import { POST as reject } from "../../app/api/task-requests/[id]/reject/route";
import { GET as list, POST as create } from "../../app/api/task-requests/route";
import type { TaskRequestDto } from "./dto";
import { createRequestWorld, type RequestWorld } from "./test-fixtures";

const { db, tokenOf } = await openRouteTestDatabase("requests-routes");
let w: RequestWorld;
const tokens: Record<"employee" | "peer" | "manager" | "otherManager" | "managerReadOnly", string> = {
  employee: "",
  peer: "",
  manager: "",
  otherManager: "",
  managerReadOnly: "",
};

beforeAll(async () => {
  w = await createRequestWorld(db);
  tokens.employee = await tokenOf(w.employee.user);
  tokens.peer = await tokenOf(w.peer.user);
  tokens.manager = await tokenOf(w.manager.user);
  tokens.otherManager = await tokenOf(w.otherManager.user);
  tokens.managerReadOnly = await tokenOf(w.manager.user, ["read"]);
});

/** The request at `/api/task-requests/:id` (with its `action`), as path and params. */
const at = (id: number, action?: string) => ({ path: `/api/task-requests/${id}${action === undefined ? "" : `/${action}`}`, id });

async function requestByEmployee(): Promise<TaskRequestDto> {
  const { status, body } = await call(create, tokens.employee, { method: "POST", path: "/api/task-requests", body: { title: unique("Help"), assignee_ids: [w.peer.user.id] } });
  expect(status).toBe(201);
  return body as unknown as TaskRequestDto;
}

describe("POST /api/task-requests", () => {
  it("creates a pending request (201), and refuses unknown fields with 422 problem+json", async () => {
    const created = await requestByEmployee();
    expect(created).toMatchObject({ status: { code: "pending_approval" }, approval_required: true, version: 1 });

    const refused = await call(create, tokens.employee, {
      method: "POST",
      path: "/api/task-requests",
      body: { title: "x", assignee_ids: [w.peer.user.id], status_id: 1 },
    });
    expect(refused.status).toBe(422);
    expect(refused.headers.get("content-type")).toContain("application/problem+json");
  });

  it("replays the same answer for a repeated Idempotency-Key instead of making a second request", async () => {
    const title = unique("Once");
    const send = () =>
      call(create, tokens.employee, { method: "POST", path: "/api/task-requests", body: { title, assignee_ids: [w.peer.user.id] }, headers: { "idempotency-key": title } });
    const first = await send();
    const second = await send();
    expect(second.status).toBe(201);
    expect(second.body.id).toBe(first.body.id);
    expect(second.headers.get("idempotent-replayed")).toBe("true");
    expect(await db.select().from(taskRequest).where(eq(taskRequest.title, title))).toHaveLength(1);
  });

  it("refuses a read-only token (403) but lets it read", async () => {
    expect((await call(create, tokens.managerReadOnly, { method: "POST", path: "/api/task-requests", body: { title: "x", assignee_ids: [w.peer.user.id] } })).status).toBe(403);
    expect((await call(list, tokens.managerReadOnly, { method: "GET", path: "/api/task-requests" })).status).toBe(200);
  });
});

describe("GET /api/task-requests", () => {
  it("lists what waits for the manager's decision, and the single request with its ETag", async () => {
    const created = await requestByEmployee();
    const page = await call(list, tokens.manager, { method: "GET", path: "/api/task-requests?decidable=true&limit=100" });
    expect(page.status).toBe(200);
    expect((page.body.items as TaskRequestDto[]).map((i) => i.id)).toContain(created.id);

    const one = await call(getOne, tokens.manager, { method: "GET", ...at(created.id) });
    expect(one.status).toBe(200);
    expect(one.headers.get("etag")).toBe('"1"');
    expect((await call(getOne, tokens.otherManager, { method: "GET", ...at(created.id) })).status).toBe(404);
    expect((await call(list, tokens.manager, { method: "GET", path: "/api/task-requests?decidable=maybe" })).status).toBe(422);
  });
});

describe("decisions over REST", () => {
  it("approve: 412 for a stale If-Match, 409 for a stale body version, 403 for an employee, 404 elsewhere, then 200 and 409", async () => {
    const created = await requestByEmployee();
    const stale412 = await call(approve, tokens.manager, { method: "POST", ...at(created.id, "approve"), headers: { "if-match": '"5"' } });
    expect(stale412.status).toBe(412);
    expect(stale412.body.current_version).toBe(1);
    expect((await call(approve, tokens.manager, { method: "POST", ...at(created.id, "approve"), body: { version: 5 } })).status).toBe(409);
    expect((await call(approve, tokens.peer, { method: "POST", ...at(created.id, "approve") })).status).toBe(403);
    expect((await call(approve, tokens.otherManager, { method: "POST", ...at(created.id, "approve") })).status).toBe(404);

    const approved = await call(approve, tokens.manager, { method: "POST", ...at(created.id, "approve"), headers: { "if-match": '"1"' } });
    expect(approved.status).toBe(200);
    expect(approved.body).toMatchObject({ status: { code: "approved" }, version: 2 });
    expect(typeof approved.body.created_task_id).toBe("number");
    const again = await call(approve, tokens.manager, { method: "POST", ...at(created.id, "approve") });
    expect(again.status).toBe(409);
    expect(again.body.detail).toContain("already approved");
  });

  it("reject: 422 without a reason, 200 with one", async () => {
    const created = await requestByEmployee();
    const missing = await call(reject, tokens.manager, { method: "POST", ...at(created.id, "reject"), body: {} });
    expect(missing.status).toBe(422);
    expect(missing.body.errors).toEqual([expect.objectContaining({ path: "note" })]);
    const rejected = await call(reject, tokens.manager, { method: "POST", ...at(created.id, "reject"), body: { note: "Not this sprint" } });
    expect(rejected.status).toBe(200);
    expect(rejected.body).toMatchObject({ status: { code: "rejected" }, decision_note: "Not this sprint", created_task_id: null });
  });

  it("cancel: the requester with an empty body (200); someone else 403; a decided request 409", async () => {
    const created = await requestByEmployee();
    expect((await call(cancel, tokens.peer, { method: "POST", ...at(created.id, "cancel") })).status).toBe(403);
    const cancelled = await call(cancel, tokens.employee, { method: "POST", ...at(created.id, "cancel") });
    expect(cancelled.status).toBe(200);
    expect(cancelled.body).toMatchObject({ status: { code: "cancelled" } });
    expect((await call(cancel, tokens.employee, { method: "POST", ...at(created.id, "cancel") })).status).toBe(409);
  });
});
