// The authorization walker: every route found under app/ × every exported method × eight callers
// (anonymous, two employees, a manager in A and one in B, adminA through a full and a read-only
// token, and the organisation's root admin adminC) × the rows each route can aim at, judged by
// DESIGN.md's access rules written once below (not by the routes' own code). A 2xx those rules do
// not allow, a 2xx body showing a row from outside the caller's scope, or a refused write that still
// left an audit row is a violation; all violations are collected and reported as one table.
import { randomBytes } from "node:crypto";
import path from "node:path";
import { sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type Database, type Db, queryRows } from "../db/client";
import type { UserRole } from "../db/schema";
import { PERMISSIONS, type Permission, ROLE_PERMISSIONS, roleAllows, scopeAllows } from "../lib/auth/permissions";
import { generateKeyEntry } from "../lib/crypto/keyring";
import {
  type AuthzFixtures,
  type CallerKey,
  type FixtureEntity,
  type FixtureUser,
  loadPlacement,
  markersOf,
  type Placement,
  seedAuthzFixtures,
} from "./authz-fixtures";
import { type DeclaredSpec, type DiscoveredRoute, discoverRoutes, fillPath, HTTP_METHODS, type HttpMethod } from "./authz-routes";
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
 * Reads allowed across departments of one organisation, and why. Still never across organisations.
 * Professions are the organisation's shared catalogue of job families (DESIGN.md lists them with the
 * reference data): every department reads all of them, only the owning subtree's admins write them.
 */
const ORGANISATION_WIDE_READS: Record<string, string> = {
  professions: "an organisation's professions are its shared catalogue; every department reads them",
};

// ── callers and the rows they aim at ─────────────────────────────────────────────────────────

/** `adminA:read-token` is adminA through a token with only the read scope: it may read what adminA reads, never write. */
type CallerName = "anonymous" | CallerKey | "adminA:read-token";
/** Ordered so that the callers allowed to change shared rows (admins) go last within each method. */
const CALLERS: readonly CallerName[] = ["anonymous", "employee1", "employee2", "managerB", "managerA", "adminA:read-token", "adminA", "adminC"];

function callerOf(name: CallerName, fx: AuthzFixtures): FixtureUser | null {
  if (name === "anonymous") return null;
  if (name === "adminA:read-token") return { ...fx.users.adminA, token: fx.users.adminA.readOnlyToken, scopes: ["read"] };
  return fx.users[name];
}

type Resource = "users" | "entities" | "professions" | "tokens";
type TargetLabel = "own" | "peer" | "child-entity" | "other-entity" | "parent-entity" | "other-org";
/** A row by id; where it sits (entity, owner, manager) is looked up in the placement when judging. */
type TargetRow = { resource: Resource; id: number };
type Target = { label: TargetLabel; row: TargetRow };

const userRow = (u: FixtureUser): TargetRow => ({ resource: "users", id: u.id });
const tokenRow = (u: FixtureUser): TargetRow => ({ resource: "tokens", id: u.targetTokenId });
const entityRow = (e: FixtureEntity): TargetRow => ({ resource: "entities", id: e.id });
const professionRow = (p: { id: number }): TargetRow => ({ resource: "professions", id: p.id });

/**
 * The rows a caller aims at for a resource segment ("users" in /api/users/[id]). An unknown
 * resource falls back to user ids: the generic rules still hold for whatever the route reads.
 */
function targetsFor(resource: string, fx: AuthzFixtures, caller: FixtureUser | null): Target[] {
  const self = caller ?? fx.users.employee1;
  const { users: u, entities: e, professions: p } = fx;
  switch (resource) {
    case "entities": {
      const own = Object.values(e).find((entity) => entity.id === self.entityId) ?? e.A;
      return [
        { label: "own", row: entityRow(own) },
        { label: "peer", row: entityRow(e.A) },
        { label: "child-entity", row: entityRow(e.A1) },
        { label: "other-entity", row: entityRow(e.B) },
        { label: "parent-entity", row: entityRow(e.C) },
        { label: "other-org", row: entityRow(e.D) },
      ];
    }
    case "professions":
      return [
        { label: "own", row: professionRow(self.entityId === e.B.id ? p.B : p.A) },
        { label: "peer", row: professionRow(p.A) },
        { label: "other-entity", row: professionRow(p.B) },
        { label: "other-org", row: professionRow(p.D) },
      ];
    case "tokens":
      return [
        { label: "own", row: tokenRow(self) },
        { label: "peer", row: tokenRow(u.employee2) },
        { label: "other-entity", row: tokenRow(u.employeeB) },
        { label: "other-org", row: tokenRow(u.userD) },
      ];
    default:
      return [
        { label: "own", row: userRow(self) },
        { label: "peer", row: userRow(u.employee2) },
        { label: "other-entity", row: userRow(u.employeeB) },
        { label: "other-org", row: userRow(u.userD) },
      ];
  }
}

