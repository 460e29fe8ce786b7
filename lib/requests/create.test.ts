// Making a task request: who may skip approval, who may be asked, which task and template may be
// named, and what is written (task, assignees, audit rows, events) in the one transaction.
import { eq } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import type { Db } from "../../db/client";
import { projects, taskRequest, taskRequestAssignee, taskTemplates, tasks, users } from "../../db/schema";
import { createEntity, unique } from "../../test/factories";
import { statusIdOf } from "../statuses/service";
import { createTaskRequest } from "./service";
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
import { taskRequestCreateSchema } from "./validators";

let db: Db;
let w: RequestWorld;
setUpRequestWorld((opened) => ({ db, w } = opened));

describe("createTaskRequest with approval", () => {
  it("an employee's request waits for a manager by default and creates no task", async () => {
    const title = unique("Pair on billing");
    const call = freshCall(w.employee.principal);
    const dto = await createTaskRequest(db, call, { title, description: "One hour", assignee_ids: [w.peer.user.id] });

    expect(dto).toMatchObject({
      title,
      description: "One hour",
      approval_required: true,
      status: { code: "pending_approval" },
      entity_id: w.department.id,
      created_by: { id: w.employee.user.id, name: w.employee.user.name },
      assignees: [{ id: w.peer.user.id, name: w.peer.user.name }],
      decided_by: null,
      created_task_id: null,
      version: 1,
    });
    expect(await countTasksNamed(db, title)).toBe(0);
    expect(await auditTrail(db, call.requestId)).toEqual(["task_request:insert", "task_request_assignee:insert"]);
    const [event] = await eventsAbout(db, dto.id, ["task_request.created"]);
    expect(event).toMatchObject({ entityId: w.department.id, userId: w.employee.user.id, actorId: w.employee.user.id });
    expect(event?.payload).toMatchObject({ status: "pending_approval", assignee_ids: [w.peer.user.id] });
  });

  it("refuses an employee who asks to skip approval (403) and writes nothing", async () => {
    const title = unique("No approval");
    const call = freshCall(w.employee.principal);
    await expectApiError(createTaskRequest(db, call, { title, assignee_ids: [w.peer.user.id], approval_required: false }), "forbidden");
    expect(await db.select().from(taskRequest).where(eq(taskRequest.title, title))).toHaveLength(0);
    expect(await auditTrail(db, call.requestId)).toEqual([]);
  });

  it("lets a manager ask for approval explicitly", async () => {
    const dto = await createTaskRequest(db, w.manager.principal, { title: unique("Asked"), assignee_ids: [w.peer.user.id], approval_required: true });
    expect(dto).toMatchObject({ approval_required: true, status: { code: "pending_approval" }, created_task_id: null });
  });
});

