// The access rules the authorization walker judges by (DESIGN.md "Access"), written once here and
// not taken from the routes' own code: admin — their entity's whole subtree; manager — their
// entity subtree and their reports; employee — their own rows, the work they are assigned to;
// tokens carry their owner's role narrowed by scopes; out of scope is never 2xx.
import type { UserRole } from "../db/schema";
import { PERMISSIONS, type Permission, roleAllows, scopeAllows } from "../lib/auth/permissions";
import type { AuthzFixtures, FixtureUser, Placement } from "./authz-fixtures";
import { type EnginePlacement, TEMPLATE_KINDS, type TemplateKind, templateKey, UNITS, WORKERS } from "./authz-engine-fixtures";
import type { HttpMethod, DeclaredSpec } from "./authz-routes";
import type { JudgedRow } from "./authz-plan";
import type { Resource, TargetRow } from "./authz-targets";

/**
 * What a call does to the rows it names: reads them (see), does their work (steps, checklist
 * items, status moves), oversees them (edits, assignments, decisions, validation, templates and
 * guides) or acts on what is only the caller's own (withdrawing one's request).
 */
export type Access = "see" | "work" | "oversee" | "own";

/** A permission's access, written once: reads see, progress works, a request's author owns it, the rest oversees. */
export function accessOf(method: HttpMethod, permission: Permission): Access {
  if (method === "GET" || PERMISSIONS[permission] === "read") return "see";
  if (permission === "tasks:progress") return "work";
  if (permission === "requests:create") return "own";
  return "oversee";
}

/**
 * Rows read beyond the caller's subtree, and why. Still never across organisations, and never
 * changed from there. Every other resource is read within the subtree only.
 */
export const WIDER_READS: Partial<Record<Resource, { reach: "organisation" | "lineage"; why: string }>> = {
  professions: { reach: "organisation", why: "an organisation's professions are its shared catalogue; every department reads them" },
  guides: { reach: "organisation", why: "published guides are the organisation's shared knowledge; drafts stay with their authors' subtree" },
  ...Object.fromEntries(
    TEMPLATE_KINDS.map((kind) => [
      `${kind}-templates`,
      { reach: "lineage", why: "a company-wide program serves every department: the templates of the caller's entity's ancestors are read and used" },
    ]),
  ),
};

/** Admin-class permissions are admin-only whatever the role table says. */
export const adminOnly = (permission: Permission) => PERMISSIONS[permission] === "admin";
const organisationPath = (entityPath: string) => `/${entityPath.split("/")[1] ?? ""}/`;

/**
 * A row as the rules see it. Personal rows (a user, an API token) are one person's; owned rows
 * (entities, professions, templates, guides) an entity's; work rows (projects, tasks, their steps,
 * checklists and items, task requests) sit in an entity and belong to people besides.
 */
export type PlacedRow =
  | { kind: "personal"; resource: Resource; entityPath: string; ownerUserId: number; managerId: number | null }
  | { kind: "owned"; resource: Resource; entityPath: string; draftGuide: boolean }
  | {
      kind: "work";
      resource: Resource;
      entityPath: string;
      /** People who see it as their own (assignees, the onboardee, a request's author and assignees). */
      people: number[];
      /** Managers of the people it is about, who oversee it wherever it sits. */
      managers: number[];
      /** People who do its work (owners and helpers). */
      workers: number[];
      /** People for whom it is theirs alone (a request's author). */
      owners: number[];
    };

/** The caller as the rules see it: role and token scopes, and where the caller sits now. */
export type Actor = { id: number; role: UserRole; scopes: FixtureUser["scopes"]; entityPath: string };

/** Rows that no organisation owns (or that vanished) sit nowhere: inside nobody's subtree. */
const NOWHERE = "\u0000nowhere/";

function pathOfEntity(placement: Placement, entityId: number | null | undefined): string {
  return (entityId == null ? undefined : placement.entityPath.get(entityId)) ?? NOWHERE;
}

export function placeUser(placement: Placement, resource: Resource, userId: number | undefined): PlacedRow & { kind: "personal" } {
  const user = userId === undefined ? undefined : placement.user.get(userId);
  return { kind: "personal", resource, entityPath: pathOfEntity(placement, user?.entityId), ownerUserId: userId ?? -1, managerId: user?.managerId ?? null };
}

