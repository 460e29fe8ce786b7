// Checklist items against a real database: sequential order, the validation gate (guide
// acknowledgement or a manager's validation), who may move or validate an item, final items,
// and optimistic versions.
import { eq, sql } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { checklistItems, guideAcknowledgements, guideables } from "../../db/schema";
import { openTestDatabase } from "../../test/db";
import { expectApiError } from "../../test/api-errors";
import { checklistStep, createEntity, createGuide, createOrganisation, createUser, instructionStep, principalOf } from "../../test/factories";
import { ApiError } from "../api/errors";
import { completeTaskStep } from "../progress/steps";
import { addAssignee, checklistsOf, eventsOfType, itemsOf, startProgram, statusId, stepsOf, taskRow } from "../progress/test-program";
import { getChecklist, progressChecklistItem } from "./service";
import { validateChecklistItem } from "./validation";

const { db } = await openTestDatabase();


/** One task with a sequential checklist (item 2 requires validation), one with a parallel one. */
async function setup() {
  const org = await createOrganisation(db);
  const program = await startProgram(db, org.employee.user, {
    milestones: [
      {
        name: "Week 1",
        offset: 0,
        duration: 5,
        tasks: [
          { name: "Ordered", steps: [checklistStep("sequential", ["Badge", "Laptop", "Accounts"], [1])] },
          { name: "Any order", steps: [instructionStep(), checklistStep("parallel", ["X", "Y"])] },
        ],
      },
    ],
  });
  const checklistOf = async (task: string) => {
    const [checklist] = await checklistsOf(db, program.taskId(task));
    if (!checklist) throw new Error("no checklist");
    const items = await itemsOf(db, checklist.id);
    return { checklist, items, item: (i: number) => items[i]?.id ?? 0 };
  };
  return { org, program, ordered: await checklistOf("Ordered"), parallel: await checklistOf("Any order") };
}

const complete = { action: "complete" as const };

describe("sequential checklists", () => {
  it("GET shows items in order with their lock and validation state", async () => {
    const { org, ordered } = await setup();
    const view = await getChecklist(db, org.employee.principal, { id: ordered.checklist.id });
    expect(view.mode).toBe("sequential");
    expect(view.items.map((i) => [i.title, i.locked, i.locked_by?.title ?? null])).toEqual([
      ["Badge", false, null],
      ["Laptop", true, "Badge"],
      ["Accounts", true, "Badge"],
    ]);
    expect(view.items[1]?.validation).toEqual({ guide_ids: [], guide_acknowledged: false, validated_by: null, validated_at: null, satisfied: false });
    expect(view.items[0]?.validation).toBeNull();
  });

  it("refuses an item while an earlier one is not done: complete ‘<title>’ first", async () => {
    const { org, ordered } = await setup();
    const params = { checklistId: ordered.checklist.id, itemId: ordered.item(2) };
    const error = await expectApiError(progressChecklistItem(db, org.employee.principal, { ...params, ...complete }), "validation_failed");
    expect(error.message).toBe("Complete ‘Badge’ first: this checklist is done in order.");
    await expectApiError(progressChecklistItem(db, org.employee.principal, { ...params, action: "start" }), "validation_failed");
    const first = await progressChecklistItem(db, org.employee.principal, { checklistId: ordered.checklist.id, itemId: ordered.item(0), ...complete });
    expect(first.item.status?.code).toBe("done");
    expect(first.item.completed_by).toBe(org.employee.user.id);
    expect(first.cascade.tasks_started).toEqual([ordered.checklist.taskId]);
    const still = await expectApiError(progressChecklistItem(db, org.employee.principal, { ...params, ...complete }), "validation_failed");
    expect(still.message).toContain("‘Laptop’");
  });

  it("a parallel checklist takes items in any order", async () => {
    const { org, parallel } = await setup();
    const answer = await progressChecklistItem(db, org.employee.principal, { checklistId: parallel.checklist.id, itemId: parallel.item(1), ...complete });
    expect(answer.item.status?.code).toBe("done");
    expect(answer.checklist.status?.code).toBe("in_progress");
    expect(answer.checklist.is_completed).toBe(false);
  });
});

