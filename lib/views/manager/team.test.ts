// The dashboard's team overview: completed work per week (owned tasks only, the reader's weeks,
// on time or late), each member's level, the same members as the team scores, and who may ask.
import { and, eq } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { type Entity, specializations, taskAssignee, tasks, type User, userSpecializations } from "../../../db/schema";
import { expectApiError } from "../../../test/api-errors";
import { openTestDatabase } from "../../../test/db";
import { createEntity, createUser, principalOf } from "../../../test/factories";
import { getTeamScores } from "../../scores/team";
import { createScoreWorld } from "../../scores/test-world";
import { statusIdOf } from "../../statuses/service";
import { teamScoresQuerySchema } from "../../scores/validators";
import { TREND_WEEKS, teamMembers, teamOverview } from "./team";

const { db } = await openTestDatabase();

// A Wednesday, 10:00 in Berlin.
const NOW = new Date("2030-03-13T09:00:00Z");

async function doneTask(entity: Entity, owner: User, completedAt: string, options: { due?: string; role?: "owner" | "helper"; name?: string } = {}) {
  const [row] = await db
    .insert(tasks)
    .values({
      name: options.name ?? "Finished",
      entityId: entity.id,
      statusId: await statusIdOf(db, "task", "done"),
      completedAt: new Date(completedAt),
      dueDate: options.due ? new Date(options.due) : null,
    })
    .returning();
  if (!row) throw new Error("no task");
  await db.insert(taskAssignee).values({ taskId: row.id, assigneeId: owner.id, role: options.role ?? "owner" });
  return row;
}

const byWeek = (weeks: { week_start: string; completed: number; on_time: number; late: number }[]) =>
  Object.fromEntries(weeks.filter((w) => w.completed > 0).map((w) => [w.week_start, [w.on_time, w.late]]));

describe("completed work per week", () => {
  it("counts the members' owned tasks per week of the reader, on time or late, over the last twelve weeks", async () => {
    const w = await createScoreWorld(db, { employees: 2 });
    const [ann, ben] = w.employees;
    if (!ann || !ben) throw new Error("world");
    await doneTask(w.team, ann.user, "2030-03-11T08:00:00Z", { due: "2030-03-12T22:59:00Z" }); // this week, on time
    await doneTask(w.team, ben.user, "2030-03-12T08:00:00Z", { due: "2030-03-11T22:59:00Z" }); // this week, late
    await doneTask(w.team, ann.user, "2030-03-03T23:30:00Z"); // Sunday 23:30 UTC = Monday 00:30 in Berlin
    await doneTask(w.team, ann.user, "2029-12-20T10:00:00Z"); // twelve weeks back and more: left out
    await doneTask(w.team, ann.user, "2030-03-12T09:00:00Z", { role: "helper" }); // helping is not one's own work

    const overview = await teamOverview(db, w.manager.principal, { timeZone: "Europe/Berlin", now: NOW });
    expect(overview.weeks).toHaveLength(TREND_WEEKS);
    expect(overview.weeks[0]?.week_start).toBe("2029-12-24");
    expect(overview.weeks.at(-1)?.week_start).toBe("2030-03-11");
    expect(byWeek(overview.weeks)).toEqual({ "2030-03-11": [1, 1], "2030-03-04": [1, 0] });

    // The same Sunday-night task lies in the week before for a reader in UTC.
    const utc = await teamOverview(db, w.manager.principal, { timeZone: "UTC", now: NOW });
    expect(byWeek(utc.weeks)).toEqual({ "2030-03-11": [1, 1], "2030-02-25": [1, 0] });
  });

  it("leaves out other teams, inactive members and work the reader may not see", async () => {
    const w = await createScoreWorld(db, { employees: 1 });
    const [ann] = w.employees;
    if (!ann) throw new Error("world");
    const gone = await createUser(db, w.team, { manager: w.manager.user, isActive: false });
    const otherManager = await createUser(db, w.team, { role: "manager" });
    const stranger = await createUser(db, w.team, { manager: otherManager });
    await doneTask(w.team, ann.user, "2030-03-11T08:00:00Z");
    await doneTask(w.team, gone, "2030-03-11T08:00:00Z");
    await doneTask(w.team, stranger, "2030-03-11T08:00:00Z");

    const mine = await teamOverview(db, w.manager.principal, { timeZone: "UTC", now: NOW });
    expect(mine.members).toBe(1);
    expect(mine.weeks.reduce((n, x) => n + x.completed, 0)).toBe(1);

    // An admin of the team's entity reads its subtree, but not a member's task filed in another organisation.
    const admin = await createUser(db, w.company, { role: "admin" });
    const elsewhere = await createEntity(db);
    await doneTask(elsewhere, ann.user, "2030-03-12T08:00:00Z");
    const entityView = await teamOverview(db, principalOf(admin, w.company), { entityId: w.team.id, timeZone: "UTC", now: NOW });
    expect(entityView.members).toBe(4); // manager, Ann, the other manager, the stranger (the inactive one is left out)
    expect(entityView.weeks.reduce((n, x) => n + x.completed, 0)).toBe(2);
    // The manager, assigned nothing there, sees Ann's foreign task only as her manager: it counts for them.
    expect((await teamOverview(db, w.manager.principal, { timeZone: "UTC", now: NOW })).weeks.at(-1)?.completed).toBe(2);
  });

  it("answers every week with zeros for a team without finished work", async () => {
    const w = await createScoreWorld(db, { employees: 0 });
    const overview = await teamOverview(db, w.manager.principal, { timeZone: "UTC", now: NOW, weeks: 4 });
    expect(overview.weeks.map((x) => x.week_start)).toEqual(["2030-02-18", "2030-02-25", "2030-03-04", "2030-03-11"]);
    expect(overview.weeks.every((x) => x.completed === 0)).toBe(true);
  });
});

