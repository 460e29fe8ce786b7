// Score and count metrics of reports against a world whose numbers are worked out by hand
// (lib/reports/test-fixtures.ts): all time from the rollup, a period from the counters, every scope
// type, and the refusals (wrong role, other entity, unknown metric, reversed period).
import { eq, sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type Database, type Db, queryRows } from "../../db/client";
import { events, reports } from "../../db/schema";
import { createTestDatabase } from "../../test/db";
import { expectApiError } from "../../test/api-errors";
import { rebuildBatch } from "../scores/rebuild";
import { createReport, getReport, listReports } from "./service";
import { createScoresWorld, type ScoresWorld } from "./test-fixtures";
import type { ReportRequest } from "./validators";
import { reportCreateSchema } from "./validators";

let database: Database;
let db: Db;
let w: ScoresWorld;

const SCORES = ["completion", "help", "timing", "quality", "technical", "progress", "completed_projects", "passed_milestone_tests"] as const;
const JANUARY = { from: "2030-01-01", to: "2030-01-31" };
const ALL_TIME = { from: "1900-01-01", to: "2999-12-31" };

const request = (scope: ReportRequest["scope"], extra: Partial<ReportRequest> = {}): ReportRequest => ({
  scope,
  include: [...SCORES],
  ...extra,
});

beforeAll(async () => {
  database = await createTestDatabase();
  db = database.db;
  w = await createScoresWorld(db);
  // The rollup as the rebuild writes it (the running rollup equals it: lib/scores/rollup.test.ts).
  const ids = await queryRows<{ id: number }>(db, sql`select id from users order by id`);
  await db.transaction((tx) => rebuildBatch(tx, ids.map((r) => r.id)));
});
afterAll(async () => {
  await database.close();
});

describe("score metrics, all time (the rollup)", () => {
  it("a team report sums the direct reports' counters, with per-user rows", async () => {
    const report = await createReport(db, w.org.manager.principal, request({ type: "team", id: w.lead.user.id }));
    const r = report.result;
    expect(r.scope).toEqual({ type: "team", id: w.lead.user.id, name: w.lead.user.name, user_count: 3 });
    expect(r.period).toBeNull();
    expect(r.counters).toEqual({
      assigned_tasks: 5,
      completed_tasks: 4,
      helped_tasks: 2,
      actual_minutes: 175,
      expected_minutes: 170,
      correct_answers: 4,
      total_questions: 6,
      rating_sum: 11,
      rating_count: 3,
      completed_projects: 1,
      passed_milestone_tests: 1,
    });
    // 4/5; 2 helped; 175/170; 4/6; 11/3; the blend with the default weights over three people.
    expect(r.summary).toEqual({
      completion: 0.8,
      help: 2,
      timing: 1.0294,
      quality: 0.6667,
      technical: 3.6667,
      progress: 0.6972,
      completed_projects: 1,
      passed_milestone_tests: 1,
    });
    expect(r.users?.map((u) => u.user_id)).toEqual([w.e1.id, w.e2.id, w.e3.id].sort((a, b) => a - b));
    const byId = new Map(r.users?.map((u) => [u.user_id, u]));
    expect(byId.get(w.e1.id)).toMatchObject({ name: w.e1.name, completion: 0.75, help: 0, timing: 1.0455, quality: 0.6667, technical: 2, completed_projects: 1, passed_milestone_tests: 1 });
    expect(byId.get(w.e2.id)).toMatchObject({ completion: 1, help: 2, timing: 1, quality: null, technical: 4.5, progress: 0.895 });
    expect(byId.get(w.e3.id)).toMatchObject({ completion: null, help: 0, timing: null, quality: null, technical: null, progress: null });
    expect(r.definitions.timing).toContain("actual minutes / expected minutes");
  });

  it("an entity report covers the subtree (a sub-department member too), a user report one person", async () => {
    const entity = await createReport(db, w.org.admin.principal, request({ type: "entity", id: w.org.department.id }));
    // Nine people; E4, below, adds one done task of 30/30 minutes: 5/6, 205/200, help saturating over nine.
    expect(entity.result.scope.user_count).toBe(9);
    expect(entity.result.summary).toMatchObject({ completion: 0.8333, help: 2, timing: 1.025, quality: 0.6667, technical: 3.6667, progress: 0.702 });
    expect(entity.result.users?.map((u) => u.user_id)).toContain(w.e4.id);

    const user = await createReport(db, w.org.manager.principal, request({ type: "user", id: w.e2.id }));
    expect(user.result.scope.user_count).toBe(1);
    expect(user.result.summary).toEqual({
      completion: 1,
      help: 2,
      timing: 1,
      quality: null,
      technical: 4.5,
      progress: 0.895,
      completed_projects: 0,
      passed_milestone_tests: 0,
    });
    expect(user.entity_id).toBe(w.e2.entityId);
  });

  it("a profession report counts the people of that profession the caller sees", async () => {
    const report = await createReport(db, w.org.manager.principal, request({ type: "profession", id: w.p1.id }));
    expect(report.result.users?.map((u) => u.user_id).sort((a, b) => a - b)).toEqual([w.e1.id, w.e2.id, w.e4.id].sort((a, b) => a - b));
    expect(report.result.counters).toMatchObject({ assigned_tasks: 6, completed_tasks: 5, actual_minutes: 205, expected_minutes: 200 });
  });

  it("asks only for what it names, and per_user: false leaves the rows out", async () => {
    const report = await createReport(db, w.org.manager.principal, {
      scope: { type: "team", id: w.lead.user.id },
      include: ["quality", "completion"],
      per_user: false,
    });
    // Catalogue order, whatever order they were asked in.
    expect(report.result.metrics).toEqual(["completion", "quality"]);
    expect(report.result.summary).toEqual({ completion: 0.8, quality: 0.6667 });
    expect(report.result.users).toBeUndefined();
    expect(report.result.time_to_complete).toBeUndefined();
  });
});

