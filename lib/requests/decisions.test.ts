// Deciding task requests: who may approve, reject or cancel which request, that approval creates
// the task exactly once, that a decided request never changes, optimistic versions, and that the
// audit rows and events of a decision commit or vanish together with it.
import { eq, sql } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import type { Db } from "../../db/client";
import { taskRequest, tasks, users } from "../../db/schema";
import { createUser, principalOf, unique } from "../../test/factories";
import type { Principal } from "../auth/principal";
import { approveTaskRequest, cancelTaskRequest, rejectTaskRequest } from "./decisions";
import { createTaskRequest, getTaskRequest } from "./service";
import {
  assigneesOfTask,
  auditTrail,
  countTasksNamed,
  createAssignedTask,
  eventsAbout,
  expectApiError,
  freshCall,
  type RequestWorld,
  setUpRequestWorld,
} from "./test-fixtures";
import { taskRequestRejectSchema } from "./validators";

let db: Db;
let w: RequestWorld;
setUpRequestWorld((opened) => ({ db, w } = opened));

/** A pending request by the employee (or `by`), asking the peer (or `assignees`). */
async function pending(options: { by?: Principal; assignees?: number[]; relatedTaskId?: number } = {}) {
  const title = unique("Request");
  const dto = await createTaskRequest(db, options.by ?? w.employee.principal, {
    title,
    assignee_ids: options.assignees ?? [w.peer.user.id],
    related_task_id: options.relatedTaskId,
    approval_required: true,
  });
  return { ...dto, title };
}

describe("approveTaskRequest", () => {
  it("creates the task and its assignees once, records the decision and tells the requester", async () => {
    const mine = await createAssignedTask(db, w.department, w.employee.user);
    const request = await pending({ relatedTaskId: mine.id });
    const call = freshCall(w.manager.principal);
    const approved = await approveTaskRequest(db, call, { id: request.id, note: "  Go ahead.  " });

    expect(approved).toMatchObject({
      status: { code: "approved" },
      decided_by: { id: w.manager.user.id },
      decision_note: "Go ahead.",
      version: request.version + 1,
    });
    expect(approved.decided_at).not.toBeNull();
    const [task] = await db.select().from(tasks).where(eq(tasks.id, approved.created_task_id ?? 0));
    expect(task).toMatchObject({ name: request.title, entityId: w.department.id, createdBy: w.manager.user.id });
    expect(await assigneesOfTask(db, task?.id ?? 0)).toEqual(
      [
        { assigneeId: w.employee.user.id, role: "owner" },
        { assigneeId: w.peer.user.id, role: "helper" },
      ].sort((a, b) => a.assigneeId - b.assigneeId),
    );
    expect(await auditTrail(db, call.requestId)).toEqual(["task_assignee:insert", "task_assignee:insert", "task_request:update", "tasks:insert"]);
    const [event] = await eventsAbout(db, request.id, ["task_request.approved"]);
    expect(event).toMatchObject({ userId: w.employee.user.id, entityId: w.department.id, actorId: w.manager.user.id });
    expect(event?.payload).toMatchObject({ created_task_id: task?.id, decision_note: "Go ahead." });

    const again = await expectApiError(approveTaskRequest(db, w.manager.principal, { id: request.id }), "conflict");
    expect(again.message).toContain("already approved");
    await expectApiError(rejectTaskRequest(db, w.admin.principal, { id: request.id, note: "Too late" }), "conflict");
    expect(await countTasksNamed(db, request.title)).toBe(1);
  });

  it("creates one task when two managers approve at the same moment", async () => {
    const request = await pending();
    const results = await Promise.allSettled([
      approveTaskRequest(db, w.manager.principal, { id: request.id }),
      approveTaskRequest(db, w.admin.principal, { id: request.id }),
    ]);
    expect(results.filter((r) => r.status === "fulfilled")).toHaveLength(1);
    expect(results.filter((r) => r.status === "rejected").map((r) => (r.reason as { code?: string }).code)).toEqual(["conflict"]);
    expect(await countTasksNamed(db, request.title)).toBe(1);
  });

  it("lets an admin above the department decide", async () => {
    const request = await pending();
    expect(await approveTaskRequest(db, w.admin.principal, { id: request.id })).toMatchObject({ status: { code: "approved" } });
  });

  it("lets a manager decide a direct report's request filed from another entity", async () => {
    const report = await createUser(db, w.otherDepartment, { manager: w.manager.user });
    const request = await pending({ by: principalOf(report, w.otherDepartment) });
    expect(await approveTaskRequest(db, w.manager.principal, { id: request.id })).toMatchObject({ status: { code: "approved" } });
  });

  it("refuses an employee (403), even on a request they can see", async () => {
    const request = await pending({ assignees: [w.peer.user.id] });
    await expectApiError(approveTaskRequest(db, w.peer.principal, { id: request.id }), "forbidden");
    await expectApiError(rejectTaskRequest(db, w.peer.principal, { id: request.id, note: "No" }), "forbidden");
  });

  it("answers a manager of another entity or organisation 404, as if the request did not exist", async () => {
    const request = await pending();
    for (const outsider of [w.otherManager.principal, w.foreignManager.principal]) {
      await expectApiError(approveTaskRequest(db, outsider, { id: request.id }), "not_found");
      await expectApiError(rejectTaskRequest(db, outsider, { id: request.id, note: "No" }), "not_found");
      await expectApiError(getTaskRequest(db, outsider, { id: request.id }), "not_found");
    }
    expect((await getTaskRequest(db, w.manager.principal, { id: request.id })).status?.code).toBe("pending_approval");
  });

  it("refuses (403) a manager who sees the request only as an assignee, and a manager deciding their own request", async () => {
    const asksOtherManager = await pending({ assignees: [w.otherManager.user.id] });
    await expectApiError(approveTaskRequest(db, w.otherManager.principal, { id: asksOtherManager.id }), "forbidden");
    const own = await pending({ by: w.manager.principal });
    await expectApiError(approveTaskRequest(db, w.manager.principal, { id: own.id }), "forbidden");
    await expectApiError(rejectTaskRequest(db, w.manager.principal, { id: own.id, note: "No" }), "forbidden");
    expect((await approveTaskRequest(db, w.admin.principal, { id: own.id })).status?.code).toBe("approved");
  });

  it("refuses (422) when an assignee was deactivated since the request, and creates no task", async () => {
    const leaver = await createUser(db, w.department);
    const request = await pending({ assignees: [leaver.id] });
    await db.update(users).set({ isActive: false }).where(eq(users.id, leaver.id));
    const error = await expectApiError(approveTaskRequest(db, w.manager.principal, { id: request.id }), "validation_failed");
    expect(error.extra).toEqual({ refused_assignee_ids: [leaver.id] });
    expect(await countTasksNamed(db, request.title)).toBe(0);
  });
});

