// Test-only setup shared by the guides test files: a published guide created through the service,
// and a running program whose checklist item belongs to an employee. Not imported by app code.
import { eq } from "drizzle-orm";
import type { Db } from "../../db/client";
import { checklistItems, checklists, tasks } from "../../db/schema";
import { checklistStep, createProgram } from "../../test/factories";
import type { Principal } from "../auth/principal";
import { instantiateProgram } from "../programs/instantiate";
import { createGuide } from "./service";
import { guideCreateSchema } from "./validators";

export function publishedGuide(db: Db, principal: Principal, extra: Record<string, unknown> = {}) {
  return createGuide(
    db,
    principal,
    guideCreateSchema.parse({
      name: "Lifting safely",
      format: "text",
      is_published: true,
      translations: [
        { language: "en", title: "Lifting safely", body: "Bend your knees." },
        { language: "de", title: "Sicher heben", body: "In die Knie gehen." },
      ],
      ...extra,
    }),
  );
}

/** A program of one task with a checklist of two items (the first requires validation), started for the onboardee. */
export async function runningChecklist(db: Db, options: { entityId: number; onboardeeId: number }) {
  const program = await createProgram(db, {
    entityId: options.entityId,
    milestones: [{ name: "Week 1", offset: 0, duration: 5, tasks: [{ name: "Warehouse tour", steps: [checklistStep("sequential", ["Lift a box", "Sign off"], [0])] }] }],
  });
  const taskTemplateId = program.taskIdByName.get("Warehouse tour");
  if (taskTemplateId === undefined) throw new Error("no task template");
  const started = await db.transaction((tx) =>
    instantiateProgram(tx, { projectTemplateId: program.templateId, onboardeeId: options.onboardeeId, createdBy: null, startDate: "2025-01-06" }),
  );
  const items = await db
    .select({ id: checklistItems.id, position: checklistItems.position, taskId: tasks.id })
    .from(checklistItems)
    .innerJoin(checklists, eq(checklists.id, checklistItems.checklistId))
    .innerJoin(tasks, eq(tasks.id, checklists.taskId))
    .where(eq(tasks.projectId, started.projectId))
    .orderBy(checklistItems.position);
  const [first, second] = items;
  if (!first || !second) throw new Error("no checklist items");
  return { taskTemplateId, projectTemplateId: program.templateId, itemId: first.id, otherItemId: second.id, taskId: first.taskId };
}
