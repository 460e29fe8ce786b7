// The authorization walker: every route found under app/ × every exported method × eight callers
// (anonymous, two employees, a manager in A and one in B, adminA through a full and a read-only
// token, and the organisation's root admin adminC) × the rows each route can aim at, judged by
// DESIGN.md's access rules written once in authz-rules.ts (not by the routes' own code). A 5xx, a 2xx
// those rules do not allow, a 2xx body showing a row from outside the caller's scope, a refusal of an
// out-of-scope row that answers anything but 403/404 (a 409 or 422 would tell the row exists), or a
// refused write that still left an audit row is a violation; all are reported as one table.
import { randomBytes } from "node:crypto";
import path from "node:path";
import { sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type Database, type Db, queryRows } from "../db/client";
import type { UserRole } from "../db/schema";
import { ROLE_PERMISSIONS } from "../lib/auth/permissions";
import { generateKeyEntry } from "../lib/crypto/keyring";
import { type AuthzFixtures, type CallerKey, type FixtureUser, loadPlacement, markersOf, seedAuthzFixtures } from "./authz-fixtures";
import { type Variant, variantsOf } from "./authz-plan";
import { type DiscoveredRoute, discoverRoutes, HTTP_METHODS, type HttpMethod } from "./authz-routes";
import { actorOf, adminOnly, forbiddenMarkers, type Refusal, refusalReason } from "./authz-rules";
import { createTestDatabase } from "./db";
import { installTestProcessDatabase, releaseProcessDatabase } from "./use-database";

// Keys of this run only: with DATABASE_URL both are required, and without it the defaults would
// write key files into the working tree.
process.env.GROUNDWORK_ENCRYPTION_KEYS ??= generateKeyEntry("authz-walker");
process.env.NEXTAUTH_SECRET ??= randomBytes(48).toString("base64url");

const APP_DIR = path.resolve(import.meta.dirname, "../app");

/** Routes anyone may call, and why. Every other route must refuse an anonymous caller. */
const PUBLIC_ROUTES: Record<string, string> = {
  "/api/auth/[...nextauth]": "next-auth's own endpoints (CSRF token, providers, sign-in and sign-out) serve callers who are not signed in yet",
  "/api/health": "liveness probe for the load balancer; answers only status and uptime",
  "/api/health/ready": "readiness probe for the load balancer; answers only the database kind, latency and migration count",
  "/api/openapi.json": "the API description, generated from the route schemas; no data",
  "/api/docs": "the readable API reference rendered from the same description; no data",
};

/**
 * Resources whose fixtures and SAMPLES let a permitted caller reach the service: every route and
 * method below them must answer some caller with a 2xx. Routes of other resources are still walked
 * for unexpected 2xx, leaks and refusals with every caller, but their targets fall back to user ids.
 */
const RESOURCES_WITH_FIXTURES = new Set([
  // identity and platform
  "users",
  "me",
  "entities",
  "professions",
  "tokens",
  "audit",
  // the onboarding engine
  "project-templates",
  "milestone-templates",
  "task-templates",
  "step-templates",
  "guides",
  "guideables",
  "formats",
  "languages",
  "statuses",
  "onboarding",
  "tasks",
  "milestones",
  "projects",
  "checklists",
  "progress",
  "task-requests",
]);

/**
 * Routes below those resources that other domains (exams, metrics) own, whose fixtures and samples
 * are not here yet: still walked, not yet required to let someone through.
 */
const ROUTES_WITHOUT_SAMPLES: Record<string, string> = {
  "/api/tasks/[id]/steps/[stepId]/attempts": "quiz attempts need an exam task with a quiz step in the fixtures",
  "/api/tasks/[id]/steps/[stepId]/submissions": "submissions need an exam task with a submission step in the fixtures",
  "/api/users/[id]/scores": "scores need the metrics domain's rollups in the fixtures",
  "/api/users/[id]/specializations": "specializations need the metrics domain's catalogue in the fixtures",
};