describe("rejectTaskRequest", () => {
  it("needs a reason (422), records it, creates no task and tells the requester", async () => {
    const request = await pending();
    await expectApiError(rejectTaskRequest(db, w.manager.principal, { id: request.id }), "validation_failed");
    await expectApiError(rejectTaskRequest(db, w.manager.principal, { id: request.id, note: "   " }), "validation_failed");
    await expectApiError(rejectTaskRequest(db, w.manager.principal, { id: request.id, note: "x".repeat(501) }), "validation_failed");
    expect((await getTaskRequest(db, w.manager.principal, { id: request.id })).status?.code).toBe("pending_approval");

    const call = freshCall(w.manager.principal);
    const rejected = await rejectTaskRequest(db, call, { id: request.id, note: "Finish the fundamentals first." });
    expect(rejected).toMatchObject({
      status: { code: "rejected" },
      decision_note: "Finish the fundamentals first.",
      decided_by: { id: w.manager.user.id },
      created_task_id: null,
    });
    expect(await countTasksNamed(db, request.title)).toBe(0);
    expect(await auditTrail(db, call.requestId)).toEqual(["task_request:update"]);
    const [event] = await eventsAbout(db, request.id, ["task_request.rejected"]);
    expect(event).toMatchObject({ userId: w.employee.user.id, actorId: w.manager.user.id });
    expect(event?.payload).toMatchObject({ decision_note: "Finish the fundamentals first." });

    const again = await expectApiError(approveTaskRequest(db, w.manager.principal, { id: request.id }), "conflict");
    expect(again.message).toContain("already rejected");
  });

  it("its body schema requires the reason", () => {
    expect(taskRequestRejectSchema.safeParse({}).success).toBe(false);
    expect(taskRequestRejectSchema.safeParse({ note: "" }).success).toBe(false);
    expect(taskRequestRejectSchema.safeParse({ note: "Because", status_id: 3 }).success).toBe(false);
    expect(taskRequestRejectSchema.safeParse({ note: "Because" }).success).toBe(true);
  });
});

