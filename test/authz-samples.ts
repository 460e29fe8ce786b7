// Sample inputs of the authorization walker, by "METHOD /api/path": enough for a permitted caller
// to get past validation and reach the service, so that a refusal is the rules' and not bad input.
// Bodies are built per caller and target (authz-plan.ts), naming rows of the same unit.
import type { Sample, SampleContext } from "./authz-plan";
import type { TemplateKind } from "./authz-engine-fixtures";
import { type TargetRow, unitOf, workerFor } from "./authz-targets";

const templates = ({ fx }: SampleContext) => fx.engine.templates;
const milestoneLinks = (id: number) => [{ milestone_template_id: id, start_offset_days: 0, duration_days: 3 }];

/** Creating a template of each kind: its own fields, in an entity the body names. */
const NEW_TEMPLATE: Record<TemplateKind, (ctx: SampleContext) => Record<string, unknown>> = {
  project: ({ fresh }) => ({ name: fresh("New program"), duration_days: 10 }),
  milestone: ({ fresh }) => ({ name: fresh("New milestone"), expected_hours: 4 }),
  task: ({ fresh }) => ({ name: fresh("New task"), kind: "task", expected_minutes: 30 }),
  step: ({ fresh }) => ({ name: fresh("New step"), process_definition: { type: "instruction", body: "Read the handbook." } }),
};

function templateSamples(): Record<string, Sample> {
  const samples: Record<string, Sample> = {};
  for (const kind of ["project", "milestone", "task", "step"] as const) {
    const base = `/api/${kind}-templates`;
    samples[`GET ${base}`] = { queryTargets: { resource: "entities", query: (id) => `entity_id=${id}` } };
    samples[`POST ${base}`] = { bodyTargets: "entities", body: (ctx) => ({ ...NEW_TEMPLATE[kind](ctx), entity_id: ctx.target?.row.id }) };
    samples[`PATCH ${base}/[id]`] = { body: () => ({ description: "Changed by the walker" }) };
    // A published revision is the only thing a new draft revision can be made from.
    samples[`POST ${base}/[id]/drafts`] = { targets: `${kind}-templates:published` };
  }
  return samples;
}

/** The worker whose running work the target aims at, as a user id (progress is reported in their name). */
const workerId = ({ fx, self, target }: SampleContext) => fx.users[workerFor(fx, self, target?.label ?? "own")].id;

const professionOf = ({ fx, unit }: SampleContext) => (unit === "D" ? fx.professions.D : unit === "B" ? fx.professions.B : fx.professions.A);

const publishedProgram = (ctx: SampleContext): TargetRow => ({ resource: "project-templates", id: templates(ctx).published[ctx.unit].project.id });
const publishedTask = (ctx: SampleContext): TargetRow => ({ resource: "task-templates", id: templates(ctx).published[ctx.unit].task.id });
/** A draft program of the caller's own unit: the template an author links guides to. */
const ownDraftProgram = (ctx: SampleContext): TargetRow => ({ resource: "project-templates", id: templates(ctx).draft[unitOf(ctx.fx, ctx.self)].project.id });

