// The reports REST API through its route handlers, as an API client calls it with bearer tokens:
// 201 + Location, reading back, the list, the CSV download (parsed back and compared with the JSON
// value by value, formula-like text escaped) and the refusals as problem+json.
import { parse } from "csv-parse/sync";
import { eq } from "drizzle-orm";
import { beforeAll, describe, expect, it } from "vitest";
import { users } from "../../db/schema";
import { unique } from "../../test/factories";
import { call, openRouteTestDatabase } from "../../test/route-harness";
import { GET as getOne } from "../../app/api/reports/[id]/route";
import { GET as getCsv } from "../../app/api/reports/[id]/csv/route";
import { POST as create } from "../../app/api/reports/create/route";
import { GET as list } from "../../app/api/reports/route";
import type { ReportDto } from "./dto";
import { type AnalyticsWorld, createAnalyticsWorld } from "./test-analytics-world";
import { REPORT_METRICS } from "./validators";

const { db, tokenOf } = await openRouteTestDatabase("reports-routes");
let w: AnalyticsWorld;
const tokens = { manager: "", employee: "", otherManager: "", admin: "" };

const HOSTILE_NAMES = ['=HYPERLINK("http://evil.test","click")', "-2+3", "@SUM(A1)", 'Doe, "J"\nsecond line', "+1 555 0100"];

beforeAll(async () => {
  w = await createAnalyticsWorld(db);
  const people = [w.people.a, w.people.b, w.people.c, w.people.d, w.people.e];
  for (const [i, person] of people.entries()) await db.update(users).set({ name: HOSTILE_NAMES[i] ?? "x" }).where(eq(users.id, person.id));
  tokens.manager = await tokenOf(w.org.manager.user);
  tokens.employee = await tokenOf(w.org.employee.user);
  tokens.otherManager = await tokenOf(w.other.manager.user);
  tokens.admin = await tokenOf(w.org.admin.user);
});

const createBody = (scope: { type: string; id: number }, extra: Record<string, unknown> = {}) => ({
  metrics: { scope, include: [...REPORT_METRICS], ...extra },
});

async function createAs(token: string, body: unknown) {
  const answer = await call(create, token, { path: "/api/reports/create", method: "POST", body });
  return { ...answer, json: JSON.parse(answer.text) as Record<string, unknown> };
}

/** What a CSV cell holds for a JSON value: empty for null, digits for numbers, text escaped against formulas. */
function cellOf(value: unknown): string {
  if (value === null || value === undefined) return "";
  if (typeof value === "number") return String(value);
  if (typeof value !== "string") throw new Error(`a report cell holds ${typeof value}`);
  const text = value;
  return /^[=+\-@\t\r]/.test(text) ? `'${text}` : text;
}

/** Blocks of the CSV: a name line, a header line, rows, separated by blank lines. */
function sectionsOf(csv: string): Map<string, { header: string[]; rows: string[][] }> {
  const records = parse(csv, { relax_column_count: true, skip_empty_lines: false });
  const sections = new Map<string, { header: string[]; rows: string[][] }>();
  let block: string[][] = [];
  const flush = () => {
    const [[name] = [], header = [], ...rows] = block;
    if (name !== undefined) sections.set(name, { header, rows });
    block = [];
  };
  for (const record of records) {
    if (record.length === 1 && record[0] === "") flush();
    else block.push(record);
  }
  flush();
  return sections;
}

function expectTableEqualsJson(section: { header: string[]; rows: string[][] } | undefined, rows: readonly Record<string, unknown>[], label: string) {
  expect(section, label).toBeDefined();
  if (!section) return;
  expect(section.rows, label).toHaveLength(rows.length);
  rows.forEach((row, i) => {
    expect([...section.header].sort(), label).toEqual(Object.keys(row).sort());
    const cells = section.rows[i] ?? [];
    for (const key of Object.keys(row)) expect(cells[section.header.indexOf(key)], `${label}[${i}].${key}`).toBe(cellOf(row[key]));
  });
}