describe("createTaskRequest without approval", () => {
  it("creates the task at once with its owners, todo, in the requester's entity, decided by the requester", async () => {
    const title = unique("Prepare the demo");
    const call = freshCall(w.manager.principal);
    const dto = await createTaskRequest(db, call, { title, assignee_ids: [w.employee.user.id, w.peer.user.id] });

    expect(dto).toMatchObject({ approval_required: false, status: { code: "approved" }, decided_by: { id: w.manager.user.id } });
    expect(dto.created_task_id).not.toBeNull();
    expect(dto.decided_at).not.toBeNull();
    const [task] = await db.select().from(tasks).where(eq(tasks.id, dto.created_task_id ?? 0));
    expect(task).toMatchObject({
      name: title,
      entityId: w.department.id,
      statusId: await statusIdOf(db, "task", "todo"),
      createdBy: w.manager.user.id,
      kind: "task",
      projectId: null,
    });
    expect(await assigneesOfTask(db, task?.id ?? 0)).toEqual(
      [w.employee.user.id, w.peer.user.id].sort((a, b) => a - b).map((assigneeId) => ({ assigneeId, role: "owner" })),
    );
    expect(await auditTrail(db, call.requestId)).toEqual([
      "task_assignee:insert",
      "task_assignee:insert",
      "task_request:insert",
      "task_request:update",
      "task_request_assignee:insert",
      "task_request_assignee:insert",
      "tasks:insert",
    ]);
    const assigned = await eventsAbout(db, dto.id, ["task.assigned"]);
    expect(assigned.map((e) => e.userId).sort()).toEqual([w.employee.user.id, w.peer.user.id].sort());
  });

  it("asking help on a task makes the people asked helpers and the requester the owner, in the task's project", async () => {
    const [project] = await db
      .insert(projects)
      .values({ name: unique("Onboarding"), entityId: w.department.id, onboardeeId: w.manager.user.id })
      .returning();
    const mine = await createAssignedTask(db, w.department, w.manager.user, project?.id ?? null);
    const dto = await createTaskRequest(db, w.manager.principal, {
      title: unique("Help me"),
      related_task_id: mine.id,
      assignee_ids: [w.colleague.user.id],
      approval_required: false,
    });
    expect(dto).toMatchObject({ related_task_id: mine.id, project_id: project?.id });
    const [task] = await db.select().from(tasks).where(eq(tasks.id, dto.created_task_id ?? 0));
    expect(task?.projectId).toBe(project?.id);
    expect(await assigneesOfTask(db, dto.created_task_id ?? 0)).toEqual(
      [
        { assigneeId: w.manager.user.id, role: "owner" },
        { assigneeId: w.colleague.user.id, role: "helper" },
      ].sort((a, b) => a.assigneeId - b.assigneeId),
    );
  });

  it("takes kind, expected minutes and description from a published template, the title from the request", async () => {
    const [template] = await db
      .insert(taskTemplates)
      .values({ name: unique("Template"), description: "From the template", kind: "exam", expectedMinutes: 95, isDraft: false, entityId: w.company.id })
      .returning();
    const title = unique("Safety exam");
    const dto = await createTaskRequest(db, w.admin.principal, { title, task_template_id: template?.id, assignee_ids: [w.employee.user.id] });
    const [task] = await db.select().from(tasks).where(eq(tasks.id, dto.created_task_id ?? 0));
    expect(task).toMatchObject({ name: title, description: "From the template", kind: "exam", expectedMinutes: 95, taskTemplateId: template?.id });
  });
});

