// The validation queue holds exactly the items validateChecklistItem would accept from the reader:
// asked to complete, requiring validation, on open tasks they oversee, not their own.
import { eq } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { checklistItems, tasks } from "../../../db/schema";
import { expectApiError } from "../../../test/api-errors";
import { openTestDatabase } from "../../../test/db";
import { checklistStep, createOrganisation } from "../../../test/factories";
import { progressChecklistItem } from "../../checklists/service";
import { validateChecklistItem } from "../../checklists/validation";
import { checklistsOf, itemsOf, startProgram, statusId } from "../../progress/test-program";
import { itemsAwaitingValidation } from "./validation-queue";

const { db } = await openTestDatabase();

/** One task with a parallel checklist: items 0 and 1 require validation, item 2 does not. */
async function setup() {
  const org = await createOrganisation(db);
  const program = await startProgram(db, org.employee.user, {
    milestones: [{ name: "Week 1", offset: 0, duration: 5, tasks: [{ name: "Checks", steps: [checklistStep("parallel", ["Disk", "VPN", "Chat"], [0, 1])] }] }],
  });
  const taskId = program.taskId("Checks");
  const [checklist] = await checklistsOf(db, taskId);
  if (!checklist) throw new Error("no checklist");
  const items = await itemsOf(db, checklist.id);
  const item = (i: number) => ({ checklistId: checklist.id, itemId: items[i]?.id ?? 0 });
  return { org, taskId, checklist, item };
}

const complete = { action: "complete" as const };

describe("items awaiting validation", () => {
  it("lists items asked to complete that wait for the reader, until validated", async () => {
    const { org, taskId, checklist, item } = await setup();
    await progressChecklistItem(db, org.employee.principal, { ...item(0), ...complete });
    await progressChecklistItem(db, org.employee.principal, { ...item(2), ...complete });

    const queue = await itemsAwaitingValidation(db, org.manager.principal);
    expect(queue.map((q) => q.item_id)).toEqual([item(0).itemId]);
    expect(queue[0]).toMatchObject({
      checklist_id: checklist.id,
      title: "Disk",
      task: { id: taskId, name: "Checks" },
      person: { id: org.employee.user.id, name: org.employee.user.name },
    });
    // The admin above the department sees it too.
    expect((await itemsAwaitingValidation(db, org.admin.principal)).map((q) => q.item_id)).toEqual([item(0).itemId]);

    const first = queue[0];
    if (!first) throw new Error("queue");
    await validateChecklistItem(db, org.manager.principal, { ...item(0), version: first.version });
    expect(await itemsAwaitingValidation(db, org.manager.principal)).toEqual([]);
  });

  it("leaves out items assigned to the reader, items on closed tasks and work outside their oversight", async () => {
    const { org, taskId, item } = await setup();
    await progressChecklistItem(db, org.employee.principal, { ...item(0), ...complete });
    await progressChecklistItem(db, org.employee.principal, { ...item(1), ...complete });
    await db.update(checklistItems).set({ assigneeId: org.manager.user.id }).where(eq(checklistItems.id, item(1).itemId));
    expect((await itemsAwaitingValidation(db, org.manager.principal)).map((q) => q.item_id)).toEqual([item(0).itemId]);

    const foreign = await createOrganisation(db);
    expect(await itemsAwaitingValidation(db, foreign.manager.principal)).toEqual([]);

    await db.update(tasks).set({ statusId: await statusId(db, "task", "cancelled") }).where(eq(tasks.id, taskId));
    expect(await itemsAwaitingValidation(db, org.manager.principal)).toEqual([]);
  });

  it("is refused to employees, who validate nothing", async () => {
    const { org } = await setup();
    await expectApiError(itemsAwaitingValidation(db, org.employee.principal), "forbidden");
  });
});
