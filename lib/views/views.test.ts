// The read-only views behind the web pages: whose language and time zone the interface uses, what
// "due today" means where a person lives, what of a step a worker may read, and whom they may ask.
import { eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Database, Db } from "../../db/client";
import { entities, languages, taskAssignee, tasks, users } from "../../db/schema";
import { chooseLocale, chooseVisitorLocale, interfaceLocaleOf, localeFromAcceptLanguage } from "../../i18n/config";
import de from "../../messages/de.json";
import en from "../../messages/en.json";
import { createTestDatabase } from "../../test/db";
import { checklistStep, createEntity, createOrganisation, createProgram, createUser, instructionStep, principalOf, quizStep } from "../../test/factories";
import { startOnboarding } from "../onboarding/service";
import { colleaguesToAsk } from "./colleagues";
import { myDueWork } from "./my-work";
import { myOnboarding } from "./onboarding";
import { getTask } from "../tasks/queries";
import { taskStepContents } from "./task-steps";
import { taskWorkspace } from "./task-workspace";
import { viewerPreferences } from "./viewer";

let database: Database;
let db: Db;

beforeAll(async () => {
  database = await createTestDatabase();
  db = database.db;
});
afterAll(async () => {
  await database.close();
});

const languageId = async (code: string) => (await db.select({ id: languages.id }).from(languages).where(eq(languages.code, code)))[0]?.id ?? null;

describe("interface locale", () => {
  it("takes the person's language, else the entity's, else English; regional tags use their base", () => {
    expect(chooseLocale("de", "en")).toBe("de");
    expect(chooseLocale("de-AT", null)).toBe("de");
    expect(chooseLocale("fr", "de")).toBe("de");
    expect(chooseLocale(null, "fr")).toBe("en");
    expect(chooseLocale(null, null)).toBe("en");
    expect(interfaceLocaleOf("pt-BR")).toBeUndefined();
  });

  it("gives a signed-out visitor the language picked on the page, else the browser's best one the interface speaks", () => {
    expect(localeFromAcceptLanguage("de-DE,de;q=0.9,en;q=0.8")).toBe("de");
    expect(localeFromAcceptLanguage("fr-CH, fr;q=0.9, de;q=0.7, en;q=0.8")).toBe("en");
    expect(localeFromAcceptLanguage("en;q=0.5, de-AT")).toBe("de");
    expect(localeFromAcceptLanguage("de;q=0, en;q=0.1")).toBe("en");
    expect(localeFromAcceptLanguage("fr, it;q=0.5")).toBeUndefined();
    expect(localeFromAcceptLanguage("*")).toBeUndefined();
    expect(localeFromAcceptLanguage(null)).toBeUndefined();
    expect(chooseVisitorLocale("en", "de-DE")).toBe("en");
    expect(chooseVisitorLocale("xx", "de-DE")).toBe("de");
    expect(chooseVisitorLocale(undefined, "pt-BR")).toBe("en");
  });

  it("has every English message in German too, and nothing else", () => {
    const keys = (o: object, prefix = ""): string[] =>
      Object.entries(o).flatMap(([k, v]) => (typeof v === "object" && v !== null ? keys(v as object, `${prefix}${k}.`) : [`${prefix}${k}`]));
    expect(keys(de).sort()).toEqual(keys(en).sort());
  });

  it("reads the person's own language and zone, falling back to the nearest entity that sets them", async () => {
    const company = await createEntity(db, { timeZone: "Europe/Berlin" });
    const team = await createEntity(db, { parent: company, timeZone: "America/New_York" });
    await db.update(entities).set({ defaultLanguageId: await languageId("de") }).where(eq(entities.id, company.id));
    const plain = await createUser(db, team);
    const own = await createUser(db, team);
    await db.update(users).set({ languageId: await languageId("en"), timeZone: "Asia/Tokyo" }).where(eq(users.id, own.id));

    expect(await viewerPreferences(db, principalOf(plain, team))).toEqual({ userLanguage: null, entityLanguage: "de", timeZone: "America/New_York" });
    expect(await viewerPreferences(db, principalOf(own, team))).toEqual({ userLanguage: "en", entityLanguage: "de", timeZone: "Asia/Tokyo" });
    const bare = await createEntity(db, { timeZone: "UTC" });
    expect(await viewerPreferences(db, principalOf(await createUser(db, bare), bare))).toEqual({ userLanguage: null, entityLanguage: null, timeZone: "UTC" });
  });
});

