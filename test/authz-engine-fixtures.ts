// Onboarding-engine rows of the authorization walker's fixtures (test/authz-fixtures.ts): in each of
// departments A and B, company C and organisation D a published program and a draft one (project →
// milestone → task → step templates) and a published guide in two languages; and for employee1,
// employee2 (A), employeeB (B) and userD (D) a running program (project, milestone, task with its
// step log, a checklist whose item waits for validation) and a pending task request. Every name
// carries a random marker, so an answer can be searched for rows it must not show.
import { randomBytes } from "node:crypto";
import { asc, eq, inArray, sql } from "drizzle-orm";
import { type Db, queryRows } from "../db/client";
import {
  checklistItems,
  checklists,
  guideables,
  guides,
  guideTranslations,
  languages,
  milestones,
  projects,
  projectTemplates,
  stepTemplates,
  taskRequest,
  taskRequestAssignee,
  tasks,
  taskSteps,
  taskTemplateStepTemplate,
} from "../db/schema";
import { instantiateProgram } from "../lib/programs/instantiate";
import { statusIdOf } from "../lib/statuses/service";
import { checklistStep, createGuide, createProgram, instructionStep } from "./factories";

/** Where engine rows are owned: the departments A and B, their company C and the other organisation D. */
export const UNITS = ["A", "B", "C", "D"] as const;
export type Unit = (typeof UNITS)[number];
/** The people whose running work the walker aims at, and the unit each sits in. */
export const WORKERS = { employee1: "A", employee2: "A", employeeB: "B", userD: "D" } as const satisfies Record<string, Unit>;
export type Worker = keyof typeof WORKERS;

export const TEMPLATE_KINDS = ["project", "milestone", "task", "step"] as const;
export type TemplateKind = (typeof TEMPLATE_KINDS)[number];

export type NamedRow = { id: number; name: string };
/** One program tree: a template of each kind, each linked to the next. */
export type TemplateChain = Record<TemplateKind, NamedRow>;

export type RunningWork = {
  project: NamedRow;
  milestone: NamedRow;
  task: NamedRow;
  /** The task's instruction step (completed by hand). */
  stepId: number;
  checklistId: number;
  /** The checklist's only item; it requires a manager's validation. */
  itemId: number;
  /** A pending request for help on the task, made by the worker. */
  request: NamedRow;
};

export type EngineFixtures = {
  templates: { published: Record<Unit, TemplateChain>; draft: Record<Unit, TemplateChain> };
  /** A published guide per unit, in English and German, linked to the unit's published program. */
  guides: Record<Unit, NamedRow>;
  work: Record<Worker, RunningWork>;
  statuses: { taskInProgress: number };
};

const marker = () => randomBytes(5).toString("hex");
const named = (label: string) => `${label} ${marker()}`;

async function rename(db: Db, table: typeof projectTemplates | typeof projects | typeof milestones | typeof tasks, id: number, label: string) {
  const name = named(label);
  await db.update(table).set({ name }).where(eq(table.id, id));
  return { id, name };
}

function required<T>(value: T | undefined, what: string): T {
  if (value === undefined) throw new Error(`fixture ${what} is missing`);
  return value;
}

/**
 * A program tree owned by one entity, through the shared factory. The factory's step templates are
 * shared (no entity); the walker's are owned like the rest of the tree, so their scope is tested.
 */
async function seedChain(db: Db, entityId: number, isDraft: boolean): Promise<TemplateChain> {
  const milestoneName = named("Milestone");
  const taskName = named("Task template");
  const steps = isDraft ? [instructionStep()] : [instructionStep(), checklistStep("sequential", ["Sign off"], [0])];
  const program = await createProgram(db, { entityId, isDraft, milestones: [{ name: milestoneName, offset: 0, duration: 5, tasks: [{ name: taskName, steps }] }] });
  const taskId = required(program.taskIdByName.get(taskName), "task template");
  const stepLinks = await db
    .select({ id: taskTemplateStepTemplate.stepTemplateId })
    .from(taskTemplateStepTemplate)
    .where(eq(taskTemplateStepTemplate.taskTemplateId, taskId))
    .orderBy(asc(taskTemplateStepTemplate.order));
  await db.update(stepTemplates).set({ entityId }).where(inArray(stepTemplates.id, stepLinks.map((s) => s.id)));
  const [step] = await db.select({ id: stepTemplates.id, name: stepTemplates.name }).from(stepTemplates).where(eq(stepTemplates.id, required(stepLinks[0], "step").id));
  return {
    project: await rename(db, projectTemplates, program.templateId, isDraft ? "Draft program" : "Program"),
    milestone: { id: required(program.milestoneIdByName.get(milestoneName), "milestone template"), name: milestoneName },
    task: { id: taskId, name: taskName },
    step: required(step, "step template"),
  };
}

