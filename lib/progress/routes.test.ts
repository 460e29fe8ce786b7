// The progress and checklist routes as an API client calls them: bearer token, the seed's flow
// payload, problem+json refusals, If-Match, Idempotency-Key.
import { describe, expect, it } from "vitest";
import { checklistStep, createOrganisation, quizStep } from "../../test/factories";
import { type JsonObject, openRouteTestDatabase, routeCaller } from "../../test/route-harness";
import { POST as progressUpdate } from "../../app/api/progress/update/route";
import { POST as transition } from "../../app/api/tasks/[id]/transition/route";
import { POST as completeStep } from "../../app/api/tasks/[id]/steps/[stepId]/complete/route";
import { GET as getChecklist } from "../../app/api/checklists/[id]/route";
import { PATCH as patchItem } from "../../app/api/checklists/[id]/items/[itemId]/route";
import { POST as validateItem } from "../../app/api/checklists/[id]/items/[itemId]/validate/route";
import { checklistsOf, eventsOfType, itemsOf, startProgram, statusId, stepsOf, taskRow } from "./test-program";

const { db, tokenOf } = await openRouteTestDatabase("progress-routes");
const call = routeCaller((json) => json as JsonObject & { task?: { version: number; status: { code: string } } });

async function setup() {
  const org = await createOrganisation(db);
  const program = await startProgram(db, org.employee.user, {
    milestones: [
      {
        name: "Week 1",
        offset: 0,
        duration: 5,
        tasks: [{ name: "Plain" }, { name: "Listed", steps: [checklistStep("sequential", ["One", "Two"], [1]), quizStep()] }],
      },
    ],
  });
  return { org, program, employeeToken: await tokenOf(org.employee.principal) };
}

describe("POST /api/progress/update", () => {
  it("takes the seed payload {user_id, task_id, status_id} and answers 200 with the task and the cascade", async () => {
    const { org, program, employeeToken } = await setup();
    const taskId = program.taskId("Plain");
    const answer = await call(progressUpdate, employeeToken, {
      method: "POST",
      path: "/api/progress/update",
      body: { user_id: org.employee.user.id, task_id: taskId, status_id: await statusId(db, "task", "in_progress") },
    });
    expect(answer.status).toBe(200);
    expect(answer.body.task?.status.code).toBe("in_progress");
    expect(answer.body.cascade).toMatchObject({ milestones_started: program.milestoneIds, projects_started: [program.projectId] });
    expect(answer.headers.get("etag")).toBe('"2"');
    const [event] = await eventsOfType(db, program.projectId, "task.status_changed");
    expect(event?.actorId).toBe(org.employee.user.id);

    const done = await call(progressUpdate, employeeToken, {
      method: "POST",
      path: "/api/progress/update",
      headers: { "if-match": '"2"' },
      body: { user_id: org.employee.user.id, task_id: taskId, status_id: await statusId(db, "task", "done") },
    });
    expect(done.status).toBe(200);
    expect(done.body.cascade).toMatchObject({ tasks_completed: [taskId] });
  });

  it("refuses illegal moves (422 with legal_next), stale If-Match (412), unknown fields (422), other people's tasks (404)", async () => {
    const { org, program, employeeToken } = await setup();
    const body = { user_id: org.employee.user.id, task_id: program.taskId("Plain") };
    const illegal = await call(progressUpdate, employeeToken, { method: "POST", path: "/api/progress/update", body: { ...body, status_id: await statusId(db, "task", "done") } });
    expect(illegal.status).toBe(422);
    expect(illegal.headers.get("content-type")).toBe("application/problem+json");
    expect((illegal.body.legal_next as { code: string }[]).map((s) => s.code)).toContain("in_progress");
    const stale = await call(progressUpdate, employeeToken, {
      method: "POST",
      path: "/api/progress/update",
      headers: { "if-match": '"9"' },
      body: { ...body, status_id: await statusId(db, "task", "in_progress") },
    });
    expect(stale.status).toBe(412);
    const massAssignment = await call(progressUpdate, employeeToken, {
      method: "POST",
      path: "/api/progress/update",
      body: { ...body, status_id: await statusId(db, "task", "in_progress"), completed_by: 1 },
    });
    expect(massAssignment.status).toBe(422);
    const peer = await call(progressUpdate, await tokenOf(org.peer.principal), {
      method: "POST",
      path: "/api/progress/update",
      body: { user_id: org.peer.user.id, task_id: body.task_id, status_id: await statusId(db, "task", "in_progress") },
    });
    expect(peer.status).toBe(404);
    expect((await taskRow(db, body.task_id)).version).toBe(1);
  });

  it("replays an Idempotency-Key instead of moving the task twice", async () => {
    const { org, program, employeeToken } = await setup();
    const request = {
      method: "POST",
      path: "/api/progress/update",
      headers: { "idempotency-key": "progress-once" },
      body: { user_id: org.employee.user.id, task_id: program.taskId("Plain"), status_id: await statusId(db, "task", "in_progress") },
    };
    const first = await call(progressUpdate, employeeToken, request);
    const second = await call(progressUpdate, employeeToken, request);
    expect(first.status).toBe(200);
    expect(second.status).toBe(200);
    expect(second.headers.get("idempotent-replayed")).toBe("true");
    expect(second.body).toEqual(first.body);
    expect((await taskRow(db, program.taskId("Plain"))).version).toBe(2);
  });
});