describe("POST /api/reports/create", () => {
  it("answers 201 with the report and its Location, which reads it back", async () => {
    const created = await createAs(tokens.manager, createBody({ type: "entity", id: w.org.department.id }));
    expect(created.status).toBe(201);
    const report = created.json as unknown as ReportDto;
    expect(created.headers.get("location")).toBe(`/api/reports/${report.id}`);
    expect(report.result.scope).toMatchObject({ type: "entity", id: w.org.department.id, user_count: 8 });
    const read = await call(getOne, tokens.manager, { path: `/api/reports/${report.id}`, id: report.id });
    expect(read.status).toBe(200);
    expect(JSON.parse(read.text)).toEqual(report);
  });

  it("with an Idempotency-Key, a retry answers the first report instead of computing a second", async () => {
    const headers = { "idempotency-key": unique("report") };
    const body = createBody({ type: "profession", id: w.p1.id });
    const first = await call(create, tokens.manager, { path: "/api/reports/create", method: "POST", body, headers });
    const again = await call(create, tokens.manager, { path: "/api/reports/create", method: "POST", body, headers });
    expect([first.status, again.status]).toEqual([201, 201]);
    expect(again.headers.get("idempotent-replayed")).toBe("true");
    expect((JSON.parse(again.text) as ReportDto).id).toBe((JSON.parse(first.text) as ReportDto).id);
  });

  it("refuses employees (403), other organisations' scopes (404), unknown metrics and reversed periods (422)", async () => {
    const employee = await createAs(tokens.employee, createBody({ type: "user", id: w.org.employee.user.id }));
    expect(employee.status).toBe(403);
    expect(employee.headers.get("content-type")).toBe("application/problem+json");

    const otherEntity = await createAs(tokens.otherManager, createBody({ type: "entity", id: w.org.department.id }));
    expect(otherEntity.status).toBe(404);
    const otherUser = await createAs(tokens.otherManager, createBody({ type: "user", id: w.people.a.id }));
    expect(otherUser.status).toBe(404);

    const unknown = await createAs(tokens.manager, { metrics: { scope: { type: "team", id: w.org.manager.user.id }, include: ["completion", "vibes"] } });
    expect(unknown.status).toBe(422);
    const issues = unknown.json.errors as { path: string; message: string }[];
    expect(issues[0]?.path).toBe("metrics.include.1");
    for (const name of REPORT_METRICS) expect(issues[0]?.message).toContain(name);

    const reversed = await createAs(tokens.manager, createBody({ type: "team", id: w.org.manager.user.id }, { period: { from: "2030-02-01", to: "2030-01-01" } }));
    expect(reversed.status).toBe(422);
    expect((reversed.json.errors as { path: string }[])[0]?.path).toBe("metrics.period.to");

    const badScope = await createAs(tokens.manager, createBody({ type: "galaxy", id: 1 }));
    expect(badScope.status).toBe(422);
  });
});

describe("GET /api/reports and /api/reports/:id", () => {
  it("lists what the caller may read; another organisation reads nothing (404 on the row)", async () => {
    const { json } = await createAs(tokens.manager, createBody({ type: "team", id: w.org.manager.user.id }));
    const id = json.id as number;
    const mine = await call(list, tokens.manager, { path: "/api/reports?mine=true&scope_type=team" });
    expect(mine.status).toBe(200);
    const page = JSON.parse(mine.text) as { items: { id: number }[]; next_cursor: string | null };
    expect(page.items.map((r) => r.id)).toContain(id);
    const other = await call(list, tokens.otherManager, { path: "/api/reports" });
    expect((JSON.parse(other.text) as { items: unknown[] }).items).toEqual([]);
    expect((await call(getOne, tokens.otherManager, { path: `/api/reports/${id}`, id })).status).toBe(404);
    expect((await call(getCsv, tokens.otherManager, { path: `/api/reports/${id}/csv`, id })).status).toBe(404);
    expect((await call(getOne, tokens.employee, { path: `/api/reports/${id}`, id })).status).toBe(403);
  });
});

