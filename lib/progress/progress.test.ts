// updateTaskProgress against a real database: only the status machine's moves, final states
// final, done only when the work is done, progress only by or for the people doing the task.
import { sql } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { taskResults } from "../../db/schema";
import { openTestDatabase } from "../../test/db";
import { expectApiError } from "../../test/api-errors";
import { checklistStep, createEntity, createOrganisation, createUser, instructionStep, principalOf, quizStep } from "../../test/factories";
import { ApiError } from "../api/errors";
import { updateTaskProgress } from "./service";
import { completeTaskStep } from "./steps";
import { addAssignee, eventsOfType, milestoneRow, projectRow, startProgram, statusId, stepsOf, taskRow } from "./test-program";

const { db } = await openTestDatabase();


/** An organisation whose employee runs a one-milestone program: a plain task, a task with steps, an exam. */
async function setup() {
  const org = await createOrganisation(db);
  const program = await startProgram(db, org.employee.user, {
    milestones: [
      {
        name: "Week 1",
        offset: 0,
        duration: 5,
        tasks: [
          { name: "Plain", expectedMinutes: 30 },
          { name: "Stepped", steps: [instructionStep(), checklistStep("parallel", ["A", "B"])] },
          { name: "Exam", kind: "exam", steps: [quizStep()] },
        ],
      },
    ],
  });
  const s = {
    todo: await statusId(db, "task", "todo"),
    inProgress: await statusId(db, "task", "in_progress"),
    blocked: await statusId(db, "task", "blocked"),
    done: await statusId(db, "task", "done"),
    cancelled: await statusId(db, "task", "cancelled"),
  };
  return { org, program, s };
}

