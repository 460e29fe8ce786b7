// A team member as their manager sees them: the overdue list agrees with the overdue counter, the
// specialization levels each stand on their own, the programs come with progress, and anyone out
// of the reader's scope is absent.
import { describe, expect, it } from "vitest";
import { type Entity, taskAssignee, tasks, type User } from "../../../db/schema";
import { expectApiError } from "../../../test/api-errors";
import { openTestDatabase } from "../../../test/db";
import { createEntity, createOrganisation, createUser, principalOf } from "../../../test/factories";
import { startProgram } from "../../progress/test-program";
import { statusIdOf } from "../../statuses/service";
import { personOverview } from "./person";

const { db } = await openTestDatabase();

// The overdue counter reads the real clock, so the fixture's dates lie around it.
const NOW = new Date();
const DAY = 86_400_000;
const daysFromNow = (days: number) => new Date(NOW.getTime() + days * DAY).toISOString();

async function task(entity: Entity, owner: User, name: string, code: string, due: string, role: "owner" | "helper" = "owner") {
  const [row] = await db
    .insert(tasks)
    .values({ name, entityId: entity.id, statusId: await statusIdOf(db, "task", code), dueDate: new Date(due), completedAt: code === "done" ? NOW : null })
    .returning();
  if (!row) throw new Error("no task");
  await db.insert(taskAssignee).values({ taskId: row.id, assigneeId: owner.id, role });
  return row;
}

describe("a person's overview", () => {
  it("lists their own open work past due, most overdue first, as many as the overdue counter", async () => {
    const org = await createOrganisation(db);
    const me = org.employee.user;
    const late = await task(org.department, me, "Late", "in_progress", daysFromNow(-3));
    const later = await task(org.department, me, "Very late", "todo", daysFromNow(-12));
    await task(org.department, me, "Done late", "done", daysFromNow(-12));
    await task(org.department, me, "Cancelled", "cancelled", daysFromNow(-12));
    await task(org.department, me, "Due next week", "todo", daysFromNow(7));
    await task(org.department, me, "Helping", "todo", daysFromNow(-12), "helper");

    const overview = await personOverview(db, org.manager.principal, { userId: me.id, now: NOW });
    expect(overview.person).toMatchObject({ id: me.id, name: me.name, entity: { id: org.department.id }, manager: { id: org.manager.user.id } });
    expect(overview.overdue.map((t) => t.id)).toEqual([later.id, late.id]);
    expect(overview.overdue[0]).toMatchObject({ status: "todo", due_date: daysFromNow(-12), project_name: null });
    expect(overview.scores.counters.overdue_tasks).toBe(2);
    expect(overview.scores.formulas.completion).toBe("completed tasks / assigned tasks");
    // Without a profession no level can unlock, and each level says so rather than "locked".
    expect(overview.standing).toMatchObject({ current: null, no_profession: true });
    expect(overview.standing.levels.map((l) => [l.level, l.state])).toEqual([
      ["beginner", "unavailable"],
      ["intermediate", "unavailable"],
      ["advanced", "unavailable"],
    ]);
  });

  it("carries their programs with progress", async () => {
    const org = await createOrganisation(db);
    await startProgram(db, org.employee.user, { milestones: [{ name: "Week 1", offset: 0, duration: 5, tasks: [{ name: "A" }, { name: "B" }] }] });
    const overview = await personOverview(db, org.admin.principal, { userId: org.employee.user.id, now: NOW });
    expect(overview.projects).toHaveLength(1);
    expect(overview.projects[0]?.progress).toEqual({ done: 0, total: 2 });
    expect(overview.projects[0]?.milestones.map((m) => m.name)).toEqual(["Week 1"]);
  });

  it("is not found for employees, for people outside the reader's scope, and for people who do not exist", async () => {
    const org = await createOrganisation(db);
    const sibling = await createEntity(db, { parent: org.company });
    const elsewhere = await createUser(db, sibling);
    const foreign = await createOrganisation(db);
    await expectApiError(personOverview(db, org.employee.principal, { userId: org.employee.user.id }), "not_found");
    await expectApiError(personOverview(db, org.employee.principal, { userId: org.peer.user.id }), "not_found");
    await expectApiError(personOverview(db, org.manager.principal, { userId: elsewhere.id }), "not_found");
    await expectApiError(personOverview(db, org.manager.principal, { userId: foreign.employee.user.id }), "not_found");
    await expectApiError(personOverview(db, org.manager.principal, { userId: 2_000_000_000 }), "not_found");
    // The admin above both departments sees the sibling's member.
    expect((await personOverview(db, principalOf(org.admin.user, org.company), { userId: elsewhere.id })).person.id).toBe(elsewhere.id);
  });
});