/** A refusal tells nothing about the row only when it is one of these (429: a limit, not an answer about rows). */
const REFUSALS_OF: Record<Refusal["source"], readonly number[]> = {
  caller: [401, 403, 404, 429],
  path: [403, 404, 429],
  // A body naming a row out of scope is bad input for the caller: 422 says no more than 404 would.
  body: [403, 404, 422, 429],
};

// ── callers ──────────────────────────────────────────────────────────────────────────────────

/** `adminA:read-token` is adminA through a token with only the read scope: it may read what adminA reads, never write. */
type CallerName = "anonymous" | CallerKey | "adminA:read-token";
/** Ordered so that the callers allowed to change shared rows (admins) go last within each method. */
const CALLERS: readonly CallerName[] = ["anonymous", "employee1", "employee2", "managerB", "managerA", "adminA:read-token", "adminA", "adminC"];

function callerOf(name: CallerName, fx: AuthzFixtures): FixtureUser | null {
  if (name === "anonymous") return null;
  if (name === "adminA:read-token") return { ...fx.users.adminA, token: fx.users.adminA.readOnlyToken, scopes: ["read"] };
  return fx.users[name];
}

// ── the walk ─────────────────────────────────────────────────────────────────────────────────

type Outcome = { route: string; method: HttpMethod; caller: CallerName; target: string; status: number; body: string };
type Violation = Omit<Outcome, "body"> & { problem: string };

let database: Database;
let db: Db;
let routes: DiscoveredRoute[] = [];
const outcomes: Outcome[] = [];
const violations: Violation[] = [];
let plannedRequests = 0;
let requestSerial = 0;
/** The fixtures each route was walked with, for the sanity checks. */
const fixturesOf = new Map<string, AuthzFixtures>();

async function send(route: DiscoveredRoute, method: HttpMethod, caller: FixtureUser | null, variant: Variant) {
  const handler = route.handlers[method];
  if (!handler) throw new Error(`${method} ${route.urlPath} has no handler`);
  const requestId = `authz-${process.pid}-${++requestSerial}`;
  const headers: Record<string, string> = { "content-type": "application/json", "x-request-id": requestId };
  if (caller?.token) headers.authorization = `Bearer ${caller.token}`;
  const request = new Request(`http://localhost${variant.url}`, {
    method,
    headers,
    body: variant.body === undefined ? undefined : JSON.stringify(variant.body),
  });
  try {
    const response = await handler(request, { params: Promise.resolve(variant.params) });
    return { requestId, status: response.status, body: await response.text() };
  } catch (err) {
    // A hand-written handler may throw instead of answering; that is a 500, never a 2xx.
    return { requestId, status: 500, body: err instanceof Error ? err.message : String(err) };
  }
}

async function auditRowsOf(requestId: string): Promise<number> {
  const [row] = await queryRows<{ n: number }>(db, sql`select count(*)::int as n from audit_log where request_id = ${requestId}`);
  return row?.n ?? 0;
}