// ── sample inputs, so that permitted callers get past validation and reach the service ─────────

type SampleContext = { fresh: (label: string) => string; target: Target | null };
type Sample = {
  body?: (ctx: SampleContext) => unknown;
  /** The body names an entity (entity_id, parent_id): one call per entity target, judged by that entity. */
  bodyEntityTargets?: boolean;
  /** Extra calls of a list with a filter naming a target row (the answer is then searched for leaks). */
  queryTargets?: { resource: Resource; query: (id: number) => string };
  /**
   * Body fields that name other rows: one more call per row each can name, aimed at the target
   * `at`. Naming a row reads it, so each named row is judged as a read by the caller.
   */
  bodyRefs?: { at: TargetLabel; fields: { field: string; resource: Resource }[] };
};

const SAMPLES: Record<string, Sample> = {
  "GET /api/users": { queryTargets: { resource: "entities", query: (id) => `entity_id=${id}` } },
  "POST /api/users": {
    bodyEntityTargets: true,
    body: ({ fresh, target }) => ({ email: `${fresh("new-user")}@authz.test`, name: "Walker New", role: "employee", entity_id: target?.row.id }),
    bodyRefs: {
      at: "own",
      fields: [
        { field: "manager_id", resource: "users" },
        { field: "profession_id", resource: "professions" },
      ],
    },
  },
  "PATCH /api/users/[id]": {
    body: () => ({ name: "Renamed" }),
    bodyRefs: {
      at: "peer",
      fields: [
        { field: "entity_id", resource: "entities" },
        { field: "manager_id", resource: "users" },
        { field: "profession_id", resource: "professions" },
      ],
    },
  },
  "PATCH /api/me": { body: () => ({ name: "Renamed" }) },
  "GET /api/entities": { queryTargets: { resource: "entities", query: (id) => `parent_id=${id}` } },
  "POST /api/entities": { bodyEntityTargets: true, body: ({ fresh, target }) => ({ name: fresh("New entity"), parent_id: target?.row.id }) },
  "PATCH /api/entities/[id]": {
    body: () => ({ name: "Renamed" }),
    bodyRefs: { at: "child-entity", fields: [{ field: "parent_id", resource: "entities" }] },
  },
  "POST /api/professions": { body: ({ fresh }) => ({ name: fresh("New profession") }) },
  "PATCH /api/professions/[id]": { body: ({ fresh }) => ({ name: fresh("Renamed profession") }) },
  "GET /api/tokens": { queryTargets: { resource: "users", query: (id) => `user_id=${id}` } },
  "POST /api/tokens": { body: () => ({ name: "walker new token", scopes: ["read"] }) },
};

/** One request: `rows` are judged under the request's method, `refs` (rows the body names) as reads. */
type Variant = { target: string; url: string; params: Record<string, string | string[]>; body: unknown; rows: TargetRow[]; refs: TargetRow[] };

const fresh = (label: string) => `${label}-${randomBytes(5).toString("hex")}`;

function variantsOf(route: DiscoveredRoute, method: HttpMethod, fx: AuthzFixtures, caller: FixtureUser | null): Variant[] {
  const sample = SAMPLES[`${method} ${route.urlPath}`];
  const bodyOf = (target: Target | null) => (method === "GET" ? undefined : (sample?.body?.({ fresh, target }) ?? {}));
  const main = mainVariants(route, method, fx, caller, sample, bodyOf);
  const refs = sample?.bodyRefs;
  if (!refs || method === "GET") return main;
  const aim = main.find((v) => v.target === refs.at || v.target === `body:${refs.at}`);
  if (!aim) throw new Error(`SAMPLES["${method} ${route.urlPath}"].bodyRefs aims at ${refs.at}, which this route has no target for`);
  return [
    ...main,
    ...refs.fields.flatMap(({ field, resource }) =>
      targetsFor(resource, fx, caller).map((ref) => ({
        ...aim,
        target: `${aim.target} ${field}=${ref.label}`,
        body: { ...(aim.body as Record<string, unknown>), [field]: ref.row.id },
        refs: [ref.row],
      })),
    ),
  ];
}