describe("items that require validation", () => {
  async function readyForLaptop() {
    const ctx = await setup();
    await progressChecklistItem(db, ctx.org.employee.principal, { checklistId: ctx.ordered.checklist.id, itemId: ctx.ordered.item(0), ...complete });
    return { ...ctx, laptop: { checklistId: ctx.ordered.checklist.id, itemId: ctx.ordered.item(1) } };
  }

  it("waits in pending_validation until the assignee acknowledged the linked guide", async () => {
    const { org, laptop } = await readyForLaptop();
    const guide = await createGuide(db);
    await db.insert(guideables).values({ guideId: guide.id, guideableType: "checklist_item", guideableId: laptop.itemId });
    const pending = await progressChecklistItem(db, org.employee.principal, { ...laptop, ...complete });
    expect(pending.awaiting_validation).toBe(true);
    expect(pending.item.status?.code).toBe("pending_validation");
    expect(pending.item.completed_at).toBeNull();
    // Withdrawn and asked again: pending_validation reopens to in_progress.
    expect((await progressChecklistItem(db, org.employee.principal, { ...laptop, action: "reopen" })).item.status?.code).toBe("in_progress");
    await progressChecklistItem(db, org.employee.principal, { ...laptop, ...complete });
    // Asking again changes nothing while the guide is unread.
    const before = (await progressChecklistItem(db, org.employee.principal, { ...laptop, ...complete })).item.version;
    const again = await progressChecklistItem(db, org.employee.principal, { ...laptop, ...complete });
    expect(again.awaiting_validation).toBe(true);
    expect(again.item.version).toBe(before);
    // Someone else's acknowledgement does not count.
    await db.insert(guideAcknowledgements).values({ guideId: guide.id, userId: org.peer.user.id });
    expect((await progressChecklistItem(db, org.employee.principal, { ...laptop, ...complete })).awaiting_validation).toBe(true);

    await db.insert(guideAcknowledgements).values({ guideId: guide.id, userId: org.employee.user.id });
    const done = await progressChecklistItem(db, org.employee.principal, { ...laptop, ...complete });
    expect(done.awaiting_validation).toBe(false);
    expect(done.item.status?.code).toBe("done");
    expect(done.item.validation).toMatchObject({ guide_ids: [guide.id], guide_acknowledged: true, satisfied: true, validated_by: null });
  });

  it("a manager's validation completes an item awaiting it; validated first, it completes at once", async () => {
    const { org, laptop, program } = await readyForLaptop();
    await progressChecklistItem(db, org.employee.principal, { ...laptop, ...complete });
    const validated = await validateChecklistItem(db, org.manager.principal, laptop);
    expect(validated.item.status?.code).toBe("done");
    expect(validated.item.validation?.validated_by).toBe(org.manager.user.id);
    expect(validated.item.completed_by).toBe(org.employee.user.id);
    const events = await eventsOfType(db, program.projectId, "checklist_item.validated");
    expect(events.map((e) => e.payload.checklist_item_id)).toEqual([laptop.itemId]);

    // A fresh program: the manager validates before the employee asks, so the item completes directly.
    const other = await readyForLaptop();
    const early = await validateChecklistItem(db, other.org.manager.principal, other.laptop);
    expect(early.item.status?.code).toBe("todo");
    expect(early.item.validation?.satisfied).toBe(true);
    const done = await progressChecklistItem(db, other.org.employee.principal, { ...other.laptop, ...complete });
    expect(done.awaiting_validation).toBe(false);
    expect(done.item.status?.code).toBe("done");
    await expectApiError(validateChecklistItem(db, other.org.manager.principal, other.laptop), "validation_failed");
  });

  it("an employee cannot validate (403); nor can a manager their own item (403) or outside their scope (404)", async () => {
    const { org, laptop, ordered } = await readyForLaptop();
    await progressChecklistItem(db, org.employee.principal, { ...laptop, ...complete });
    await expectApiError(validateChecklistItem(db, org.employee.principal, laptop), "forbidden");
    await expectApiError(validateChecklistItem(db, org.peer.principal, laptop), "forbidden");
    await db.update(checklistItems).set({ assigneeId: org.manager.user.id }).where(eq(checklistItems.id, laptop.itemId));
    await expectApiError(validateChecklistItem(db, org.manager.principal, laptop), "forbidden");
    await db.update(checklistItems).set({ assigneeId: org.employee.user.id }).where(eq(checklistItems.id, laptop.itemId));
    const elsewhere = await createEntity(db, { parent: org.company });
    const outsider = await createUser(db, elsewhere, { role: "manager" });
    await expectApiError(validateChecklistItem(db, principalOf(outsider, elsewhere), laptop), "not_found");
    await expectApiError(validateChecklistItem(db, org.manager.principal, { checklistId: ordered.checklist.id, itemId: ordered.item(0) }), "validation_failed");
    const [item] = await db.select().from(checklistItems).where(eq(checklistItems.id, laptop.itemId));
    expect(item?.validatedAt).toBeNull();
  });
});