describe("members and levels", () => {
  it("are the members the team scores list, each with their highest unlocked level", async () => {
    const w = await createScoreWorld(db, { employees: 3 });
    const [ann] = w.employees;
    if (!ann) throw new Error("world");
    for (const level of ["beginner", "intermediate"] as const) {
      const [spec] = await db
        .select({ id: specializations.id })
        .from(specializations)
        .where(and(eq(specializations.professionId, w.profession.id), eq(specializations.level, level)));
      if (!spec) throw new Error("levels missing");
      await db.insert(userSpecializations).values({ userId: ann.user.id, specializationId: spec.id });
    }
    const overview = await teamOverview(db, w.manager.principal, { timeZone: "UTC", now: NOW });
    const scores = await getTeamScores(db, w.manager.principal, teamScoresQuerySchema.parse({}));
    expect(overview.levels.map((l) => l.user_id).sort()).toEqual(scores.members.items.map((m) => m.user.id).sort());
    expect(overview.levels.find((l) => l.user_id === ann.user.id)?.level).toBe("intermediate");
    expect(overview.levels.filter((l) => l.level === null)).toHaveLength(2);
  });

  it("is refused to employees and for a manager or entity out of the reader's scope, as not found", async () => {
    const w = await createScoreWorld(db, { employees: 1 });
    const [ann] = w.employees;
    if (!ann) throw new Error("world");
    const other = await createScoreWorld(db, { employees: 1 });
    await expectApiError(teamOverview(db, ann.principal, { timeZone: "UTC" }), "not_found");
    await expectApiError(teamMembers(db, w.manager.principal, { managerId: other.manager.user.id }), "not_found");
    await expectApiError(teamMembers(db, w.manager.principal, { entityId: other.team.id }), "not_found");
    expect(await teamMembers(db, w.manager.principal, { entityId: w.team.id })).toHaveLength(2);
  });
});