async function seedGuide(db: Db, entityId: number, programId: number): Promise<NamedRow> {
  const row = await createGuide(db, entityId);
  const name = named("Guide");
  await db.update(guides).set({ name, isPublished: true }).where(eq(guides.id, row.id));
  const langs = await db.select({ id: languages.id, code: languages.code }).from(languages).where(inArray(languages.code, ["en", "de"]));
  await db.insert(guideTranslations).values(langs.map((l) => ({ guideId: row.id, languageId: l.id, title: `${name} (${l.code})`, body: "Walker guide." })));
  await db.insert(guideables).values({ guideId: row.id, guideableType: "project_template", guideableId: programId });
  return { id: row.id, name };
}

async function seedWork(db: Db, worker: { id: number; entityId: number }, programId: number, pendingId: number): Promise<RunningWork> {
  const started = await db.transaction((tx) =>
    instantiateProgram(tx, { projectTemplateId: programId, onboardeeId: worker.id, createdBy: null, startDate: "2030-01-07" }),
  );
  const taskId = required(started.taskIds[0], "task");
  const [step] = await db.select({ id: taskSteps.id }).from(taskSteps).where(eq(taskSteps.taskId, taskId)).orderBy(asc(taskSteps.position)).limit(1);
  const [item] = await db
    .select({ id: checklistItems.id, checklistId: checklists.id })
    .from(checklistItems)
    .innerJoin(checklists, eq(checklists.id, checklistItems.checklistId))
    .where(eq(checklists.taskId, taskId));
  const title = named("Request");
  const [request] = await db
    .insert(taskRequest)
    .values({ title, approvalRequired: true, statusId: pendingId, createdBy: worker.id, entityId: worker.entityId, projectId: started.projectId, relatedTaskId: taskId })
    .returning({ id: taskRequest.id });
  await db.insert(taskRequestAssignee).values({ taskRequestId: required(request, "task request").id, assigneeId: worker.id });
  return {
    project: await rename(db, projects, started.projectId, "Project"),
    milestone: await rename(db, milestones, required(started.milestoneIds[0], "milestone"), "Milestone"),
    task: await rename(db, tasks, taskId, "Task"),
    stepId: required(step, "task step").id,
    checklistId: required(item, "checklist item").checklistId,
    itemId: required(item, "checklist item").id,
    request: { id: required(request, "task request").id, name: title },
  };
}

export async function seedEngineFixtures(
  db: Db,
  entityOf: Record<Unit, number>,
  people: Record<Worker, { id: number; entityId: number }>,
): Promise<EngineFixtures> {
  const published = {} as Record<Unit, TemplateChain>;
  const draft = {} as Record<Unit, TemplateChain>;
  const guideOf = {} as Record<Unit, NamedRow>;
  for (const unit of UNITS) {
    published[unit] = await seedChain(db, entityOf[unit], false);
    draft[unit] = await seedChain(db, entityOf[unit], true);
    guideOf[unit] = await seedGuide(db, entityOf[unit], published[unit].project.id);
  }
  const pendingId = await statusIdOf(db, "task_request", "pending_approval");
  const work = {} as Record<Worker, RunningWork>;
  for (const [worker, unit] of Object.entries(WORKERS) as [Worker, Unit][]) {
    work[worker] = await seedWork(db, people[worker], published[unit].project.id, pendingId);
  }
  return { templates: { published, draft }, guides: guideOf, work, statuses: { taskInProgress: await statusIdOf(db, "task", "in_progress") } };
}

/** Names of every engine row: markers a caller of another, separate fixture set may never see. */
export function engineMarkers(fx: EngineFixtures): string[] {
  const chains = [...Object.values(fx.templates.published), ...Object.values(fx.templates.draft)];
  return [
    ...chains.flatMap((c) => TEMPLATE_KINDS.map((k) => c[k].name)),
    ...Object.values(fx.guides).map((g) => g.name),
    ...Object.values(fx.work).flatMap((w) => [w.project.name, w.milestone.name, w.task.name, w.request.name]),
  ];
}