describe("who may move an item, and final items", () => {
  it("another employee gets 404; a helper may progress; a reviewer-only employee gets 403", async () => {
    const { org, parallel } = await setup();
    const x = { checklistId: parallel.checklist.id, itemId: parallel.item(0) };
    await expectApiError(progressChecklistItem(db, org.peer.principal, { ...x, action: "start" }), "not_found");
    await expectApiError(getChecklist(db, org.peer.principal, { id: parallel.checklist.id }), "not_found");
    await addAssignee(db, parallel.checklist.taskId ?? 0, org.peer.user, "reviewer");
    await expectApiError(progressChecklistItem(db, org.peer.principal, { ...x, action: "start" }), "forbidden");
    // Promoted from reviewer to helper, the same person may now work on the items.
    await db.execute(sql`update task_assignee set role = 'helper' where assignee_id = ${org.peer.user.id}`);
    const started = await progressChecklistItem(db, org.peer.principal, { ...x, action: "start" });
    expect(started.item.status?.code).toBe("in_progress");
  });

  it("a done item cannot be reopened; an item under way can", async () => {
    const { org, parallel } = await setup();
    const x = { checklistId: parallel.checklist.id, itemId: parallel.item(0) };
    const started = await progressChecklistItem(db, org.employee.principal, { ...x, action: "start" });
    const reopened = await progressChecklistItem(db, org.employee.principal, { ...x, action: "reopen", version: started.item.version });
    expect(reopened.item.status?.code).toBe("todo");
    const nothing = await expectApiError(progressChecklistItem(db, org.employee.principal, { ...x, action: "reopen" }), "validation_failed");
    expect(nothing.message).toContain("nothing to reopen");
    await progressChecklistItem(db, org.employee.principal, { ...x, statusId: await statusId(db, "checklist_item", "done") });
    const error = await expectApiError(progressChecklistItem(db, org.employee.principal, { ...x, action: "reopen" }), "validation_failed");
    expect(error.message).toContain("cannot be reopened");
    await expectApiError(progressChecklistItem(db, org.employee.principal, { ...x, statusId: await statusId(db, "task", "todo") }), "validation_failed");
  });

  it("a stale body version is 409, a stale If-Match 412; concurrent moves of one version: one wins", async () => {
    const { org, parallel } = await setup();
    const x = { checklistId: parallel.checklist.id, itemId: parallel.item(0) };
    await progressChecklistItem(db, org.employee.principal, { ...x, action: "start", version: 1 });
    await expectApiError(progressChecklistItem(db, org.employee.principal, { ...x, ...complete, version: 1 }), "conflict");
    await expectApiError(progressChecklistItem(db, org.employee.principal, { ...x, ...complete, ifMatch: 1 }), "precondition_failed");

    const y = { checklistId: parallel.checklist.id, itemId: parallel.item(1), version: 1 };
    const results = await Promise.allSettled([
      progressChecklistItem(db, org.employee.principal, { ...y, action: "start" }),
      progressChecklistItem(db, org.manager.principal, { ...y, ...complete }),
    ]);
    expect(results.filter((r) => r.status === "fulfilled")).toHaveLength(1);
    expect(((results.find((r) => r.status === "rejected")?.reason) as ApiError).code).toBe("conflict");
  });
});

describe("steps", () => {
  it("an instruction step completes by hand; a checklist step only with its checklist; the task then completes", async () => {
    const { org, parallel, program } = await setup();
    const taskId = program.taskId("Any order");
    const [instruction, checklistStepRow] = await stepsOf(db, taskId);
    const error = await expectApiError(completeTaskStep(db, org.employee.principal, { taskId, stepId: checklistStepRow?.id ?? 0 }), "validation_failed");
    expect(error.message).toContain("Complete the checklist");
    await expectApiError(completeTaskStep(db, org.peer.principal, { taskId, stepId: instruction?.id ?? 0 }), "not_found");
    await expectApiError(completeTaskStep(db, org.employee.principal, { taskId, stepId: instruction?.id ?? 0, version: 7 }), "conflict");
    const step = await completeTaskStep(db, org.employee.principal, { taskId, stepId: instruction?.id ?? 0 });
    expect(step.step.status?.code).toBe("done");
    expect(step.step.completed_by).toBe(org.employee.user.id);
    expect(step.task.status.code).toBe("in_progress");
    await expectApiError(completeTaskStep(db, org.employee.principal, { taskId, stepId: instruction?.id ?? 0 }), "validation_failed");

    await progressChecklistItem(db, org.employee.principal, { checklistId: parallel.checklist.id, itemId: parallel.item(0), ...complete });
    const last = await progressChecklistItem(db, org.employee.principal, { checklistId: parallel.checklist.id, itemId: parallel.item(1), ...complete });
    expect(last.checklist.is_completed).toBe(true);
    expect(last.cascade.steps_completed).toEqual([checklistStepRow?.id]);
    expect(last.cascade.tasks_completed).toEqual([taskId]);
    expect(last.task.status.code).toBe("done");
    expect((await taskRow(db, taskId)).completedBy).toBe(org.employee.user.id);
  });
});