function placeWork(
  placement: Placement,
  resource: Resource,
  entityId: number | null | undefined,
  people: { see: (number | null)[]; about: (number | null)[]; work: (number | null)[]; own?: (number | null)[] },
): PlacedRow {
  const ids = (list: (number | null)[]) => list.filter((id): id is number => id !== null);
  const managers = ids(people.about).flatMap((id) => {
    const managerId = placement.user.get(id)?.managerId;
    return managerId == null ? [] : [managerId];
  });
  return {
    kind: "work",
    resource,
    entityPath: pathOfEntity(placement, entityId),
    people: ids(people.see),
    managers,
    workers: ids(people.work),
    owners: ids(people.own ?? []),
  };
}

function placeTask(placement: Placement, resource: Resource, taskId: number | null | undefined): PlacedRow {
  const task = taskId == null ? undefined : placement.engine.task.get(taskId);
  const assignees = task?.assignees ?? [];
  return placeWork(placement, resource, task?.entityId, {
    see: assignees.map((a) => a.userId),
    about: assignees.map((a) => a.userId),
    work: assignees.filter((a) => a.role !== "reviewer").map((a) => a.userId),
  });
}

function placeProject(placement: Placement, resource: Resource, projectId: number | null | undefined): PlacedRow {
  const project = projectId == null ? undefined : placement.engine.project.get(projectId);
  const onboardee = [project?.onboardeeId ?? null];
  return placeWork(placement, resource, project?.entityId, { see: onboardee, about: onboardee, work: onboardee });
}

const TEMPLATE_OF: Partial<Record<Resource, TemplateKind>> = Object.fromEntries(TEMPLATE_KINDS.map((k) => [`${k}-templates`, k]));

export function place(placement: Placement, row: TargetRow): PlacedRow {
  const engine: EnginePlacement = placement.engine;
  const templateKind = TEMPLATE_OF[row.resource];
  if (templateKind) {
    return { kind: "owned", resource: row.resource, entityPath: pathOfEntity(placement, engine.template.get(templateKey(templateKind, row.id))), draftGuide: false };
  }
  switch (row.resource) {
    case "users":
      return placeUser(placement, "users", row.id);
    case "tokens":
      return placeUser(placement, "tokens", placement.tokenOwner.get(row.id));
    case "entities":
      return { kind: "owned", resource: "entities", entityPath: pathOfEntity(placement, row.id), draftGuide: false };
    case "professions":
      return { kind: "owned", resource: "professions", entityPath: pathOfEntity(placement, placement.professionEntity.get(row.id)), draftGuide: false };
    case "guides": {
      const guide = engine.guide.get(row.id);
      return { kind: "owned", resource: "guides", entityPath: pathOfEntity(placement, guide?.entityId), draftGuide: guide?.published === false };
    }
    case "tasks":
      return placeTask(placement, "tasks", row.id);
    case "steps":
      return placeTask(placement, "steps", engine.step.get(row.id));
    case "checklists":
      return placeTask(placement, "checklists", engine.checklist.get(row.id));
    case "items": {
      const checklistId = engine.item.get(row.id);
      return placeTask(placement, "items", checklistId === undefined ? undefined : engine.checklist.get(checklistId));
    }
    case "projects":
      return placeProject(placement, "projects", row.id);
    case "milestones":
      return placeProject(placement, "milestones", engine.milestone.get(row.id));
    case "task-requests": {
      const request = engine.request.get(row.id);
      const author = [request?.createdBy ?? null];
      return placeWork(placement, "task-requests", request?.entityId, { see: [...author, ...(request?.assignees ?? [])], about: author, work: [], own: author });
    }
    default:
      throw new Error(`no placement rule for ${row.resource}`);
  }
}

export function actorOf(placement: Placement, caller: FixtureUser): Actor {
  return { id: caller.id, role: caller.role, scopes: caller.scopes, entityPath: placeUser(placement, "users", caller.id).entityPath };
}

/** Where a refusal comes from: the caller (role, scopes), a row in the path, or a row the body names. */
export type Refusal = { reason: string; source: "caller" | "path" | "body" };

/** Why this caller must not get a 2xx here, or null when a 2xx is allowed. */
export function refusalReason(
  actor: Actor | null,
  spec: DeclaredSpec | undefined,
  method: HttpMethod,
  rows: readonly JudgedRow[],
  placement: Placement,
): Refusal | null {
  const caller = (reason: string): Refusal => ({ reason, source: "caller" });
  if (!actor) return caller("anonymous caller on a route that is not public");
  if (!spec) return caller("export without a defineRoute spec");
  if (spec.auth === false || spec.permission === null) return caller("route declares itself public but is not in PUBLIC_ROUTES");
  if (typeof spec.permission !== "string" || !(spec.permission in PERMISSIONS)) return caller(`unknown permission ${JSON.stringify(spec.permission)}`);
  const permission = spec.permission as Permission;
  if (!roleAllows(actor.role, permission)) return caller(`role ${actor.role} lacks ${permission}`);
  if (adminOnly(permission) && actor.role !== "admin") return caller(`${permission} is admin-only`);
  if (!scopeAllows(actor.scopes, PERMISSIONS[permission])) return caller(`token scopes lack ${PERMISSIONS[permission]}`);
  const routeAccess = accessOf(method, permission);
  for (const { row, access, where } of rows) {
    const reason = rowRefusal(actor, place(placement, row), access ?? routeAccess);
    if (reason) return { reason: where === "body" ? `the body names ${reason}` : reason, source: where };
  }
  return null;
}

