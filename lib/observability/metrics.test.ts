// GET /api/metrics: the Prometheus exposition with request counts and latencies by route pattern
// and status, problem answers by code, WebSockets, the database pool and onboarding progress; open
// to admins and to a scraper holding METRICS_TOKEN, refused to everyone else.
import { randomBytes } from "node:crypto";
import { and, eq } from "drizzle-orm";
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from "vitest";
import type { Database } from "../../db/client";
import { projects, statuses } from "../../db/schema";
import { createTestDatabase } from "../../test/db";
import { createEntity, createUser, unique } from "../../test/factories";
import { installTestProcessDatabase, releaseProcessDatabase } from "../../test/use-database";
import { GET as getMetrics } from "../../app/api/metrics/route";
import { GET as getUser } from "../../app/api/users/[id]/route";
import { createApiToken } from "../auth/tokens";
import { setOpenWebSocketsSource } from "./metrics";

// An anonymous call reads the session cookie, whose secret is required with DATABASE_URL.
process.env.NEXTAUTH_SECRET ??= randomBytes(48).toString("base64url");

let database: Database;
const tokens = { admin: "", adminReadOnly: "", manager: "", employee: "" };
let employeeId = 0;
const METRICS_TOKEN = randomBytes(32).toString("base64url");

beforeAll(async () => {
  database = await createTestDatabase();
  installTestProcessDatabase(database);
  const { db } = database;
  const entity = await createEntity(db);
  const admin = await createUser(db, entity, { role: "admin" });
  const manager = await createUser(db, entity, { role: "manager" });
  const employee = await createUser(db, entity, { role: "employee", manager });
  employeeId = employee.id;
  const mint = async (userId: number, scopes: ("read" | "write" | "admin")[]) =>
    (await createApiToken(db, { systemUserId: userId }, { name: unique("metrics"), scopes })).token;
  tokens.admin = await mint(admin.id, ["read", "write", "admin"]);
  tokens.adminReadOnly = await mint(admin.id, ["read"]);
  tokens.manager = await mint(manager.id, ["read", "write"]);
  tokens.employee = await mint(employee.id, ["read", "write"]);

  // Two running onboardings and one finished one.
  const statusId = async (code: string) =>
    (await db.select({ id: statuses.id }).from(statuses).where(and(eq(statuses.domain, "project"), eq(statuses.code, code))))[0]?.id;
  const running = await statusId("in_progress");
  const done = await statusId("completed");
  await db.insert(projects).values([
    { name: unique("P"), statusId: running, entityId: entity.id, onboardeeId: employee.id },
    { name: unique("P"), statusId: running, entityId: entity.id, onboardeeId: employee.id },
    { name: unique("P"), statusId: done, entityId: entity.id, onboardeeId: employee.id },
  ]);
});
afterAll(async () => {
  releaseProcessDatabase();
  await database.close();
});
afterEach(() => vi.unstubAllEnvs());

async function scrape(authorization?: string) {
  const response = await getMetrics(
    new Request("http://localhost/api/metrics", { headers: authorization ? { authorization } : {} }),
    { params: Promise.resolve({}) },
  );
  return { status: response.status, type: response.headers.get("content-type") ?? "", text: await response.text() };
}

/** The value of one sample line, e.g. sample(text, 'groundwork_onboarding_projects{status="completed"}'). */
function sample(text: string, series: string): number | undefined {
  const line = text.split("\n").find((l) => l.startsWith(`${series} `));
  return line === undefined ? undefined : Number(line.slice(series.length + 1));
}

describe("GET /api/metrics", () => {
  it("answers an admin with the Prometheus text format", async () => {
    const { status, type, text } = await scrape(`Bearer ${tokens.admin}`);
    expect(status).toBe(200);
    expect(type).toContain("text/plain");
    expect(text).toContain("# TYPE groundwork_http_requests_total counter");
    expect(text).toContain("# TYPE groundwork_http_request_duration_seconds histogram");
    expect(text).toContain("process_cpu_seconds_total");
    expect(sample(text, "groundwork_database_up")).toBe(1);
  });

  it("counts requests and their latency by route pattern and status, never by raw URL", async () => {
    for (let i = 0; i < 3; i++) {
      const response = await getUser(new Request(`http://localhost/api/users/${employeeId}`, { headers: { authorization: `Bearer ${tokens.manager}` } }), {
        params: Promise.resolve({ id: String(employeeId) }),
      });
      expect(response.status).toBe(200);
    }
    const refused = await getUser(new Request(`http://localhost/api/users/${employeeId}`, { headers: { authorization: `Bearer ${tokens.employee}` } }), {
      params: Promise.resolve({ id: String(employeeId) }),
    });
    expect(refused.status).toBe(403);

    const { text } = await scrape(`Bearer ${tokens.admin}`);
    expect(sample(text, 'groundwork_http_requests_total{method="GET",route="/api/users/[id]",status="200"}')).toBeGreaterThanOrEqual(3);
    expect(sample(text, 'groundwork_http_request_duration_seconds_count{method="GET",route="/api/users/[id]",status="200"}')).toBeGreaterThanOrEqual(3);
    expect(sample(text, 'groundwork_http_problems_total{route="/api/users/[id]",code="forbidden"}')).toBeGreaterThanOrEqual(1);
    expect(text).not.toContain(`/api/users/${employeeId}`);
  });

  it("reports onboarding projects by status, open WebSockets and the pool (PostgreSQL only)", async () => {
    setOpenWebSocketsSource(() => 3);
    const { text } = await scrape(`Bearer ${tokens.admin}`);
    expect(sample(text, 'groundwork_onboarding_projects{status="in_progress"}')).toBe(2);
    expect(sample(text, 'groundwork_onboarding_projects{status="completed"}')).toBe(1);
    expect(sample(text, "groundwork_websocket_connections")).toBe(3);
    if (database.kind === "postgres") {
      expect(sample(text, 'groundwork_db_pool_connections{state="total"}')).toBeGreaterThanOrEqual(1);
      expect(sample(text, 'groundwork_db_pool_connections{state="max"}')).toBe(4);
    } else {
      expect(text).not.toContain("groundwork_db_pool_connections{");
    }
  });

  it("answers a scraper holding METRICS_TOKEN", async () => {
    vi.stubEnv("METRICS_TOKEN", METRICS_TOKEN);
    const { status, text } = await scrape(`Bearer ${METRICS_TOKEN}`);
    expect(status).toBe(200);
    expect(text).toContain("groundwork_http_requests_total");
  });

  it("refuses anonymous callers, managers, employees, an admin's read-only token and a wrong metrics token", async () => {
    vi.stubEnv("METRICS_TOKEN", METRICS_TOKEN);
    expect((await scrape()).status).toBe(401);
    expect((await scrape(`Bearer ${tokens.employee}`)).status).toBe(403);
    expect((await scrape(`Bearer ${tokens.manager}`)).status).toBe(403);
    expect((await scrape(`Bearer ${tokens.adminReadOnly}`)).status).toBe(403);
    expect((await scrape(`Bearer ${METRICS_TOKEN}x`)).status).toBe(401);
  });

  it("does not accept a METRICS_TOKEN that is too short to be secret", async () => {
    vi.stubEnv("METRICS_TOKEN", "short-token");
    expect((await scrape("Bearer short-token")).status).toBe(401);
  });
});