async function walkRoute(route: DiscoveredRoute, earlierMarkers: readonly string[]): Promise<AuthzFixtures> {
  // Fresh organisations per route file: one route's permitted writes cannot change what the next sees.
  const fx = await seedAuthzFixtures(db);
  let placement = await loadPlacement(db);
  for (const method of HTTP_METHODS) {
    const handler = route.handlers[method];
    if (!handler) continue;
    for (const callerName of CALLERS) {
      const caller = callerOf(callerName, fx);
      for (const variant of variantsOf(route, method, fx, caller)) {
        // Judged against where the rows sat when the request was sent.
        const actor = caller ? actorOf(placement, caller) : null;
        const refusal = refusalReason(actor, handler.spec, method, variant.rows, placement);
        const { requestId, status, body } = await send(route, method, caller, variant);
        const call = { route: route.urlPath, method, caller: callerName, target: variant.target, status };
        outcomes.push({ ...call, body });
        if (status >= 500) violations.push({ ...call, problem: `server error: ${body.slice(0, 200)}` });
        if (status >= 200 && status < 300) {
          if (refusal) violations.push({ ...call, problem: `unexpected ${status}: ${refusal.reason}` });
          const markers = actor ? forbiddenMarkers(fx, actor, placement, earlierMarkers) : [];
          const leaked = markers.filter((m) => body.includes(m.marker)).map((m) => m.what);
          if (leaked.length > 0) violations.push({ ...call, problem: `answer shows ${[...new Set(leaked)].join(", ")}` });
          // A permitted write may have moved or removed rows (a user to another entity, a deleted task).
          if (method !== "GET") placement = await loadPlacement(db);
          continue;
        }
        // Only sampled routes send bodies that pass validation; elsewhere a 422 is the walker's input.
        if (refusal && sampled(route) && status < 500 && !REFUSALS_OF[refusal.source].includes(status)) {
          violations.push({ ...call, problem: `refused with ${status}, not ${REFUSALS_OF[refusal.source].join("/")}: ${refusal.reason}` });
        }
        if (method !== "GET" && (await auditRowsOf(requestId)) > 0) {
          violations.push({ ...call, problem: `refused with ${status} but left audit rows behind` });
        }
      }
    }
  }
  return fx;
}

function table(rows: Violation[]): string {
  const columns = ["route", "method", "caller", "target", "status", "problem"] as const;
  const cells = rows.map((r) => columns.map((c) => String(r[c])));
  const widths = columns.map((c, i) => Math.max(c.length, ...cells.map((row) => row[i]?.length ?? 0)));
  const line = (values: readonly string[]) => values.map((v, i) => v.padEnd(widths[i] ?? 0)).join(" | ");
  return [line(columns), widths.map((w) => "-".repeat(w)).join("-|-"), ...cells.map(line)].join("\n");
}

const isPublic = (route: DiscoveredRoute) => route.urlPath in PUBLIC_ROUTES;
const walked = () => routes.filter((route) => !isPublic(route));
/** Routes whose fixtures and samples let a permitted caller through. */
const sampled = (route: DiscoveredRoute) =>
  RESOURCES_WITH_FIXTURES.has(route.urlPath.split("/")[2] ?? "") && !(route.urlPath in ROUTES_WITHOUT_SAMPLES);

// Some 4,600 requests, each route against fresh fixtures: minutes, not seconds, on a busy machine.
beforeAll(async () => {
  database = await createTestDatabase();
  db = database.db;
  installTestProcessDatabase(database);
  routes = await discoverRoutes(APP_DIR);

  // Planned before walking, from the routes found and fixtures of the same shape.
  const shape = await seedAuthzFixtures(db);
  for (const route of walked()) {
    for (const method of HTTP_METHODS) {
      if (!route.handlers[method]) continue;
      for (const callerName of CALLERS) {
        plannedRequests += variantsOf(route, method, shape, callerOf(callerName, shape)).length;
      }
    }
  }

  const earlier = markersOf(shape);
  for (const route of walked()) {
    const fx = await walkRoute(route, earlier);
    fixturesOf.set(route.urlPath, fx);
    earlier.push(...markersOf(fx));
  }
}, 900_000);

afterAll(async () => {
  releaseProcessDatabase();
  await database.close();
});

// ── the verdicts ─────────────────────────────────────────────────────────────────────────────