function mainVariants(
  route: DiscoveredRoute,
  method: HttpMethod,
  fx: AuthzFixtures,
  caller: FixtureUser | null,
  sample: Sample | undefined,
  bodyOf: (target: Target | null) => unknown,
): Variant[] {
  const last = route.params.at(-1);
  if (last) {
    // Every dynamic segment gets the row of its own resource under the same label.
    return targetsFor(last.resource, fx, caller).map((target) => {
      const rows = route.params.map((p) =>
        p === last ? target.row : (targetsFor(p.resource, fx, caller).find((t) => t.label === target.label) ?? target).row,
      );
      const values = Object.fromEntries(route.params.map((p, i) => [p.name, String(rows[i]?.id)]));
      const params = Object.fromEntries(route.params.map((p) => [p.name, p.catchAll ? [values[p.name] ?? ""] : (values[p.name] ?? "")]));
      return { target: target.label, url: fillPath(route.urlPath, values), params, body: bodyOf(target), rows, refs: [] };
    });
  }
  if (sample?.bodyEntityTargets && method !== "GET") {
    return targetsFor("entities", fx, caller).map((target) => ({
      target: `body:${target.label}`,
      url: route.urlPath,
      params: {},
      body: bodyOf(target),
      rows: [target.row],
      refs: [],
    }));
  }
  const base: Variant = { target: "-", url: route.urlPath, params: {}, body: bodyOf(null), rows: [], refs: [] };
  const filters = method === "GET" && sample?.queryTargets ? sample.queryTargets : null;
  if (!filters) return [base];
  // A list filtered by a row out of scope may answer 2xx (an empty page); the leak search judges it.
  return [
    base,
    ...targetsFor(filters.resource, fx, caller).map((target) => ({
      ...base,
      target: `query:${target.label}`,
      url: `${route.urlPath}?${filters.query(target.row.id)}`,
    })),
  ];
}

// ── the rules (DESIGN.md, "Access") ──────────────────────────────────────────────────────────
// admin: their entity's whole subtree; manager: their entity subtree and their reports; employee:
// their own rows; tokens carry their owner's role narrowed by scopes; out of scope is never 2xx.

/** Admin-class permissions are admin-only whatever the role table says. */
const adminOnly = (permission: Permission) => PERMISSIONS[permission] === "admin";
const organisationPath = (entityPath: string) => `/${entityPath.split("/")[1] ?? ""}/`;

/** A row as the rules see it: its entity's path and, for personal rows, whose it is. */
type PlacedRow = { resource: Resource; entityPath: string; ownerUserId: number | null; managerId: number | null };
/** The caller as the rules see it: role and token scopes, and where the caller sits now. */
type Actor = { id: number; role: UserRole; scopes: FixtureUser["scopes"]; entityPath: string };

/** Rows that no organisation owns (or that vanished) sit nowhere: inside nobody's subtree. */
const NOWHERE = "\u0000nowhere/";

function pathOfEntity(placement: Placement, entityId: number | null | undefined): string {
  return (entityId == null ? undefined : placement.entityPath.get(entityId)) ?? NOWHERE;
}

function placeUser(placement: Placement, resource: Resource, userId: number | undefined): PlacedRow {
  const user = userId === undefined ? undefined : placement.user.get(userId);
  return { resource, entityPath: pathOfEntity(placement, user?.entityId), ownerUserId: userId ?? -1, managerId: user?.managerId ?? null };
}

function place(placement: Placement, row: TargetRow): PlacedRow {
  switch (row.resource) {
    case "users":
      return placeUser(placement, "users", row.id);
    case "tokens":
      return placeUser(placement, "tokens", placement.tokenOwner.get(row.id));
    case "entities":
      return { resource: "entities", entityPath: pathOfEntity(placement, row.id), ownerUserId: null, managerId: null };
    case "professions":
      return { resource: "professions", entityPath: pathOfEntity(placement, placement.professionEntity.get(row.id)), ownerUserId: null, managerId: null };
  }
}

function actorOf(placement: Placement, caller: FixtureUser): Actor {
  return { id: caller.id, role: caller.role, scopes: caller.scopes, entityPath: placeUser(placement, "users", caller.id).entityPath };
}

