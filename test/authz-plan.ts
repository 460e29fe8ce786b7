// How the authorization walker plans its requests: for one route, method and caller, one request
// per row the route can aim at (path segments, or a row the body names), each carrying the rows
// it must be judged by. What a route's body looks like comes from SAMPLES (authz-samples.ts).
import { randomBytes } from "node:crypto";
import type { AuthzFixtures, FixtureUser } from "./authz-fixtures";
import type { Unit } from "./authz-engine-fixtures";
import { type DiscoveredRoute, fillPath, type HttpMethod } from "./authz-routes";
import type { Access } from "./authz-rules";
import { SAMPLES } from "./authz-samples";
import { type Target, type TargetLabel, type TargetRow, targetsFor, unitOf } from "./authz-targets";

export type SampleContext = {
  fresh: (label: string) => string;
  /** The row this request aims at (path or body), or null for a request aimed at none. */
  target: Target | null;
  fx: AuthzFixtures;
  /** The caller, or employee1 for an anonymous request (its body is never read). */
  self: FixtureUser;
  /** The unit a template, guide or user target's label stands for: the caller's own, A for a peer, then B, C, D. */
  unit: Unit;
};

/** A row the request names, judged by `access` (the route's own when absent); `where` says where it was named. */
export type JudgedRow = { row: TargetRow; access?: Access; where: "path" | "body" };

export type Sample = {
  body?: (ctx: SampleContext) => unknown;
  /** Target key of the route's last dynamic segment, where its resource segment is not enough ("task-templates:published"). */
  targets?: string;
  /** The body names a row of this target key: one call per target, judged by that row. */
  bodyTargets?: string;
  /** How the path or body target is judged, where the route's permission does not say it (a guide one links is only read). */
  access?: Access;
  /** Further rows the body names, judged with every call. */
  named?: (ctx: SampleContext) => { row: TargetRow; access?: Access }[];
  /** Extra calls of a list with a filter naming a target row (the answer is then searched for leaks). */
  queryTargets?: { resource: string; query: (id: number) => string };
  /**
   * Body fields that name other rows: one more call per row each can name, aimed at the target
   * `at`. Naming a row reads it, so each named row is judged as a read by the caller. A field of a
   * list body (a PUT of links) gives the whole body for the row instead.
   */
  bodyRefs?: { at: TargetLabel; fields: { field: string; resource: string; body?: (id: number) => unknown }[] };
};

/** One request: `rows` are what the rules judge it by. */
export type Variant = { target: string; url: string; params: Record<string, string | string[]>; body: unknown; rows: JudgedRow[] };

const fresh = (label: string) => `${label}-${randomBytes(5).toString("hex")}`;

const UNIT_OF_LABEL: Partial<Record<TargetLabel, Unit>> = { peer: "A", "child-entity": "A", "other-entity": "B", "parent-entity": "C", "other-org": "D" };

export function variantsOf(route: DiscoveredRoute, method: HttpMethod, fx: AuthzFixtures, caller: FixtureUser | null): Variant[] {
  const sample = SAMPLES[`${method} ${route.urlPath}`];
  const self = caller ?? fx.users.employee1;
  const contextOf = (target: Target | null): SampleContext => ({
    fresh,
    target,
    fx,
    self,
    unit: (target && UNIT_OF_LABEL[target.label]) ?? unitOf(fx, self),
  });
  const bodyOf = (target: Target | null) => (method === "GET" ? undefined : (sample?.body?.(contextOf(target)) ?? {}));
  const namedOf = (target: Target | null): JudgedRow[] =>
    method === "GET" ? [] : (sample?.named?.(contextOf(target)) ?? []).map((n) => ({ ...n, where: "body" as const }));
  const main = mainVariants(route, method, fx, caller, sample, bodyOf).map((v) => ({ ...v, rows: [...v.rows, ...namedOf(v.aim)] }));
  const refs = sample?.bodyRefs;
  const plain = main.map(({ aim: _aim, ...v }) => v);
  if (!refs || method === "GET") return plain;
  const aim = plain.find((v) => v.target === refs.at || v.target === `body:${refs.at}`);
  if (!aim) throw new Error(`SAMPLES["${method} ${route.urlPath}"].bodyRefs aims at ${refs.at}, which this route has no target for`);
  return [
    ...plain,
    ...refs.fields.flatMap(({ field, resource, body }) =>
      targetsFor(resource, fx, caller).map((ref) => ({
        ...aim,
        target: `${aim.target} ${field}=${ref.label}`,
        body: body ? body(ref.row.id) : { ...(aim.body as Record<string, unknown>), [field]: ref.row.id },
        rows: [...aim.rows, { row: ref.row, access: "see" as const, where: "body" as const }],
      })),
    ),
  ];
}

type Planned = Variant & { aim: Target | null };

function mainVariants(
  route: DiscoveredRoute,
  method: HttpMethod,
  fx: AuthzFixtures,
  caller: FixtureUser | null,
  sample: Sample | undefined,
  bodyOf: (target: Target | null) => unknown,
): Planned[] {
  const last = route.params.at(-1);
  const access = sample?.access;
  if (last) {
    // Every dynamic segment gets the row of its own resource under the same label.
    return targetsFor(sample?.targets ?? last.resource, fx, caller).map((target) => {
      const rows = route.params.map((p) =>
        p === last ? target.row : (targetsFor(p.resource, fx, caller).find((t) => t.label === target.label) ?? target).row,
      );
      const values = Object.fromEntries(route.params.map((p, i) => [p.name, String(rows[i]?.value ?? rows[i]?.id)]));
      const params = Object.fromEntries(route.params.map((p) => [p.name, p.catchAll ? [values[p.name] ?? ""] : (values[p.name] ?? "")]));
      return {
        aim: target,
        target: target.label,
        url: fillPath(route.urlPath, values),
        params,
        body: bodyOf(target),
        rows: rows.map((row) => ({ row, access, where: "path" as const })),
      };
    });
  }
  if (sample?.bodyTargets && method !== "GET") {
    return targetsFor(sample.bodyTargets, fx, caller).map((target) => ({
      aim: target,
      target: `body:${target.label}`,
      url: route.urlPath,
      params: {},
      body: bodyOf(target),
      rows: [{ row: target.row, access, where: "body" as const }],
    }));
  }
  const base: Planned = { aim: null, target: "-", url: route.urlPath, params: {}, body: bodyOf(null), rows: [] };
  const filters = method === "GET" && sample?.queryTargets ? sample.queryTargets : null;
  if (!filters) return [base];
  // A list filtered by a row out of scope may answer 2xx (an empty page); the leak search judges it.
  return [
    base,
    ...targetsFor(filters.resource, fx, caller).map((target) => ({
      ...base,
      aim: target,
      target: `query:${target.label}`,
      url: `${route.urlPath}?${filters.query(target.row.id)}`,
    })),
  ];
}
