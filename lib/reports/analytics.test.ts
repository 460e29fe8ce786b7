// Onboarding analytics against hand-worked numbers (lib/reports/test-analytics-world.ts): time to
// complete programs and milestones per program lineage and profession, question and exam pass
// rates, what a period, a profession and a program scope keep, and that every query can be driven
// by indexes (the tables they read hold millions of rows in production).
import { type SQL, sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type Database, type Db, queryRows } from "../../db/client";
import { expectApiError } from "../../test/api-errors";
import { createTestDatabase } from "../../test/db";
import { createProgram } from "../../test/factories";
import { examPassRatesSql, questionPassRatesSql } from "./exam-rates";
import { milestoneTimesSql, programTimesSql } from "./onboarding-times";
import { resolveReportScope } from "./scope";
import { memberCountersSql } from "./scores";
import { createReport } from "./service";
import { type AnalyticsWorld, createAnalyticsWorld } from "./test-analytics-world";
import type { ReportRequest } from "./validators";

let database: Database;
let db: Db;
let w: AnalyticsWorld;

const ANALYTICS = ["time_to_complete", "question_pass_rates", "exam_pass_rates"] as const;
const FIRST_WEEK = { from: "2030-01-07", to: "2030-01-11" };

beforeAll(async () => {
  database = await createTestDatabase();
  db = database.db;
  w = await createAnalyticsWorld(db);
});
afterAll(async () => {
  await database.close();
});

const report = (scope: ReportRequest["scope"], period?: ReportRequest["period"]) =>
  createReport(db, w.org.manager.principal, { scope, include: [...ANALYTICS], ...(period ? { period } : {}) }).then((r) => r.result);

const stats = (count: number, meanHours: number, medianHours: number, meanDays: number, medianDays: number) => ({
  count,
  mean_working_hours: meanHours,
  median_working_hours: medianHours,
  mean_working_days: meanDays,
  median_working_days: medianDays,
});

describe("time to complete", () => {
  it("per program lineage and profession: count, mean and median working hours and days", async () => {
    const result = await report({ type: "entity", id: w.org.department.id });
    const { lineage, second } = w.programs;
    // P1: A 104 h, B 120 h (a weekend inside), C 48 h on revision 2 — E never finished; P2: D 24 h.
    expect(result.time_to_complete?.programs.map(({ program: _name, profession: _p, ...row }) => row)).toEqual([
      { project_template_id: lineage, profession_id: w.p1.id, ...stats(3, 90.67, 104, 3.778, 4.333) },
      { project_template_id: lineage, profession_id: w.p2.id, ...stats(1, 24, 24, 1, 1) },
      { project_template_id: second, profession_id: w.p1.id, ...stats(1, 24, 24, 1, 1) },
    ]);
    // Named after the newest published revision; professions by name.
    expect(result.time_to_complete?.programs[0]).toMatchObject({ program: expect.stringMatching(/^Program v2-/) as unknown, profession: w.p1.name });
  });

  it("per milestone lineage, revisions together, in program order", async () => {
    const result = await report({ type: "entity", id: w.org.department.id });
    const { basics, exam } = w.milestoneLineages;
    const rows = result.time_to_complete?.milestones.filter((m) => m.project_template_id === w.programs.lineage);
    // Basics: A 24, B 96, C 12; Exam: A 80, B 24 (Friday 10:00 to Monday 10:00), C 36; D 12 and 12.
    expect(rows?.map((m) => [m.milestone_template_id, m.milestone, m.profession_id, m.count, m.mean_working_hours, m.median_working_hours, m.median_working_days])).toEqual([
      [basics, "Basics (v2)", w.p1.id, 3, 44, 24, 1],
      [basics, "Basics (v2)", w.p2.id, 1, 12, 12, 0.5],
      [exam, "Exam (v2)", w.p1.id, 3, 46.67, 36, 1.5],
      [exam, "Exam (v2)", w.p2.id, 1, 12, 12, 0.5],
    ]);
  });

  it("a period keeps what was completed in it", async () => {
    const result = await report({ type: "entity", id: w.org.department.id }, FIRST_WEEK);
    // B finished on the 14th and the second program on the 15th: out. A (Friday 17:00 UTC) is in.
    expect(result.time_to_complete?.programs.map((p) => [p.project_template_id, p.profession_id, p.count, p.mean_working_hours, p.median_working_hours])).toEqual([
      [w.programs.lineage, w.p1.id, 2, 76, 76],
      [w.programs.lineage, w.p2.id, 1, 24, 24],
    ]);
    const exam = result.time_to_complete?.milestones.find((m) => m.milestone_template_id === w.milestoneLineages.exam && m.profession_id === w.p1.id);
    expect(exam).toMatchObject({ count: 2, mean_working_hours: 58, median_working_hours: 58 });
    const basics = result.time_to_complete?.milestones.find((m) => m.milestone_template_id === w.milestoneLineages.basics && m.profession_id === w.p1.id);
    expect(basics).toMatchObject({ count: 3, mean_working_hours: 44 });
  });

  it("a program scope keeps that lineage (named by any revision); a profession scope its people", async () => {
    const byRevision = await report({ type: "project_template", id: w.programs.rev2 });
    expect(byRevision.scope.user_count).toBe(5);
    expect(byRevision.time_to_complete?.programs.map((p) => [p.project_template_id, p.profession_id, p.count])).toEqual([
      [w.programs.lineage, w.p1.id, 3],
      [w.programs.lineage, w.p2.id, 1],
    ]);
    const p2 = await report({ type: "profession", id: w.p2.id });
    expect(p2.time_to_complete?.programs.map((p) => [p.profession_id, p.count])).toEqual([[w.p2.id, 1]]);
  });
});