describe("the status machine", () => {
  it("refuses todo → done (not a legal move) and names the legal next statuses", async () => {
    const { org, program, s } = await setup();
    const taskId = program.taskId("Plain");
    const error = await expectApiError(
      updateTaskProgress(db, org.employee.principal, { userId: org.employee.user.id, taskId, statusId: s.done }),
      "validation_failed",
    );
    const legal = (error.extra?.legal_next as { id: number; code: string }[]).map((l) => l.code);
    expect(legal).toEqual(["in_progress", "blocked", "cancelled"]);
    expect(error.message).toContain("todo to done");
    expect((await taskRow(db, taskId)).statusId).toBe(s.todo);
  });

  it("todo → in_progress stamps started_at once and starts the milestone and the project", async () => {
    const { org, program, s } = await setup();
    const taskId = program.taskId("Plain");
    const answer = await updateTaskProgress(db, org.employee.principal, { userId: org.employee.user.id, taskId, statusId: s.inProgress });
    expect(answer.task.status.code).toBe("in_progress");
    expect(answer.task.started_at).not.toBeNull();
    expect(answer.task.version).toBe(2);
    expect(answer.cascade.milestones_started).toEqual([program.milestoneIds[0]]);
    expect(answer.cascade.projects_started).toEqual([program.projectId]);
    const milestone = await milestoneRow(db, program.milestoneIds[0] ?? 0);
    expect(milestone.statusId).toBe(await statusId(db, "milestone", "in_progress"));
    expect(milestone.startedAt).not.toBeNull();
    expect((await projectRow(db, program.projectId)).statusId).toBe(await statusId(db, "project", "in_progress"));

    // Blocked and back keeps the first start.
    const firstStart = answer.task.started_at;
    await updateTaskProgress(db, org.employee.principal, { userId: org.employee.user.id, taskId, statusId: s.blocked });
    const again = await updateTaskProgress(db, org.employee.principal, { userId: org.employee.user.id, taskId, statusId: s.inProgress });
    expect(again.task.started_at).toBe(firstStart);
    const changes = await eventsOfType(db, program.projectId, "task.status_changed");
    expect(changes.map((e) => [e.payload.from, e.payload.to])).toEqual([
      ["todo", "in_progress"],
      ["in_progress", "blocked"],
      ["blocked", "in_progress"],
    ]);
    expect(changes.every((e) => e.userId === org.employee.user.id && e.actorId === org.employee.user.id)).toBe(true);
    expect(await eventsOfType(db, program.projectId, "milestone.started")).toHaveLength(1);
  });

  it("done stamps completed_at, completed_by and actual_minutes; done is final", async () => {
    const { org, program, s } = await setup();
    const taskId = program.taskId("Plain");
    const me = { userId: org.employee.user.id, taskId };
    await updateTaskProgress(db, org.employee.principal, { ...me, statusId: s.inProgress });
    // Started 90 minutes ago, as far as the row knows.
    await db.execute(sql`update tasks set started_at = now() - interval '90 minutes' where id = ${taskId}`);
    const done = await updateTaskProgress(db, org.employee.principal, { ...me, statusId: s.done });
    expect(done.task.status.code).toBe("done");
    expect(done.task.completed_by).toBe(org.employee.user.id);
    expect(done.task.actual_minutes).toBeGreaterThanOrEqual(89.9);
    expect(done.task.actual_minutes).toBeLessThan(92);
    const error = await expectApiError(updateTaskProgress(db, org.employee.principal, { ...me, statusId: s.inProgress }), "validation_failed");
    expect(error.message).toContain("final state");
    await expectApiError(updateTaskProgress(db, org.manager.principal, { ...me, statusId: s.cancelled }), "validation_failed");
  });

  it("refuses a status of another domain (422)", async () => {
    const { org, program } = await setup();
    const error = await expectApiError(
      updateTaskProgress(db, org.employee.principal, {
        userId: org.employee.user.id,
        taskId: program.taskId("Plain"),
        statusId: await statusId(db, "checklist_item", "done"),
      }),
      "validation_failed",
    );
    expect(error.issues?.[0]?.path).toBe("status_id");
  });

  it("refuses done while steps and checklists are open, naming what is missing", async () => {
    const { org, program, s } = await setup();
    const taskId = program.taskId("Stepped");
    const me = { userId: org.employee.user.id, taskId };
    await updateTaskProgress(db, org.employee.principal, { ...me, statusId: s.inProgress });
    const error = await expectApiError(updateTaskProgress(db, org.employee.principal, { ...me, statusId: s.done }), "validation_failed");
    const missing = error.extra?.missing as { steps: { name: string }[]; checklists: { open_items: number }[] };
    expect(missing.steps.map((x) => x.name)).toEqual(["Stepped step 1", "Stepped step 2"]);
    expect(missing.checklists[0]?.open_items).toBe(2);
    expect(error.message).toContain("‘Stepped step 1’");
    expect((await taskRow(db, taskId)).statusId).toBe(s.inProgress);
  });

  it("an exam is done only with a passed task_results row, and never completes by itself", async () => {
    const { org, program, s } = await setup();
    const taskId = program.taskId("Exam");
    const me = { userId: org.employee.user.id, taskId };
    await updateTaskProgress(db, org.employee.principal, { ...me, statusId: s.inProgress });
    const [quiz] = await stepsOf(db, taskId);
    await expectApiError(completeTaskStep(db, org.employee.principal, { taskId, stepId: quiz?.id ?? 0 }), "validation_failed");
    const error = await expectApiError(updateTaskProgress(db, org.employee.principal, { ...me, statusId: s.done }), "validation_failed");
    expect((error.extra?.missing as { passed_result: boolean }).passed_result).toBe(false);
    await db.insert(taskResults).values({ taskId, userId: org.employee.user.id, passed: false, score: 0.2 });
    await expectApiError(updateTaskProgress(db, org.employee.principal, { ...me, statusId: s.done }), "validation_failed");
    await db.insert(taskResults).values({ taskId, userId: org.employee.user.id, passed: true, score: 0.9, attempt: 2 });
    const done = await updateTaskProgress(db, org.employee.principal, { ...me, statusId: s.done });
    expect(done.task.status.code).toBe("done");
  });
});

