// Two starts of one program for one user at the same moment create one project: the advisory lock
// queues the second behind the first, which then finds the first's project. On PostgreSQL the
// starts run on separate pooled connections in parallel; on PGlite (one connection) they serialise.
import { count, eq } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { events, projects } from "../../db/schema";
import { openTestDatabase } from "../../test/db";
import { createOrganisation, createProgram, createUser } from "../../test/factories";
import { startOnboarding } from "./service";

const { db } = await openTestDatabase();

describe("concurrent starts", () => {
  it("create exactly one project per user and program", async () => {
    const org = await createOrganisation(db);
    const { templateId } = await createProgram(db, {
      milestones: [{ name: "M", offset: 0, duration: 2, tasks: [{ name: "A" }, { name: "B", parents: ["A"] }] }],
    });
    const people = [org.employee.user, org.peer.user, await createUser(db, org.department, { manager: org.manager.user })];

    // Each user is started twice at once, by the manager and by the admin.
    const results = await Promise.all(
      people.flatMap((user) => [
        startOnboarding(db, org.manager.principal, { userId: user.id, projectTemplateId: templateId }),
        startOnboarding(db, org.admin.principal, { userId: user.id, projectTemplateId: templateId }),
      ]),
    );

    for (const [i, user] of people.entries()) {
      const pair = results.slice(i * 2, i * 2 + 2);
      expect(pair.map((r) => r.created).sort()).toEqual([false, true]);
      expect(pair[0]?.project.id).toBe(pair[1]?.project.id);
      const rows = await db.select({ n: count() }).from(projects).where(eq(projects.onboardeeId, user.id));
      expect(rows[0]?.n).toBe(1);
      const started = await db.select({ n: count() }).from(events).where(eq(events.userId, user.id));
      expect(started[0]?.n).toBe(1);
    }
  });
});