export const SAMPLES: Record<string, Sample> = {
  // ── identity ──
  "GET /api/users": { queryTargets: { resource: "entities", query: (id) => `entity_id=${id}` } },
  "POST /api/users": {
    bodyTargets: "entities",
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
  "POST /api/entities": { bodyTargets: "entities", body: ({ fresh, target }) => ({ name: fresh("New entity"), parent_id: target?.row.id }) },
  "PATCH /api/entities/[id]": {
    body: () => ({ name: "Renamed" }),
    bodyRefs: { at: "child-entity", fields: [{ field: "parent_id", resource: "entities" }] },
  },
  "POST /api/professions": { body: ({ fresh }) => ({ name: fresh("New profession") }) },
  "PATCH /api/professions/[id]": { body: ({ fresh }) => ({ name: fresh("Renamed profession") }) },
  "GET /api/tokens": { queryTargets: { resource: "users", query: (id) => `user_id=${id}` } },
  "POST /api/tokens": { body: () => ({ name: "walker new token", scopes: ["read"] }) },

  // ── templates: the target's own unit names the children a draft links to ──
  ...templateSamples(),
  // A draft links children it can see: its own department's, the company's, shared ones; never a sibling's.
  "PUT /api/project-templates/[id]/milestones": {
    body: (ctx) => milestoneLinks(templates(ctx).published[ctx.unit].milestone.id),
    bodyRefs: { at: "own", fields: [{ field: "milestone_template_id", resource: "milestone-templates:published", body: milestoneLinks }] },
  },
  "PUT /api/milestone-templates/[id]/tasks": {
    body: (ctx) => [{ task_template_id: templates(ctx).published[ctx.unit].task.id }],
    bodyRefs: { at: "own", fields: [{ field: "task_template_id", resource: "task-templates:published", body: (id) => [{ task_template_id: id }] }] },
  },
  "PUT /api/task-templates/[id]/steps": {
    body: (ctx) => [{ step_template_id: templates(ctx).published[ctx.unit].step.id }],
    bodyRefs: { at: "own", fields: [{ field: "step_template_id", resource: "step-templates:published", body: (id) => [{ step_template_id: id }] }] },
  },
  "PUT /api/task-templates/[id]/parents": {
    body: (ctx) => [templates(ctx).published[ctx.unit].task.id],
    bodyRefs: { at: "own", fields: [{ field: "parent", resource: "task-templates:published", body: (id) => [id] }] },
  },
  "PUT /api/task-templates/[id]/professions": {
    body: (ctx) => [professionOf(ctx).id],
    bodyRefs: { at: "own", fields: [{ field: "profession", resource: "professions", body: (id) => [id] }] },
  },

  // ── guides ──
  "POST /api/guides": {
    bodyTargets: "entities",
    body: ({ fresh, target }) => ({
      name: fresh("New guide"),
      format: "text",
      entity_id: target?.row.id,
      translations: [{ language: "en", title: "Walker guide", body: "Read me." }],
    }),
  },
  "PATCH /api/guides/[id]": {
    body: () => ({ is_published: true }),
    bodyRefs: { at: "own", fields: [{ field: "entity_id", resource: "entities" }] },
  },
  "PUT /api/guides/[id]/translations/[language]": { body: () => ({ title: "Walker translation", body: "Lies mich." }) },
  // An author links any guide they read to a template they maintain: the guide is read, the template changed.
  "POST /api/guides/[id]/links": {
    access: "see",
    body: (ctx) => ({ guideable_type: "project_template", guideable_id: ownDraftProgram(ctx).id }),
    named: (ctx) => [{ row: ownDraftProgram(ctx), access: "oversee" }],
  },
  // Each unit's guide is linked to the unit's published program (the fixtures), so there is a link to remove.
  "DELETE /api/guides/[id]/links": {
    access: "see",
    body: (ctx) => ({ guideable_type: "project_template", guideable_id: publishedProgram(ctx).id }),
    named: (ctx) => [{ row: publishedProgram(ctx), access: "oversee" }],
  },
  "GET /api/guideables": { queryTargets: { resource: "project-templates:published", query: (id) => `type=project_template&id=${id}` } },

  // ── onboarding, tasks, progress ──
  "POST /api/onboarding/start": {
    bodyTargets: "users",
    body: (ctx) => ({ user_id: ctx.target?.row.id, project_template_id: publishedProgram(ctx).id }),
    named: (ctx) => [{ row: publishedProgram(ctx), access: "see" }],
    bodyRefs: { at: "own", fields: [{ field: "project_template_id", resource: "project-templates:published" }] },
  },
  "GET /api/tasks": { queryTargets: { resource: "users", query: (id) => `assignee_id=${id}` } },
  "POST /api/tasks/assign": {
    bodyTargets: "users",
    body: (ctx) => ({ template_id: publishedTask(ctx).id, user_ids: [ctx.target?.row.id] }),
    named: (ctx) => [{ row: publishedTask(ctx), access: "see" }],
    bodyRefs: { at: "own", fields: [{ field: "template_id", resource: "task-templates:published" }] },
  },
  "PATCH /api/tasks/[id]": { body: () => ({ description: "Changed by the walker" }) },
  "POST /api/tasks/[id]/transition": { body: ({ fx }) => ({ status_id: fx.engine.statuses.taskInProgress }) },
  "POST /api/progress/update": {
    bodyTargets: "tasks",
    body: (ctx) => ({ user_id: workerId(ctx), task_id: ctx.target?.row.id, status_id: ctx.fx.engine.statuses.taskInProgress }),
  },
  "GET /api/projects": { queryTargets: { resource: "users", query: (id) => `onboardee_id=${id}` } },
  "PATCH /api/checklists/[id]/items/[itemId]": { body: () => ({ action: "complete" }) },

  // ── task requests ──
  // Asking for help on a task reads that task; the request itself is the caller's own.
  "POST /api/task-requests": {
    bodyTargets: "tasks",
    access: "see",
    body: ({ fresh, self, target }) => ({ title: fresh("Walker request"), related_task_id: target?.row.id, assignee_ids: [self.id] }),
    // A requested task follows a template: the requester must see it as templates are seen.
    bodyRefs: { at: "own", fields: [{ field: "task_template_id", resource: "task-templates:published" }] },
  },
  "POST /api/task-requests/[id]/reject": { body: () => ({ note: "Not this week." }) },
};