describe("what a request may name", () => {
  it("accepts a colleague of another department of the same organisation", async () => {
    const dto = await createTaskRequest(db, w.employee.principal, { title: unique("Cross-team"), assignee_ids: [w.colleague.user.id] });
    expect(dto.assignees).toEqual([{ id: w.colleague.user.id, name: w.colleague.user.name }]);
  });

  it("refuses assignees of another organisation or deactivated ones with 422 naming them, and writes nothing", async () => {
    const gone = await db
      .insert(users)
      .values({ email: `${unique("gone")}@test.local`, name: unique("Gone"), entityId: w.department.id, isActive: false })
      .returning();
    const goneId = gone[0]?.id ?? 0;
    const title = unique("Refused");
    const error = await expectApiError(
      createTaskRequest(db, w.employee.principal, { title, assignee_ids: [w.peer.user.id, w.outsider.user.id, goneId] }),
      "validation_failed",
    );
    expect(error.message).toContain(`user ${w.outsider.user.id}`);
    expect(error.message).toContain(`user ${goneId}`);
    expect(error.message).not.toContain(w.outsider.user.name);
    expect(error.issues?.map((i) => i.path)).toEqual(["assignee_ids.1", "assignee_ids.2"]);
    expect(error.extra).toEqual({ refused_assignee_ids: [w.outsider.user.id, goneId] });
    expect(await db.select().from(taskRequest).where(eq(taskRequest.title, title))).toHaveLength(0);
  });

  it("refuses a related task the requester cannot see (404), and accepts one they are assigned to", async () => {
    const peersTask = await createAssignedTask(db, w.department, w.peer.user);
    await expectApiError(
      createTaskRequest(db, w.employee.principal, { title: unique("Not mine"), related_task_id: peersTask.id, assignee_ids: [w.peer.user.id] }),
      "not_found",
    );
    const foreignTask = await createAssignedTask(db, w.foreignOrg, w.outsider.user);
    await expectApiError(
      createTaskRequest(db, w.admin.principal, { title: unique("Foreign"), related_task_id: foreignTask.id, assignee_ids: [w.peer.user.id] }),
      "not_found",
    );
    const mine = await createAssignedTask(db, w.department, w.employee.user);
    const dto = await createTaskRequest(db, w.employee.principal, { title: unique("Mine"), related_task_id: mine.id, assignee_ids: [w.peer.user.id] });
    expect(dto.related_task_id).toBe(mine.id);
  });

  it("refuses a project other than the related task's (422) and a project the requester cannot see (404)", async () => {
    const [own, second, peers] = await db
      .insert(projects)
      .values([
        { name: unique("Own"), entityId: w.department.id, onboardeeId: w.employee.user.id },
        { name: unique("Own too"), entityId: w.department.id, onboardeeId: w.employee.user.id },
        { name: unique("Peer's"), entityId: w.department.id, onboardeeId: w.peer.user.id },
      ])
      .returning();
    const task = await createAssignedTask(db, w.department, w.employee.user, own?.id ?? null);
    const mismatch = await expectApiError(
      createTaskRequest(db, w.employee.principal, { title: unique("x"), related_task_id: task.id, project_id: second?.id, assignee_ids: [w.peer.user.id] }),
      "validation_failed",
    );
    expect(mismatch.issues?.[0]?.path).toBe("project_id");
    await expectApiError(
      createTaskRequest(db, w.employee.principal, { title: unique("x"), project_id: peers?.id, assignee_ids: [w.peer.user.id] }),
      "not_found",
    );
  });

  it("refuses a draft template (422), and another organisation's or a sibling department's template (404)", async () => {
    const sibling = await createEntity(db, { parent: w.company });
    const [draft, foreign, siblings] = await db
      .insert(taskTemplates)
      .values([
        { name: unique("Draft"), isDraft: true, entityId: w.company.id },
        { name: unique("Foreign"), isDraft: false, entityId: w.foreignOrg.id },
        { name: unique("Sibling's"), isDraft: false, entityId: sibling.id },
      ])
      .returning();
    const error = await expectApiError(
      createTaskRequest(db, w.manager.principal, { title: unique("x"), task_template_id: draft?.id, assignee_ids: [w.peer.user.id] }),
      "validation_failed",
    );
    expect(error.issues?.[0]?.path).toBe("task_template_id");
    for (const template of [foreign, siblings]) {
      await expectApiError(
        createTaskRequest(db, w.manager.principal, { title: unique("x"), task_template_id: template?.id, assignee_ids: [w.peer.user.id] }),
        "not_found",
      );
    }
  });

  it("stores each assignee once", async () => {
    const dto = await createTaskRequest(db, w.employee.principal, { title: unique("Twice"), assignee_ids: [w.peer.user.id, w.peer.user.id] });
    expect(await db.select().from(taskRequestAssignee).where(eq(taskRequestAssignee.taskRequestId, dto.id))).toHaveLength(1);
  });
});

describe("taskRequestCreateSchema", () => {
  const valid = { title: "Help", assignee_ids: [1] };

  it("accepts a minimal body and removes duplicate assignees", () => {
    expect(taskRequestCreateSchema.parse({ ...valid, assignee_ids: [3, 3, 4] }).assignee_ids).toEqual([3, 4]);
  });

  it("refuses fields a requester may not set, a missing title or assignees, and a past due date", () => {
    for (const body of [
      { ...valid, status_id: 1 },
      { ...valid, created_by: 1 },
      { ...valid, decided_by: 1 },
      { ...valid, title: "  " },
      { ...valid, assignee_ids: [] },
      { title: "Help" },
      { ...valid, due_date: "2001-01-01T00:00:00Z" },
      { ...valid, due_date: "tomorrow" },
    ]) {
      expect(taskRequestCreateSchema.safeParse(body).success, JSON.stringify(body)).toBe(false);
    }
    expect(taskRequestCreateSchema.safeParse({ ...valid, due_date: "2999-01-01T09:00:00+01:00" }).success).toBe(true);
  });
});