describe("task, step and checklist routes", () => {
  it("transition, checklist read, item moves, validation and step completion over HTTP", async () => {
    const { org, program, employeeToken } = await setup();
    const taskId = program.taskId("Listed");
    const moved = await call(transition, employeeToken, {
      method: "POST",
      path: `/api/tasks/${taskId}/transition`,
      params: { id: String(taskId) },
      body: { status_id: await statusId(db, "task", "in_progress"), version: 1 },
    });
    expect(moved.status).toBe(200);

    const [checklist] = await checklistsOf(db, taskId);
    const [one, two] = await itemsOf(db, checklist?.id ?? 0);
    const cid = String(checklist?.id);
    const view = await call(getChecklist, employeeToken, { method: "GET", path: `/api/checklists/${cid}`, params: { id: cid } });
    expect(view.status).toBe(200);
    expect((view.body.items as { title: string; locked: boolean }[]).map((i) => [i.title, i.locked])).toEqual([
      ["One", false],
      ["Two", true],
    ]);

    const itemPath = (id: number | undefined) => ({ path: `/api/checklists/${cid}/items/${String(id)}`, params: { id: cid, itemId: String(id) } });
    const outOfOrder = await call(patchItem, employeeToken, { method: "PATCH", ...itemPath(two?.id), body: { action: "complete" } });
    expect(outOfOrder.status).toBe(422);
    expect(outOfOrder.body.detail).toBe("Complete ‘One’ first: this checklist is done in order.");
    const both = await call(patchItem, employeeToken, { method: "PATCH", ...itemPath(one?.id), body: { action: "complete", status_id: 1 } });
    expect(both.status).toBe(422);
    const first = await call(patchItem, employeeToken, { method: "PATCH", ...itemPath(one?.id), body: { action: "complete" } });
    expect(first.status).toBe(200);
    expect(first.headers.get("etag")).toBe('"2"');
    const pending = await call(patchItem, employeeToken, { method: "PATCH", ...itemPath(two?.id), headers: { "if-match": '"1"' }, body: { action: "complete" } });
    expect(pending.status).toBe(200);
    expect(pending.body.awaiting_validation).toBe(true);

    const byEmployee = await call(validateItem, employeeToken, { method: "POST", ...itemPath(two?.id), path: `${itemPath(two?.id).path}/validate` });
    expect(byEmployee.status).toBe(403);
    const byManager = await call(validateItem, await tokenOf(org.manager.principal), { method: "POST", ...itemPath(two?.id), path: `${itemPath(two?.id).path}/validate` });
    expect(byManager.status).toBe(200);
    expect((byManager.body.checklist as { is_completed: boolean }).is_completed).toBe(true);
    // The quiz step remains: the task is not done, and the quiz cannot be completed by hand.
    expect(byManager.body.task?.status.code).toBe("in_progress");
    const [, quiz] = await stepsOf(db, taskId);
    const stepParams = { id: String(taskId), stepId: String(quiz?.id) };
    const byHand = await call(completeStep, employeeToken, { method: "POST", path: `/api/tasks/${taskId}/steps/${String(quiz?.id)}/complete`, params: stepParams });
    expect(byHand.status).toBe(422);
    expect(byHand.body.step_kind).toBe("quiz");
  });
});