describe("my due work and my onboarding", () => {
  it("splits open tasks of one's own into overdue and due today, in one's time zone, leaving out others' and finished ones", async () => {
    const org = await createOrganisation(db);
    const { templateId } = await createProgram(db, { milestones: [{ name: "Week one", offset: 0, duration: 2, tasks: [{ name: "A" }, { name: "B" }, { name: "C" }, { name: "D" }] }] });
    await startOnboarding(db, org.admin.principal, { userId: org.employee.user.id, projectTemplateId: templateId });
    await startOnboarding(db, org.admin.principal, { userId: org.peer.user.id, projectTemplateId: templateId });
    const mine = await db.select().from(tasks).innerJoin(taskAssignee, eq(taskAssignee.taskId, tasks.id)).where(eq(taskAssignee.assigneeId, org.employee.user.id)).orderBy(tasks.id);
    const [a, b, c, d] = mine.map((r) => r.tasks.id);
    // Now is 10:00 in Berlin (09:00 UTC) on 3 March 2025.
    const now = new Date("2025-03-03T09:00:00Z");
    const set = (id: number | undefined, dueDate: Date, status?: number) =>
      db.update(tasks).set({ dueDate, ...(status ? { statusId: status } : {}) }).where(eq(tasks.id, id ?? 0));
    await set(a, new Date("2025-03-02T22:59:59Z")); // end of yesterday in Berlin: overdue
    await set(b, new Date("2025-03-03T22:59:59Z")); // end of today in Berlin: due today
    await set(c, new Date("2025-03-03T23:30:00Z")); // 00:30 tomorrow in Berlin: not today
    const done = (await db.query.statuses.findFirst({ where: (s, { and, eq: is }) => and(is(s.domain, "task"), is(s.code, "done")) }))?.id;
    await set(d, new Date("2025-03-01T12:00:00Z"), done); // long past, but done

    const peers = await db.select({ id: tasks.id }).from(tasks).innerJoin(taskAssignee, eq(taskAssignee.taskId, tasks.id)).where(eq(taskAssignee.assigneeId, org.peer.user.id));
    for (const peer of peers) await set(peer.id, new Date("2025-03-02T10:00:00Z"));

    const due = await myDueWork(db, org.employee.principal, { timeZone: "Europe/Berlin", now });
    expect(due.overdue.map((t) => t.id)).toEqual([a]);
    expect(due.dueToday.map((t) => t.id)).toEqual([b]);
    // The peer's overdue tasks are the peer's: neither the employee's nor their manager's own work.
    expect((await myDueWork(db, org.peer.principal, { timeZone: "Europe/Berlin", now })).overdue).toHaveLength(peers.length);
    expect((await myDueWork(db, org.manager.principal, { timeZone: "Europe/Berlin", now })).overdue).toEqual([]);

    const overview = await myOnboarding(db, org.employee.principal, { timeZone: "Europe/Berlin", now });
    expect(overview.programs).toHaveLength(1);
    expect(overview.programs[0]?.current?.name).toBe("Week one");
    expect(overview.programs[0]?.current?.tasks.map((t) => t.name)).toEqual(["A", "B", "C", "D"]);
    expect(overview.programs[0]?.progress).toEqual({ done: 1, total: 4 });
    // No level yet, each level on its own; without a profession none can unlock.
    expect(overview.specialization).toMatchObject({ current: null, lower_locked: false, no_profession: true });
    expect(overview.specialization.levels.map((l) => l.level)).toEqual(["beginner", "intermediate", "advanced"]);
  });
});

describe("task step contents", () => {
  it("gives the worker instruction texts and an exam's outline, never its questions or answers; another's task is a 404", async () => {
    const org = await createOrganisation(db);
    const { templateId } = await createProgram(db, {
      milestones: [
        { name: "M", offset: 0, duration: 1, tasks: [{ name: "Learn", steps: [instructionStep("Read **this**."), checklistStep("sequential", ["one", "two"]), quizStep()] }] },
      ],
    });
    await startOnboarding(db, org.admin.principal, { userId: org.employee.user.id, projectTemplateId: templateId });
    const [row] = await db.select({ id: tasks.id }).from(tasks).innerJoin(taskAssignee, eq(taskAssignee.taskId, tasks.id)).where(eq(taskAssignee.assigneeId, org.employee.user.id));
    const contents = Object.values(await taskStepContents(db, org.employee.principal, { taskId: row?.id ?? 0 }));
    expect(contents).toEqual([
      { kind: "instruction", body: "Read **this**.", guide_ids: [] },
      { kind: "checklist", mode: "sequential" },
      { kind: "quiz", questions: 2, time_limit_minutes: null, pass_mark: 0.5, max_attempts: 3 },
    ]);
    expect(JSON.stringify(contents)).not.toContain("Paris");
    await expect(taskStepContents(db, org.peer.principal, { taskId: row?.id ?? 0 })).rejects.toMatchObject({ status: 404 });

    // The task page builds its workspace around the task its layout read: the same as by id.
    const task = await getTask(db, org.employee.principal, { id: row?.id ?? 0 });
    const around = await taskWorkspace(db, org.employee.principal, { task });
    expect(around).toEqual(await taskWorkspace(db, org.employee.principal, { taskId: task.id }));
    expect(around.checklists.map((c) => c.items.map((i) => i.title))).toEqual([["one", "two"]]);
  });
});

describe("colleagues to ask", () => {
  it("lists active members of one's organisation, one's manager first, without oneself or other organisations", async () => {
    const org = await createOrganisation(db);
    const gone = await createUser(db, org.department, { isActive: false });
    const other = await createOrganisation(db);
    const list = await colleaguesToAsk(db, org.employee.principal);
    expect(list[0]).toMatchObject({ id: org.manager.user.id, is_manager: true });
    const ids = list.map((c) => c.id);
    expect(ids).toEqual(expect.arrayContaining([org.admin.user.id, org.peer.user.id]));
    expect(ids).not.toContain(org.employee.user.id);
    expect(ids).not.toContain(gone.id);
    expect(ids).not.toContain(other.employee.user.id);
    expect(Object.keys(list[0] ?? {}).sort()).toEqual(["department", "id", "is_manager", "name"]);
  });
});