describe("question and exam pass rates", () => {
  it("which questions fail most, per step revision, with prompts and never the answers", async () => {
    const result = await report({ type: "entity", id: w.org.department.id });
    const { rev1, rev2 } = w.steps;
    // Revision 1: q1 right in 3 of 4 attempts (A, A, B, D), q2 in 1 of 4; revision 2: C alone.
    expect(result.question_pass_rates?.map((q) => [q.step_template_id, q.question_id, q.prompt, q.attempts, q.correct, q.correct_rate])).toEqual([
      [rev2, "q2", "Capital of France?", 1, 0, 0],
      [rev1, "q2", "Capital of France?", 4, 1, 0.25],
      [rev1, "q1", "2 + 2?", 4, 3, 0.75],
      [rev2, "q1", "2 + 2?", 1, 1, 1],
    ]);
    const text = JSON.stringify(result);
    for (const secret of ["Paris", "accepted_answers", "choices", '"correct":"a"']) expect(text).not.toContain(secret);
  });

  it("exam pass rates: attempts, passes, people who tried and people who passed", async () => {
    const result = await report({ type: "entity", id: w.org.department.id });
    expect(result.exam_pass_rates?.map(({ step: _name, ...row }) => row)).toEqual([
      { step_template_id: w.steps.rev1, attempts: 4, passed: 3, pass_rate: 0.75, users: 3, users_passed: 2 },
      { step_template_id: w.steps.rev2, attempts: 1, passed: 1, pass_rate: 1, users: 1, users_passed: 1 },
    ]);
  });

  it("a period keeps the attempts made in it; a profession scope its people's", async () => {
    const week = await report({ type: "entity", id: w.org.department.id }, FIRST_WEEK);
    // B's attempt on the 13th is out: revision 1 keeps A's two and D's.
    expect(week.question_pass_rates?.filter((q) => q.step_template_id === w.steps.rev1).map((q) => [q.question_id, q.attempts, q.correct_rate])).toEqual([
      ["q2", 3, 0.3333],
      ["q1", 3, 1],
    ]);
    const p2 = await report({ type: "profession", id: w.p2.id });
    expect(p2.question_pass_rates?.map((q) => [q.step_template_id, q.question_id, q.attempts, q.correct])).toEqual([
      [w.steps.rev1, "q2", 1, 0],
      [w.steps.rev1, "q1", 1, 1],
    ]);
  });

  it("another organisation's program template is answered 404", async () => {
    const theirs = await createProgram(db, { entityId: w.other.company.id, milestones: [] });
    await expectApiError(report({ type: "project_template", id: theirs.templateId }), "not_found");
  });

  it("another organisation's attempts and projects never count", async () => {
    const result = await report({ type: "project_template", id: w.programs.lineage });
    const attempts = result.exam_pass_rates?.reduce((n, r) => n + r.attempts, 0);
    expect(attempts).toBe(5);
    expect(result.time_to_complete?.programs.reduce((n, r) => n + r.count, 0)).toBe(4);
  });
});

describe("query plans", () => {
  /** The plan with sequential scans priced out: a Seq Scan left on a large table means no index can serve it. */
  async function plan(query: SQL): Promise<string> {
    return db.transaction(async (tx) => {
      await tx.execute(sql`set local enable_seqscan = off`);
      const rows = await queryRows<Record<string, string>>(tx, sql`explain ${query}`);
      return rows.map((row) => Object.values(row)[0]).join("\n");
    });
  }

  it("every analytics query reaches the large tables through indexes, for every scope type", async () => {
    const scopes = [
      { type: "entity" as const, id: w.org.department.id },
      { type: "team" as const, id: w.org.manager.user.id },
      { type: "user" as const, id: w.people.a.id },
      { type: "profession" as const, id: w.p1.id },
      { type: "project_template" as const, id: w.programs.lineage },
    ];
    const LARGE = /Seq Scan on (tasks|task_assignee|task_results|task_steps|projects|milestones|users|user_scores)\b/;
    for (const principal of [w.org.manager.principal, w.org.admin.principal]) {
      for (const s of scopes) {
        const scope = await resolveReportScope(db, principal, s);
        for (const period of [undefined, FIRST_WEEK]) {
          const queries = {
            members: memberCountersSql(scope, period),
            programs: programTimesSql(scope, period),
            milestones: milestoneTimesSql(scope, period),
            questions: questionPassRatesSql(scope, period),
            exams: examPassRatesSql(scope, period),
          };
          for (const [name, query] of Object.entries(queries)) {
            const text = await plan(query);
            expect(text, `${principal.role} ${s.type} ${name} ${period ? "period" : "all time"}:\n${text}`).not.toMatch(LARGE);
          }
        }
      }
    }
  });
});