describe("authorization walker", () => {
  it("finds the routes from the file tree, each with its methods, and every listed public route exists", () => {
    const paths = routes.map((r) => r.urlPath);
    for (const expected of ["/api/users", "/api/users/[id]", "/api/entities/[id]", "/api/professions/[id]", "/api/tokens/[id]", "/api/me"]) {
      expect(paths).toContain(expected);
    }
    expect(routes.every((r) => Object.keys(r.handlers).length > 0)).toBe(true);
    const stale = Object.keys(PUBLIC_ROUTES).filter((p) => !paths.includes(p));
    expect(stale, "PUBLIC_ROUTES names routes that no longer exist").toEqual([]);
    const staleUnsampled = Object.keys(ROUTES_WITHOUT_SAMPLES).filter((p) => !paths.includes(p));
    expect(staleUnsampled, "ROUTES_WITHOUT_SAMPLES names routes that no longer exist").toEqual([]);
  });

  it("keeps admin-class permissions away from managers and employees", () => {
    const leaked = (["employee", "manager"] as UserRole[]).flatMap((role) =>
      [...ROLE_PERMISSIONS[role]].filter(adminOnly).map((permission) => `${role}: ${permission}`),
    );
    expect(leaked).toEqual([]);
  });

  it("walks every route × method × caller × target it planned", () => {
    const routeMethods = walked().reduce((n, r) => n + Object.keys(r.handlers).length, 0);
    expect(routeMethods).toBeGreaterThan(0);
    expect(plannedRequests).toBeGreaterThanOrEqual(routeMethods * CALLERS.length);
    expect(outcomes).toHaveLength(plannedRequests);
  });

  it("answers no unexpected 2xx, leaks no row in a 2xx and leaves nothing behind a refused write", () => {
    const summary = `${violations.length} violation(s) in ${outcomes.length} requests:\n${table(violations)}`;
    // The count is compared, not the rows: the table above is the readable report.
    expect(violations.length, summary).toBe(0);
  });

  it("lets at least one caller through every route and method, so the refusals are not merely bad input", () => {
    const reached = new Set(outcomes.filter((o) => o.status >= 200 && o.status < 300).map((o) => `${o.method} ${o.route}`));
    const unreached = walked()
      .filter(sampled)
      .flatMap((r) => Object.keys(r.handlers).map((m) => `${m} ${r.urlPath}`))
      .filter((key) => !reached.has(key));
    expect(unreached, "no caller got a 2xx here: add a sample input to SAMPLES so a permitted caller reaches the service").toEqual([]);
  });

  it("answers the calls DESIGN.md allows", () => {
    const find = (route: string, method: HttpMethod, caller: CallerName, target: string) => {
      const found = outcomes.find((o) => o.route === route && o.method === method && o.caller === caller && o.target === target);
      if (!found) throw new Error(`no outcome for ${caller} ${method} ${route} ${target}`);
      return found;
    };
    expect(find("/api/users/[id]", "GET", "adminA", "peer").status).toBe(200);
    expect(find("/api/users/[id]", "PATCH", "adminA", "peer").status).toBe(200);
    expect(find("/api/users", "POST", "adminA", "body:own").status).toBe(201);
    expect(find("/api/me", "GET", "employee1", "-").status).toBe(200);
    expect(find("/api/tokens/[id]", "GET", "employee1", "own").status).toBe(200);
    // adminC's permitted moves left team A1 directly under C, where only adminC still reaches it.
    expect(find("/api/entities/[id]", "DELETE", "adminC", "child-entity").status).toBe(200);
    expect(find("/api/users/[id]", "GET", "adminC", "other-entity").status).toBe(200);

    const managerList = find("/api/users", "GET", "managerA", "-");
    expect(managerList.status).toBe(200);
    const fx = fixturesOf.get("/api/users");
    expect(fx).toBeDefined();
    const emails = (JSON.parse(managerList.body) as { items: { email: string }[] }).items.map((u) => u.email);
    expect(emails).toContain(fx?.users.employee1.email);
    expect(emails).not.toContain(fx?.users.employeeB.email);

    // Out of scope reads as absent (404) once the role may read users at all; employees may not (403).
    for (const caller of ["managerB", "managerA", "adminA"] as const) expect(find("/api/users/[id]", "GET", caller, "other-org").status).toBe(404);
    expect(find("/api/users/[id]", "GET", "employee1", "peer").status).toBe(403);
    expect(find("/api/users/[id]", "GET", "anonymous", "own").status).toBe(401);
    // A read-only token reads what its owner reads and writes nothing.
    expect(find("/api/users/[id]", "GET", "adminA:read-token", "peer").status).toBe(200);
    expect(find("/api/users/[id]", "PATCH", "adminA:read-token", "peer").status).toBe(403);
  });

  it("answers the onboarding engine's calls DESIGN.md allows, and refuses the rest as absent or forbidden", () => {
    const status = (route: string, method: HttpMethod, caller: CallerName, target: string) =>
      outcomes.find((o) => o.route === route && o.method === method && o.caller === caller && o.target === target)?.status;
    // Work: one's own; a manager's department and reports; an admin's subtree. Elsewhere it is absent.
    expect(status("/api/tasks/[id]", "GET", "employee1", "own")).toBe(200);
    expect(status("/api/tasks/[id]", "GET", "employee1", "peer")).toBe(404);
    expect(status("/api/tasks/[id]", "GET", "managerA", "peer")).toBe(200);
    expect(status("/api/tasks/[id]", "GET", "managerB", "peer")).toBe(404);
    expect(status("/api/tasks/[id]", "GET", "adminC", "other-entity")).toBe(200);
    expect(status("/api/projects/[id]", "GET", "adminA", "other-org")).toBe(404);
    expect(status("/api/tasks/[id]/transition", "POST", "employee1", "own")).toBe(200);
    expect(status("/api/checklists/[id]/items/[itemId]/validate", "POST", "managerA", "own")).toBe(200);
    expect(status("/api/checklists/[id]/items/[itemId]/validate", "POST", "employee1", "own")).toBe(403);
    expect(status("/api/task-requests/[id]/cancel", "POST", "employee1", "own")).toBe(200);
    // Only the requester withdraws a request, not the manager who may decide it.
    expect(status("/api/task-requests/[id]/cancel", "POST", "managerB", "own")).toBe(403);
    // Templates: the company's are read by its departments and changed only by the company's admins.
    expect(status("/api/project-templates/[id]", "GET", "managerB", "parent-entity")).toBe(200);
    expect(status("/api/project-templates/[id]", "GET", "managerB", "peer")).toBe(404);
    expect(status("/api/project-templates/[id]", "PATCH", "adminA", "own")).toBe(200);
    expect(status("/api/project-templates/[id]", "PATCH", "adminA", "parent-entity")).toBe(403);
    expect(status("/api/project-templates/[id]", "PATCH", "adminA", "other-entity")).toBe(404);
    // Published guides are the organisation's; another organisation's are absent.
    expect(status("/api/guides/[id]/acknowledge", "POST", "employee1", "other-entity")).toBe(201);
    expect(status("/api/guides/[id]/acknowledge", "POST", "employee1", "other-org")).toBe(404);
    expect(status("/api/guides/[id]", "PATCH", "adminA", "other-entity")).toBe(403);
  });

  it("counts as leaks exactly the engine rows a caller may not see", async () => {
    // A route that only reads, so its fixtures sit where they were seeded.
    const fx = fixturesOf.get("/api/projects/[id]");
    if (!fx) throw new Error("no fixtures for /api/projects/[id]");
    const { work, templates } = fx.engine;
    const placement = await loadPlacement(db);
    const leaksFor = (caller: FixtureUser) => forbiddenMarkers(fx, actorOf(placement, caller), placement, []).map((m) => m.marker);
    const managerA = leaksFor(fx.users.managerA);
    expect(managerA).toContain(work.employeeB.task.name);
    expect(managerA).toContain(templates.published.B.project.name);
    expect(managerA).not.toContain(work.employee2.task.name);
    expect(managerA).not.toContain(templates.published.C.project.name);
    const employee1 = leaksFor(fx.users.employee1);
    expect(employee1).toContain(work.employee2.request.name);
    expect(employee1).not.toContain(work.employee1.request.name);
    expect(employee1).not.toContain(fx.engine.guides.B.name);
    expect(employee1).toContain(fx.engine.guides.D.name);
  });
});