describe("score metrics over a period", () => {
  it("January counts January's cohort: tasks created in it, done by its end; results, help and tests in it", async () => {
    const report = await createReport(db, w.org.manager.principal, request({ type: "team", id: w.lead.user.id }, { period: JANUARY }));
    expect(report.result.period).toEqual(JANUARY);
    expect(report.period_start).toBe("2030-01-01");
    expect(report.period_end).toBe("2030-01-31");
    // E1: T1 and T7 created and done in January (90+10 / 60+20), quiz 3/4; E2: T5 created in January
    // but done in February, helped on T1, rating 4. T2, T3, the second quiz and rating 5 are February's.
    expect(report.result.counters).toEqual({
      assigned_tasks: 3,
      completed_tasks: 2,
      helped_tasks: 1,
      actual_minutes: 100,
      expected_minutes: 80,
      correct_answers: 3,
      total_questions: 4,
      rating_sum: 4,
      rating_count: 1,
      completed_projects: 0,
      passed_milestone_tests: 1,
    });
    expect(report.result.summary).toEqual({
      completion: 0.6667,
      help: 1,
      timing: 1.25,
      quality: 0.75,
      technical: 4,
      progress: 0.6533,
      completed_projects: 0,
      passed_milestone_tests: 1,
    });
    const e2 = report.result.users?.find((u) => u.user_id === w.e2.id);
    expect(e2).toMatchObject({ completion: 0, help: 1, timing: null, technical: 4, progress: 0.2038 });
  });

  it("a period that holds everything gives the rollup's scores, user by user", async () => {
    const scope = { type: "entity" as const, id: w.org.department.id };
    const rollup = await createReport(db, w.org.admin.principal, request(scope));
    const bounded = await createReport(db, w.org.admin.principal, request(scope, { period: ALL_TIME }));
    expect(bounded.result.counters).toEqual(rollup.result.counters);
    expect(bounded.result.summary).toEqual(rollup.result.summary);
    expect(bounded.result.users).toEqual(rollup.result.users);
  });

  it("a period before any work counts nothing", async () => {
    const report = await createReport(db, w.org.manager.principal, request({ type: "team", id: w.lead.user.id }, { period: { from: "2020-01-01", to: "2020-12-31" } }));
    expect(report.result.summary).toMatchObject({ completion: null, help: 0, quality: null, progress: null });
  });
});