export function rowRefusal(actor: Actor, row: PlacedRow, access: Access): string | null {
  const inSubtree = row.entityPath.startsWith(actor.entityPath);
  const sameOrganisation = organisationPath(row.entityPath) === organisationPath(actor.entityPath);
  const outside = () => (sameOrganisation ? "a row outside the caller's entity subtree" : "a row of another organisation");
  switch (row.kind) {
    case "personal":
      // A user, or something one user owns (an API token).
      if (row.ownerUserId === actor.id) return null;
      if (actor.role === "employee") return "an employee on another person's row";
      if (inSubtree) return null;
      if (actor.role === "manager" && row.managerId === actor.id) return null;
      return "a row outside the caller's entity subtree";
    case "owned": {
      if (row.draftGuide && !(roleAllows(actor.role, "guides:write") && inSubtree)) return "a draft guide outside its authors' subtree";
      const wider = access === "see" ? WIDER_READS[row.resource]?.reach : undefined;
      if (wider === "organisation" && sameOrganisation) return null;
      if (wider === "lineage" && actor.entityPath.startsWith(row.entityPath)) return null;
      if (!inSubtree) return outside();
      if (actor.role === "employee" && row.entityPath !== actor.entityPath) return "an employee on an entity below their own";
      return null;
    }
    case "work": {
      if (access === "own") return row.owners.includes(actor.id) ? null : "another person's own row";
      if (access === "see" && row.people.includes(actor.id)) return null;
      if (access === "work" && row.workers.includes(actor.id)) return null;
      if (actor.role === "employee") return access === "work" ? "an employee on work that is not theirs" : "an employee on another person's work";
      if (inSubtree) return null;
      if (actor.role === "manager" && row.managers.includes(actor.id)) return null;
      return outside();
    }
  }
}

/** Text a 2xx answer to this caller must never contain: rows outside the caller's scope. */
export function forbiddenMarkers(fx: AuthzFixtures, actor: Actor, placement: Placement, earlierMarkers: readonly string[]): { marker: string; what: string }[] {
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
    const entityPath = placement.entityPath.get(entity.id) ?? NOWHERE;
    const visible = entityPath.startsWith(actor.entityPath) || actor.entityPath.startsWith(entityPath);
    if (!visible) found.push({ marker: entity.name, what: `entity ${key}'s name` });
  }
  found.push({ marker: fx.professions.D.name, what: "organisation D's profession" });
  for (const { row, name, what } of engineRows(fx)) {
    if (rowRefusal(actor, place(placement, row), "see")) found.push({ marker: name, what });
  }
  for (const marker of earlierMarkers) found.push({ marker, what: "a row of another organisation (earlier fixture set)" });
  return found;
}

/** Every named engine row of a fixture set, with what it is. */
function engineRows(fx: AuthzFixtures): { row: TargetRow; name: string; what: string }[] {
  const rows: { row: TargetRow; name: string; what: string }[] = [];
  const { templates, guides, work } = fx.engine;
  for (const unit of UNITS) {
    for (const state of ["published", "draft"] as const) {
      for (const kind of TEMPLATE_KINDS) {
        const t = templates[state][unit][kind];
        rows.push({ row: { resource: `${kind}-templates`, id: t.id }, name: t.name, what: `${unit}'s ${state} ${kind} template` });
      }
    }
    rows.push({ row: { resource: "guides", id: guides[unit].id }, name: guides[unit].name, what: `${unit}'s guide` });
  }
  for (const worker of Object.keys(WORKERS) as (keyof typeof WORKERS)[]) {
    const w = work[worker];
    rows.push(
      { row: { resource: "projects", id: w.project.id }, name: w.project.name, what: `${worker}'s project` },
      { row: { resource: "milestones", id: w.milestone.id }, name: w.milestone.name, what: `${worker}'s milestone` },
      { row: { resource: "tasks", id: w.task.id }, name: w.task.name, what: `${worker}'s task` },
      { row: { resource: "task-requests", id: w.request.id }, name: w.request.name, what: `${worker}'s task request` },
    );
  }
  return rows;
}