/** Why this caller must not get a 2xx here, or null when a 2xx is allowed. */
function refusalReason(actor: Actor | null, spec: DeclaredSpec | undefined, method: HttpMethod, variant: Variant, placement: Placement): string | null {
  if (!actor) return "anonymous caller on a route that is not public";
  if (!spec) return "export without a defineRoute spec";
  if (spec.auth === false || spec.permission === null) return "route declares itself public but is not in PUBLIC_ROUTES";
  if (typeof spec.permission !== "string" || !(spec.permission in PERMISSIONS)) return `unknown permission ${JSON.stringify(spec.permission)}`;
  const permission = spec.permission as Permission;
  if (!roleAllows(actor.role, permission)) return `role ${actor.role} lacks ${permission}`;
  if (adminOnly(permission) && actor.role !== "admin") return `${permission} is admin-only`;
  if (!scopeAllows(actor.scopes, PERMISSIONS[permission])) return `token scopes lack ${PERMISSIONS[permission]}`;
  for (const row of variant.rows) {
    const reason = rowRefusal(actor, place(placement, row), method);
    if (reason) return reason;
  }
  for (const row of variant.refs) {
    const reason = rowRefusal(actor, place(placement, row), "GET");
    if (reason) return `the body names ${reason}`;
  }
  return null;
}

function rowRefusal(actor: Actor, row: PlacedRow, method: HttpMethod): string | null {
  const inSubtree = row.entityPath.startsWith(actor.entityPath);
  if (row.ownerUserId !== null) {
    // A personal row: a user, or something one user owns (an API token).
    if (row.ownerUserId === actor.id) return null;
    if (actor.role === "employee") return "an employee on another person's row";
    if (inSubtree) return null;
    if (actor.role === "manager" && row.managerId === actor.id) return null;
    return "a row outside the caller's entity subtree";
  }
  const sameOrganisation = organisationPath(row.entityPath) === organisationPath(actor.entityPath);
  if (method === "GET" && row.resource in ORGANISATION_WIDE_READS && sameOrganisation) return null;
  if (!inSubtree) return sameOrganisation ? "a row outside the caller's entity subtree" : "a row of another organisation";
  if (actor.role === "employee" && row.entityPath !== actor.entityPath) return "an employee on an entity below their own";
  return null;
}

/** Text a 2xx answer to this caller must never contain: rows outside the caller's scope. */
function forbiddenMarkers(fx: AuthzFixtures, actor: Actor, placement: Placement, earlierMarkers: readonly string[]): { marker: string; what: string }[] {
  const found: { marker: string; what: string }[] = [];
  for (const [key, user] of Object.entries(fx.users)) {
    if (user.id === actor.id) continue;
    const placed = placeUser(placement, "users", user.id);
    const visible =
      actor.role !== "employee" && (placed.entityPath.startsWith(actor.entityPath) || (actor.role === "manager" && placed.managerId === actor.id));
    if (!visible) found.push({ marker: user.email, what: `${key}'s email` });
  }
  for (const [key, entity] of Object.entries(fx.entities)) {
    // Ancestors may be named (breadcrumbs); siblings and other organisations may not.
    const entityPath = pathOfEntity(placement, entity.id);
    const visible = entityPath.startsWith(actor.entityPath) || actor.entityPath.startsWith(entityPath);
    if (!visible) found.push({ marker: entity.name, what: `entity ${key}'s name` });
  }
  found.push({ marker: fx.professions.D.name, what: "organisation D's profession" });
  for (const marker of earlierMarkers) found.push({ marker, what: "a row of another organisation (earlier fixture set)" });
  return found;
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
        const { requestId, status, body } = await send(route, method, caller, variant);
        const call = { route: route.urlPath, method, caller: callerName, target: variant.target, status };
        outcomes.push({ ...call, body });
        if (status >= 200 && status < 300) {
          const reason = refusalReason(actor, handler.spec, method, variant, placement);
          if (reason) violations.push({ ...call, problem: `unexpected ${status}: ${reason}` });
          const markers = actor ? forbiddenMarkers(fx, actor, placement, earlierMarkers) : [];
          const leaked = markers.filter((m) => body.includes(m.marker)).map((m) => m.what);
          if (leaked.length > 0) violations.push({ ...call, problem: `answer shows ${[...new Set(leaked)].join(", ")}` });
          // A permitted write may have moved rows (a user to another entity, an entity under another parent).
          if (method !== "GET") placement = await loadPlacement(db);
        } else if (method !== "GET" && (await auditRowsOf(requestId)) > 0) {
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

/**
 * Resources whose fixtures and SAMPLES let a permitted caller reach the service. Routes of other
 * resources (the onboarding engine's tasks, templates, guides, checklists, requests) are still
 * walked for unexpected 2xx with every caller, but their targets fall back to user ids, so only
 * these resources are required to let someone through.
 */
const RESOURCES_WITH_FIXTURES = new Set(["users", "me", "entities", "professions", "tokens", "audit"]);

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
}, 180_000);

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
      .filter((r) => RESOURCES_WITH_FIXTURES.has(r.urlPath.split("/")[2] ?? ""))
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
});