/** Where every engine row sits at one moment: its owning entity and the people it belongs to. */
export type EnginePlacement = {
  template: ReadonlyMap<string, number | null>;
  guide: ReadonlyMap<number, { entityId: number | null; published: boolean }>;
  task: ReadonlyMap<number, { entityId: number | null; assignees: { userId: number; role: string }[] }>;
  project: ReadonlyMap<number, { entityId: number | null; onboardeeId: number | null }>;
  milestone: ReadonlyMap<number, number | null>;
  step: ReadonlyMap<number, number>;
  checklist: ReadonlyMap<number, number | null>;
  item: ReadonlyMap<number, number>;
  request: ReadonlyMap<number, { entityId: number | null; createdBy: number | null; assignees: number[] }>;
};

export const templateKey = (kind: TemplateKind, id: number) => `${kind}:${id}`;

type Pairs = [number, number | null][];
type Triples = [number, number | null, number | string | boolean | null][];

/** One query: the placement is reloaded after every permitted write, so it must stay cheap. */
export async function loadEnginePlacement(db: Db): Promise<EnginePlacement> {
  const pairs = (table: string, a: string, b: string) => sql.raw(`(select coalesce(json_agg(json_build_array(${a}, ${b})), '[]') from ${table})`);
  const triples = (table: string, a: string, b: string, c: string) =>
    sql.raw(`(select coalesce(json_agg(json_build_array(${a}, ${b}, ${c})), '[]') from ${table})`);
  const [row] = await queryRows<Record<string, Pairs | Triples>>(
    db,
    sql`select ${pairs("project_templates", "id", "entity_id")} as project, ${pairs("milestone_templates", "id", "entity_id")} as milestone,
      ${pairs("task_templates", "id", "entity_id")} as task, ${pairs("step_templates", "id", "entity_id")} as step,
      ${triples("guides", "id", "entity_id", "is_published")} as guides, ${pairs("tasks", "id", "entity_id")} as tasks,
      ${triples("task_assignee", "task_id", "assignee_id", "role")} as assignees, ${triples("projects", "id", "entity_id", "onboardee_id")} as projects,
      ${pairs("milestones", "id", "project_id")} as milestones, ${pairs("task_steps", "id", "task_id")} as steps,
      ${pairs("checklists", "id", "task_id")} as checklists, ${pairs("checklist_items", "id", "checklist_id")} as items,
      ${triples("task_request", "id", "entity_id", "created_by")} as requests, ${pairs("task_request_assignee", "task_request_id", "assignee_id")} as request_assignees`,
  );
  if (!row) throw new Error("no placement row");
  const list = (key: string) => (row[key] ?? []) as Triples;
  const template = new Map<string, number | null>();
  for (const kind of TEMPLATE_KINDS) for (const [id, entityId] of list(kind)) template.set(templateKey(kind, id), entityId);
  const assignees = new Map<number, { userId: number; role: string }[]>();
  for (const [taskId, userId, role] of list("assignees")) assignees.set(taskId, [...(assignees.get(taskId) ?? []), { userId: Number(userId), role: String(role) }]);
  const requestAssignees = new Map<number, number[]>();
  for (const [requestId, userId] of list("request_assignees")) requestAssignees.set(requestId, [...(requestAssignees.get(requestId) ?? []), Number(userId)]);
  const toId = (v: unknown) => (v === null || v === undefined ? null : Number(v));
  return {
    template,
    guide: new Map(list("guides").map(([id, entityId, published]) => [id, { entityId, published: published === true }])),
    task: new Map(list("tasks").map(([id, entityId]) => [id, { entityId, assignees: assignees.get(id) ?? [] }])),
    project: new Map(list("projects").map(([id, entityId, onboardeeId]) => [id, { entityId, onboardeeId: toId(onboardeeId) }])),
    milestone: new Map(list("milestones").map(([id, projectId]) => [id, projectId])),
    step: new Map(list("steps").map(([id, taskId]) => [id, Number(taskId)])),
    checklist: new Map(list("checklists").map(([id, taskId]) => [id, taskId])),
    item: new Map(list("items").map(([id, checklistId]) => [id, Number(checklistId)])),
    request: new Map(list("requests").map(([id, entityId, createdBy]) => [id, { entityId, createdBy: toId(createdBy), assignees: requestAssignees.get(id) ?? [] }])),
  };
}
