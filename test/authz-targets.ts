// The rows the authorization walker aims at: for each resource a route names ("users" in
// /api/users/[id], "items" in /api/checklists/[id]/items/[itemId]) the caller's own row, a peer's,
// another department's, the company's and another organisation's, taken from the fixtures.
import type { AuthzFixtures, FixtureEntity, FixtureUser } from "./authz-fixtures";
import type { TemplateKind, Unit, Worker } from "./authz-engine-fixtures";

export type Resource =
  | "users"
  | "entities"
  | "professions"
  | "tokens"
  | `${TemplateKind}-templates`
  | "guides"
  | "projects"
  | "milestones"
  | "tasks"
  | "steps"
  | "checklists"
  | "items"
  | "task-requests";

export type TargetLabel = "own" | "peer" | "child-entity" | "other-entity" | "parent-entity" | "other-org";
/** A row by id (and, for a guide's translation, its language); where it sits is looked up in the placement when judging. */
export type TargetRow = { resource: Resource; id: number; value?: string };
export type Target = { label: TargetLabel; row: TargetRow };

const userRow = (u: FixtureUser): TargetRow => ({ resource: "users", id: u.id });
const tokenRow = (u: FixtureUser): TargetRow => ({ resource: "tokens", id: u.targetTokenId });
const entityRow = (e: FixtureEntity): TargetRow => ({ resource: "entities", id: e.id });
const professionRow = (p: { id: number }): TargetRow => ({ resource: "professions", id: p.id });

/** The unit whose engine rows are the caller's own: the company's admin owns C's, department B's people B's. */
export function unitOf(fx: AuthzFixtures, person: FixtureUser): Unit {
  const { entities: e } = fx;
  if (person.entityId === e.C.id) return "C";
  if (person.entityId === e.B.id) return "B";
  if (person.entityId === e.D.id) return "D";
  return "A";
}

/** Entity-owned rows (templates, guides) by the unit they belong to. */
function unitTargets(fx: AuthzFixtures, self: FixtureUser, row: (unit: Unit) => TargetRow): Target[] {
  return [
    { label: "own", row: row(unitOf(fx, self)) },
    { label: "peer", row: row("A") },
    { label: "other-entity", row: row("B") },
    { label: "parent-entity", row: row("C") },
    { label: "other-org", row: row("D") },
  ];
}

/**
 * Whose running work each label aims at: the caller's own when they have some, else that of
 * someone in their department (a manager's report, an admin's employee); a peer's in the same
 * department; someone's in the other department; someone's in the other organisation.
 */
export function workerFor(fx: AuthzFixtures, self: FixtureUser, label: TargetLabel): Worker {
  const { users: u } = fx;
  const inB = self.entityId === fx.entities.B.id;
  switch (label) {
    case "own":
      return self.id === u.employee2.id ? "employee2" : inB ? "employeeB" : "employee1";
    case "peer":
      return self.id === u.employee2.id ? "employee1" : "employee2";
    case "other-entity":
      return inB ? "employee1" : "employeeB";
    default:
      return "userD";
  }
}

const WORK_LABELS: TargetLabel[] = ["own", "peer", "other-entity", "other-org"];

/** Rows of a program template kind: drafts, or with `:published` the published revisions. */
const TEMPLATE_RESOURCES: Record<string, { kind: TemplateKind; state: "draft" | "published" }> = {};
for (const kind of ["project", "milestone", "task", "step"] as const) {
  TEMPLATE_RESOURCES[`${kind}-templates`] = { kind, state: "draft" };
  TEMPLATE_RESOURCES[`${kind}-templates:published`] = { kind, state: "published" };
}

/**
 * The rows a caller aims at for a resource key: a route segment before a dynamic one, or a key a
 * sample names. An unknown resource falls back to user ids: the generic rules still hold for
 * whatever the route reads.
 */
export function targetsFor(resource: string, fx: AuthzFixtures, caller: FixtureUser | null): Target[] {
  const self = caller ?? fx.users.employee1;
  const { users: u, entities: e, professions: p, engine } = fx;
  const template = TEMPLATE_RESOURCES[resource];
  if (template) {
    return unitTargets(fx, self, (unit) => ({ resource: `${template.kind}-templates`, id: engine.templates[template.state][unit][template.kind].id }));
  }
  const work = (row: (worker: Worker) => TargetRow) => WORK_LABELS.map((label) => ({ label, row: row(workerFor(fx, self, label)) }));
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
    case "guides":
      return unitTargets(fx, self, (unit) => ({ resource: "guides", id: engine.guides[unit].id }));
    case "translations":
      // German, so that deleting it leaves the guide its English translation (the last one cannot go).
      return unitTargets(fx, self, (unit) => ({ resource: "guides", id: engine.guides[unit].id, value: "de" }));
    case "projects":
      return work((w) => ({ resource: "projects", id: engine.work[w].project.id }));
    case "milestones":
      return work((w) => ({ resource: "milestones", id: engine.work[w].milestone.id }));
    case "tasks":
      return work((w) => ({ resource: "tasks", id: engine.work[w].task.id }));
    case "steps":
      return work((w) => ({ resource: "steps", id: engine.work[w].stepId }));
    case "checklists":
      return work((w) => ({ resource: "checklists", id: engine.work[w].checklistId }));
    case "items":
      return work((w) => ({ resource: "items", id: engine.work[w].itemId }));
    case "task-requests":
      return work((w) => ({ resource: "task-requests", id: engine.work[w].request.id }));
    default:
      return [
        { label: "own", row: userRow(self) },
        { label: "peer", row: userRow(u.employee2) },
        { label: "other-entity", row: userRow(u.employeeB) },
        { label: "other-org", row: userRow(u.userD) },
      ];
  }
}
