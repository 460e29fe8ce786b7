// Reading task requests: who sees which (own, assigned, subtree, direct reports), the filters
// (status, mine, assigned_to_me, decidable) and cursor pages.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Database, Db } from "../../db/client";
import { createEntity, createUser, principalOf, unique } from "../../test/factories";
import { createTestDatabase } from "../../test/db";
import type { Principal } from "../auth/principal";
import { approveTaskRequest, rejectTaskRequest } from "./decisions";
import { createTaskRequest, getTaskRequest, listTaskRequests, type TaskRequestDto } from "./service";
import { createRequestWorld, expectApiError, type RequestWorld } from "./test-fixtures";
import { taskRequestListQuerySchema } from "./validators";

let database: Database;
let db: Db;
let w: RequestWorld;
/** byEmployee asks the peer; byPeer asks the colleague; byManager asks the employee; byColleague asks the employee. */
let r: Record<"byEmployee" | "byPeer" | "byManager" | "byColleague" | "approved" | "rejected", TaskRequestDto>;

beforeAll(async () => {
  database = await createTestDatabase();
  db = database.db;
  w = await createRequestWorld(db);
  const ask = (by: Principal, assignee: number) =>
    createTaskRequest(db, by, { title: unique("Request"), assignee_ids: [assignee], approval_required: true });
  r = {
    byEmployee: await ask(w.employee.principal, w.peer.user.id),
    byPeer: await ask(w.peer.principal, w.colleague.user.id),
    byManager: await ask(w.manager.principal, w.employee.user.id),
    byColleague: await ask(w.colleague.principal, w.employee.user.id),
    approved: await ask(w.peer.principal, w.employee.user.id),
    rejected: await ask(w.employee.principal, w.colleague.user.id),
  };
  r.approved = await approveTaskRequest(db, w.manager.principal, { id: r.approved.id });
  r.rejected = await rejectTaskRequest(db, w.manager.principal, { id: r.rejected.id, note: "Not now" });
});
afterAll(async () => {
  await database.close();
});

async function idsSeenBy(principal: Principal, query: Record<string, string> = {}): Promise<number[]> {
  const page = await listTaskRequests(db, principal, taskRequestListQuerySchema.parse(query));
  return page.items.map((i) => i.id);
}

describe("scope", () => {
  it("an employee sees the requests they made and those that name them, nothing else", async () => {
    expect(await idsSeenBy(w.employee.principal)).toEqual([r.byEmployee.id, r.byManager.id, r.byColleague.id, r.approved.id, r.rejected.id]);
    expect(await idsSeenBy(w.peer.principal)).toEqual([r.byEmployee.id, r.byPeer.id, r.approved.id]);
    await expectApiError(getTaskRequest(db, w.peer.principal, { id: r.byManager.id }), "not_found");
  });

  it("a manager sees their subtree's requests and those naming them; another department's manager does not see ours", async () => {
    expect(await idsSeenBy(w.manager.principal)).toEqual([r.byEmployee.id, r.byPeer.id, r.byManager.id, r.approved.id, r.rejected.id]);
    expect(await idsSeenBy(w.otherManager.principal)).toEqual([r.byColleague.id]);
    expect(await idsSeenBy(w.admin.principal)).toEqual(Object.values(r).map((x) => x.id).sort((a, b) => a - b));
    expect(await idsSeenBy(w.foreignManager.principal)).toEqual([]);
  });

});

describe("filters", () => {
  it("status, mine and assigned_to_me narrow the visible requests", async () => {
    expect(await idsSeenBy(w.employee.principal, { status: "pending_approval" })).toEqual([r.byEmployee.id, r.byManager.id, r.byColleague.id]);
    expect(await idsSeenBy(w.employee.principal, { mine: "true" })).toEqual([r.byEmployee.id, r.rejected.id]);
    expect(await idsSeenBy(w.employee.principal, { assigned_to_me: "true" })).toEqual([r.byManager.id, r.byColleague.id, r.approved.id]);
    expect(await idsSeenBy(w.manager.principal, { status: "rejected" })).toEqual([r.rejected.id]);
  });

  it("decidable lists pending requests the caller may decide, never their own, and nothing for employees", async () => {
    expect(await idsSeenBy(w.manager.principal, { decidable: "true" })).toEqual([r.byEmployee.id, r.byPeer.id]);
    expect(await idsSeenBy(w.otherManager.principal, { decidable: "true" })).toEqual([r.byColleague.id]);
    expect(await idsSeenBy(w.admin.principal, { decidable: "true" })).toEqual([r.byEmployee.id, r.byPeer.id, r.byManager.id, r.byColleague.id]);
    expect(await idsSeenBy(w.employee.principal, { decidable: "true" })).toEqual([]);
  });

  it("refuses unknown filters and status codes", () => {
    expect(taskRequestListQuerySchema.safeParse({ status: "done" }).success).toBe(false);
    expect(taskRequestListQuerySchema.safeParse({ created_by: "1" }).success).toBe(false);
    expect(taskRequestListQuerySchema.safeParse({ mine: "yes" }).success).toBe(false);
  });
});

describe("pages", () => {
  it("walks the visible requests with the cursor, without gaps or repeats", async () => {
    const seen: number[] = [];
    let cursor: string | null = null;
    do {
      const page = await listTaskRequests(db, w.admin.principal, taskRequestListQuerySchema.parse({ limit: "2", ...(cursor ? { cursor } : {}) }));
      expect(page.items.length).toBeLessThanOrEqual(2);
      seen.push(...page.items.map((i) => i.id));
      cursor = page.next_cursor;
    } while (cursor !== null);
    expect(seen).toEqual(await idsSeenBy(w.admin.principal));
  });

  it("shows the decision and the task on a decided request", async () => {
    const [approved] = (await listTaskRequests(db, w.peer.principal, taskRequestListQuerySchema.parse({ status: "approved" }))).items;
    expect(approved).toMatchObject({ id: r.approved.id, decided_by: { id: w.manager.user.id, name: w.manager.user.name } });
    expect(approved?.created_task_id).toEqual(expect.any(Number));
  });
});

// Last: it adds a request, which the exact lists above do not expect.
describe("direct reports", () => {
  it("a manager also sees a direct report's request filed from another entity", async () => {
    const elsewhere = await createEntity(db, { parent: w.company });
    const report = await createUser(db, elsewhere, { manager: w.manager.user });
    const request = await createTaskRequest(db, principalOf(report, elsewhere), { title: unique("Remote"), assignee_ids: [w.peer.user.id] });
    expect((await getTaskRequest(db, w.manager.principal, { id: request.id })).id).toBe(request.id);
    await expectApiError(getTaskRequest(db, w.otherManager.principal, { id: request.id }), "not_found");
  });
});