describe("GET /api/reports/:id/csv", () => {
  it("is an attachment whose every value equals the JSON's, formula-like text escaped", async () => {
    const { json } = await createAs(tokens.admin, createBody({ type: "entity", id: w.org.department.id }));
    const report = json as unknown as ReportDto;
    const r = report.result;
    const answer = await call(getCsv, tokens.admin, { path: `/api/reports/${report.id}/csv`, id: report.id });
    expect(answer.status).toBe(200);
    expect(answer.headers.get("content-type")).toBe("text/csv; charset=utf-8");
    expect(answer.headers.get("content-disposition")).toMatch(new RegExp(`^attachment; filename="report-${report.id}-entity-${w.org.department.id}-\\d{4}-\\d{2}-\\d{2}\\.csv"$`));

    const sections = sectionsOf(answer.text);
    const field = new Map(sections.get("report")?.rows.map(([k, v]) => [k, v]));
    expect(Object.fromEntries(field)).toEqual({
      id: String(report.id),
      scope_type: "entity",
      scope_id: String(w.org.department.id),
      scope_name: cellOf(r.scope.name),
      user_count: String(r.scope.user_count),
      period_from: "",
      period_to: "",
      generated_at: r.generated_at,
      metrics: r.metrics.join(" "),
    });
    expectTableEqualsJson(sections.get("definitions"), r.metrics.map((m) => ({ metric: m, definition: r.definitions[m] })), "definitions");
    expectTableEqualsJson(sections.get("summary"), Object.entries(r.summary ?? {}).map(([metric, value]) => ({ metric, value })), "summary");
    expectTableEqualsJson(sections.get("counters"), Object.entries(r.counters ?? {}).map(([counter, value]) => ({ counter, value })), "counters");
    expectTableEqualsJson(sections.get("users"), r.users ?? [], "users");
    expectTableEqualsJson(sections.get("time_to_complete_programs"), r.time_to_complete?.programs ?? [], "programs");
    expectTableEqualsJson(sections.get("time_to_complete_milestones"), r.time_to_complete?.milestones ?? [], "milestones");
    expectTableEqualsJson(sections.get("question_pass_rates"), r.question_pass_rates ?? [], "questions");
    expectTableEqualsJson(sections.get("exam_pass_rates"), r.exam_pass_rates ?? [], "exams");
    expect([...sections.keys()]).toEqual([
      "report",
      "definitions",
      "summary",
      "counters",
      "users",
      "time_to_complete_programs",
      "time_to_complete_milestones",
      "question_pass_rates",
      "exam_pass_rates",
    ]);

    // The fixture's hostile names are in the report, and none reaches a cell unescaped.
    expect(r.users?.map((u) => u.name)).toEqual(expect.arrayContaining(HOSTILE_NAMES));
    const cells = parse(answer.text, { relax_column_count: true }).flat();
    expect(cells.filter((c) => /^[=+\-@\t\r]/.test(c))).toEqual([]);
    expect(cells).toContain(`'${HOSTILE_NAMES[0] ?? ""}`);
    expect(cells).toContain(HOSTILE_NAMES[3]);
  });

  it("with a period, lists it and the period's numbers", async () => {
    const { json } = await createAs(tokens.manager, createBody({ type: "profession", id: w.p2.id }, { period: { from: "2030-01-07", to: "2030-01-11" } }));
    const report = json as unknown as ReportDto;
    const answer = await call(getCsv, tokens.manager, { path: `/api/reports/${report.id}/csv`, id: report.id });
    const sections = sectionsOf(answer.text);
    const field = new Map(sections.get("report")?.rows.map(([k, v]) => [k, v]));
    expect([field.get("period_from"), field.get("period_to")]).toEqual(["2030-01-07", "2030-01-11"]);
    expectTableEqualsJson(sections.get("time_to_complete_programs"), report.result.time_to_complete?.programs ?? [], "programs");
    expect(sections.get("time_to_complete_programs")?.rows).toHaveLength(1);
  });
});