describe("cancelTaskRequest", () => {
  it("lets the requester cancel while pending, after which nobody can decide it", async () => {
    const request = await pending();
    const cancelled = await cancelTaskRequest(db, w.employee.principal, { id: request.id });
    expect(cancelled).toMatchObject({ status: { code: "cancelled" }, decided_by: null, created_task_id: null, version: 2 });
    expect(await eventsAbout(db, request.id, ["task_request.cancelled"])).toHaveLength(1);
    const error = await expectApiError(approveTaskRequest(db, w.manager.principal, { id: request.id }), "conflict");
    expect(error.message).toContain("already cancelled");
    await expectApiError(cancelTaskRequest(db, w.employee.principal, { id: request.id }), "conflict");
  });

  it("refuses to cancel a decided request (409)", async () => {
    const request = await pending();
    await approveTaskRequest(db, w.manager.principal, { id: request.id });
    await expectApiError(cancelTaskRequest(db, w.employee.principal, { id: request.id }), "conflict");
  });

  it("refuses anyone but the requester: 403 for those who see it, 404 for those who do not", async () => {
    const request = await pending();
    await expectApiError(cancelTaskRequest(db, w.peer.principal, { id: request.id }), "forbidden");
    await expectApiError(cancelTaskRequest(db, w.manager.principal, { id: request.id }), "forbidden");
    await expectApiError(cancelTaskRequest(db, w.colleague.principal, { id: request.id }), "not_found");
  });
});

describe("optimistic versions", () => {
  it("answers a stale body version 409 and a stale If-Match 412, and accepts the current one", async () => {
    const request = await pending();
    await expectApiError(approveTaskRequest(db, w.manager.principal, { id: request.id, version: request.version + 1 }), "conflict");
    await expectApiError(rejectTaskRequest(db, w.manager.principal, { id: request.id, note: "No", ifMatch: 7 }), "precondition_failed");
    await expectApiError(cancelTaskRequest(db, w.employee.principal, { id: request.id, version: 9 }), "conflict");
    expect(await countTasksNamed(db, request.title)).toBe(0);
    const approved = await approveTaskRequest(db, w.manager.principal, { id: request.id, version: request.version, ifMatch: request.version });
    expect(approved.status?.code).toBe("approved");
  });
});

describe("one transaction", () => {
  it("a failing approval leaves no task, no assignees, no audit rows and no events", async () => {
    const request = await pending();
    // The outbox refuses the approval event: the failure comes after the task, its assignees and the
    // request update were written, so only a rollback of the whole transaction removes them.
    await db.execute(
      sql.raw(`create or replace function requests_test_refuse_event() returns trigger language plpgsql as $$
        begin
          if new.type = 'task_request.approved' then raise exception 'outbox unavailable'; end if;
          return new;
        end $$`),
    );
    await db.execute(
      sql.raw("create trigger requests_test_refuse_event before insert on events for each row execute function requests_test_refuse_event()"),
    );
    const call = freshCall(w.manager.principal);
    try {
      await expect(approveTaskRequest(db, call, { id: request.id })).rejects.toThrow();
    } finally {
      await db.execute(sql.raw("drop trigger requests_test_refuse_event on events"));
      await db.execute(sql.raw("drop function requests_test_refuse_event()"));
    }
    expect(await countTasksNamed(db, request.title)).toBe(0);
    expect(await auditTrail(db, call.requestId)).toEqual([]);
    expect(await eventsAbout(db, request.id, ["task.assigned", "task_request.approved"])).toEqual([]);
    const [row] = await db.select().from(taskRequest).where(eq(taskRequest.id, request.id));
    expect(row).toMatchObject({ version: 1, createdTaskId: null, decidedBy: null });

    // And once the outbox works again, the same approval succeeds with its task.
    const approved = await approveTaskRequest(db, w.manager.principal, { id: request.id });
    expect(await countTasksNamed(db, request.title)).toBe(1);
    expect(await eventsAbout(db, request.id, ["task_request.approved"])).toHaveLength(1);
    expect(approved.created_task_id).not.toBeNull();
  });
});