describe("storing and reading", () => {
  it("stores what was asked and the snapshot, audits it and emits report.created", async () => {
    const report = await createReport(db, w.org.manager.principal, request({ type: "team", id: w.lead.user.id }));
    const [row] = await db.select().from(reports).where(eq(reports.id, report.id));
    expect(row).toMatchObject({ scopeType: "team", scopeId: w.lead.user.id, createdBy: w.org.manager.user.id, entityId: w.org.department.id });
    expect(row?.metrics).toMatchObject({ scope: { type: "team", id: w.lead.user.id }, include: [...SCORES] });
    expect(row?.result).toEqual(report.result);
    const [event] = await db.select().from(events).where(sql`${events.type} = 'report.created' and (${events.payload}->>'report_id')::int = ${report.id}`);
    expect(event?.entityId).toBe(w.org.department.id);
    const audit = await queryRows<{ n: number }>(db, sql`select count(*)::int as n from audit_log where table_name = 'reports' and row_key = ${String(report.id)}`);
    expect(audit[0]?.n).toBe(1);
    expect(await getReport(db, w.org.admin.principal, { id: report.id })).toEqual(report);
  });

  it("lists the caller's readable reports newest first by cursor, filtered by scope", async () => {
    const first = await listReports(db, w.org.admin.principal, { limit: 2 });
    expect(first.items).toHaveLength(2);
    expect(first.next_cursor).not.toBeNull();
    const second = await listReports(db, w.org.admin.principal, { limit: 100, cursor: Number(first.next_cursor) });
    const ids = [...first.items, ...second.items].map((r) => r.id);
    // Newest first.
    expect(ids).toEqual([...ids].sort((a, b) => b - a));
    expect(new Set(ids).size).toBe(ids.length);
    expect(first.items[0]).not.toHaveProperty("result");
    const teams = await listReports(db, w.org.admin.principal, { scope_type: "team" });
    expect(teams.items.length).toBeGreaterThan(0);
    expect(teams.items.every((r) => r.scope_type === "team" && r.scope_name === w.lead.user.name)).toBe(true);
  });

  it("another organisation's manager, and a sub-department's, see none of them (404 on read)", async () => {
    const report = await createReport(db, w.org.admin.principal, request({ type: "entity", id: w.org.department.id }));
    expect((await listReports(db, w.other.manager.principal, {})).items).toEqual([]);
    await expectApiError(getReport(db, w.other.manager.principal, { id: report.id }), "not_found");
    await expectApiError(getReport(db, w.subManager.principal, { id: report.id }), "not_found");
    // The sub-department's manager does see a report filed for their own entity.
    const own = await createReport(db, w.subManager.principal, request({ type: "entity", id: w.sub.id }));
    expect((await getReport(db, w.subManager.principal, { id: own.id })).result.scope.user_count).toBe(2);
  });
});

describe("refusals", () => {
  it("employees may neither create nor read reports (403)", async () => {
    await expectApiError(createReport(db, w.org.employee.principal, request({ type: "user", id: w.org.employee.user.id })), "forbidden");
    await expectApiError(listReports(db, w.org.employee.principal, {}), "forbidden");
  });

  it("scopes outside the caller's entity scope are answered 404", async () => {
    const other = w.other.manager.principal;
    await expectApiError(createReport(db, other, request({ type: "entity", id: w.org.department.id })), "not_found");
    await expectApiError(createReport(db, other, request({ type: "user", id: w.e1.id })), "not_found");
    await expectApiError(createReport(db, other, request({ type: "team", id: w.lead.user.id })), "not_found");
    await expectApiError(createReport(db, other, request({ type: "profession", id: w.p1.id })), "not_found");
    await expectApiError(createReport(db, w.org.manager.principal, request({ type: "profession", id: w.otherProfession.id })), "not_found");
    // A sub-department's manager cannot report on the department above.
    await expectApiError(createReport(db, w.subManager.principal, request({ type: "entity", id: w.org.department.id })), "not_found");
    await expectApiError(createReport(db, w.subManager.principal, request({ type: "user", id: w.e1.id })), "not_found");
    await expectApiError(createReport(db, w.subManager.principal, request({ type: "team", id: w.lead.user.id })), "not_found");
  });

  it("a profession report counts only the members the caller sees", async () => {
    // The sub-department's manager sees E4 (below them) but not the department's people.
    const report = await createReport(db, w.subManager.principal, request({ type: "profession", id: w.p1.id }));
    expect(report.result.users?.map((u) => u.user_id)).toEqual([w.e4.id]);
  });

  it("unknown metric names and reversed periods are refused with 422", async () => {
    const unknown = reportCreateSchema.safeParse({ metrics: { scope: { type: "team", id: 1 }, include: ["completion", "happiness"] } });
    expect(unknown.success).toBe(false);
    expect(unknown.error?.issues[0]?.path).toEqual(["metrics", "include", 1]);
    expect(unknown.error?.issues[0]?.message).toContain("Known metrics: completion, help, timing, quality, technical, progress");
    const reversed = reportCreateSchema.safeParse({
      metrics: { scope: { type: "team", id: 1 }, include: ["completion"], period: { from: "2030-02-01", to: "2030-01-31" } },
    });
    expect(reversed.success).toBe(false);
    expect(reversed.error?.issues[0]?.path).toEqual(["metrics", "period", "to"]);
    // Year 0 is ISO but no PostgreSQL date: refused here rather than failing in the database.
    const yearZero = reportCreateSchema.safeParse({ metrics: { scope: { type: "team", id: 1 }, include: ["help"], period: { from: "0000-01-01", to: "2030-01-31" } } });
    expect(yearZero.error?.issues.map((i) => i.path.join("."))).toEqual(["metrics.period.from"]);
    // The service parses again, so a caller that skips the route is refused the same way.
    const error = await expectApiError(
      createReport(db, w.org.manager.principal, { ...request({ type: "team", id: w.lead.user.id }), period: { from: "2030-02-01", to: "2030-01-31" } }),
      "validation_failed",
    );
    expect(error.status).toBe(422);
  });
});