describe("who may progress a task", () => {
  it("an employee may not report progress in another person's name (403)", async () => {
    const { org, program, s } = await setup();
    await expectApiError(
      updateTaskProgress(db, org.employee.principal, { userId: org.peer.user.id, taskId: program.taskId("Plain"), statusId: s.inProgress }),
      "forbidden",
    );
  });

  it("another employee's task is not found (404); as a helper they may progress it", async () => {
    const { org, program, s } = await setup();
    const taskId = program.taskId("Plain");
    const asPeer = { userId: org.peer.user.id, taskId, statusId: s.inProgress };
    await expectApiError(updateTaskProgress(db, org.peer.principal, asPeer), "not_found");
    await addAssignee(db, taskId, org.peer.user, "helper");
    const answer = await updateTaskProgress(db, org.peer.principal, asPeer);
    expect(answer.task.status.code).toBe("in_progress");
  });

  it("a reviewer-only employee sees the task but cannot progress it (403)", async () => {
    const { org, program, s } = await setup();
    const taskId = program.taskId("Plain");
    await addAssignee(db, taskId, org.peer.user, "reviewer");
    await expectApiError(updateTaskProgress(db, org.peer.principal, { userId: org.peer.user.id, taskId, statusId: s.inProgress }), "forbidden");
  });

  it("a manager in scope progresses for the owner; out of scope it is 404; a stranger as user_id is 422", async () => {
    const { org, program, s } = await setup();
    const taskId = program.taskId("Plain");
    const answer = await updateTaskProgress(db, org.manager.principal, { userId: org.employee.user.id, taskId, statusId: s.inProgress });
    expect(answer.task.status.code).toBe("in_progress");
    const done = await updateTaskProgress(db, org.admin.principal, { userId: org.employee.user.id, taskId, statusId: s.done });
    expect(done.task.completed_by).toBe(org.employee.user.id);

    const other = await createEntity(db, { parent: org.company });
    const outsider = await createUser(db, other, { role: "manager" });
    await expectApiError(
      updateTaskProgress(db, principalOf(outsider, other), { userId: outsider.id, taskId: program.taskId("Stepped"), statusId: s.inProgress }),
      "not_found",
    );
    const error = await expectApiError(
      updateTaskProgress(db, org.manager.principal, { userId: org.peer.user.id, taskId: program.taskId("Stepped"), statusId: s.inProgress }),
      "validation_failed",
    );
    expect(error.issues?.[0]?.path).toBe("user_id");
  });

  it("only a manager cancels; a milestone whose tasks are all final with one done completes", async () => {
    const { org, program, s } = await setup();
    const me = (name: string) => ({ userId: org.employee.user.id, taskId: program.taskId(name) });
    await expectApiError(updateTaskProgress(db, org.employee.principal, { ...me("Stepped"), statusId: s.cancelled }), "forbidden");
    await updateTaskProgress(db, org.manager.principal, { ...me("Stepped"), statusId: s.cancelled });
    await updateTaskProgress(db, org.manager.principal, { ...me("Exam"), statusId: s.cancelled });
    await updateTaskProgress(db, org.employee.principal, { ...me("Plain"), statusId: s.inProgress });
    const done = await updateTaskProgress(db, org.employee.principal, { ...me("Plain"), statusId: s.done });
    expect(done.cascade.milestones_completed).toEqual([program.milestoneIds[0]]);
    expect(done.cascade.projects_completed).toEqual([program.projectId]);
  });
});

describe("optimistic concurrency", () => {
  it("a stale body version is 409, a stale If-Match 412, and nothing changes", async () => {
    const { org, program, s } = await setup();
    const me = { userId: org.employee.user.id, taskId: program.taskId("Plain") };
    await updateTaskProgress(db, org.employee.principal, { ...me, statusId: s.inProgress, version: 1 });
    const conflict = await expectApiError(updateTaskProgress(db, org.employee.principal, { ...me, statusId: s.blocked, version: 1 }), "conflict");
    expect(conflict.extra?.current_version).toBe(2);
    await expectApiError(updateTaskProgress(db, org.employee.principal, { ...me, statusId: s.blocked, ifMatch: 1 }), "precondition_failed");
    expect((await taskRow(db, me.taskId)).statusId).toBe(s.inProgress);
    const ok = await updateTaskProgress(db, org.employee.principal, { ...me, statusId: s.blocked, ifMatch: 2 });
    expect(ok.task.version).toBe(3);
  });

  it("two concurrent moves from the same version: one wins, the other is refused with 409", async () => {
    const { org, program, s } = await setup();
    const me = { userId: org.employee.user.id, taskId: program.taskId("Plain"), version: 1 };
    const results = await Promise.allSettled([
      updateTaskProgress(db, org.employee.principal, { ...me, statusId: s.inProgress }),
      updateTaskProgress(db, org.employee.principal, { ...me, statusId: s.blocked }),
    ]);
    expect(results.filter((r) => r.status === "fulfilled")).toHaveLength(1);
    const rejected = results.find((r) => r.status === "rejected");
    expect((rejected?.reason as ApiError).code).toBe("conflict");
    expect((await taskRow(db, me.taskId)).version).toBe(2);
  });
});
