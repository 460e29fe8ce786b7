// Moves the demo onboardings forward as if people had worked through them: tasks completed in
// creation order (parents first) on working days since each start, with their steps, checklists,
// items, exam results and reviewed submissions, and milestones/projects closed when all is done.
// Every table gets one set-based update for the whole demo (bulk-update.ts).
import { and, asc, eq, inArray } from "drizzle-orm";
import type { DbOrTx } from "../client";
import {
  type Checklist,
  type ChecklistItem,
  checklistItems,
  checklists,
  guideAcknowledgements,
  type Guideable,
  guideables,
  type NewSubmission,
  type NewTaskResult,
  projects,
  type StatusDomain,
  statuses,
  stepTemplates,
  submissions,
  type Task,
  taskResults,
  tasks,
  type TaskStep,
  taskSteps,
} from "../schema";
import type { InstantiatedProgram } from "../../lib/programs/instantiate";
import type { ProcessDefinition } from "../../lib/templates/process-definition";
import { addWorkingDays, countWorkingDays } from "../../lib/programs/working-days";
import { type BulkRow, bulkUpdate } from "./bulk-update";
import type { DemoOnboarding } from "./demo-content";
import { examResult, submissionRecord } from "./demo-results";

export type StartedOnboarding = InstantiatedProgram & {
  email: string;
  onboardeeId: number;
  managerId: number | null;
  startDate: string;
  plan: DemoOnboarding;
};

type Span = { start: number; end: number };
type Loaded = {
  tasks: Task[];
  steps: TaskStep[];
  checklists: Checklist[];
  items: ChecklistItem[];
  itemGuides: Guideable[];
  definitions: Map<number, ProcessDefinition | null>;
};
type Accumulated = {
  updates: Record<"tasks" | "task_steps" | "checklists" | "checklist_items" | "milestones" | "projects", BulkRow[]>;
  results: NewTaskResult[];
  reviewed: { result: NewTaskResult; submission: Omit<NewSubmission, "taskResultId"> }[];
  acknowledged: Map<string, { guideId: number; userId: number; acknowledgedAt: Date }>;
};
type Context = { data: Loaded; acc: Accumulated; status: StatusLookup; random: () => number; notAfter: (ms: number) => number };

const MINUTE = 60_000;

export async function advanceOnboardings(tx: DbOrTx, onboardings: StartedOnboarding[], now: Date) {
  const projectIds = onboardings.map((o) => o.projectId);
  const data = await loadWork(tx, projectIds);
  const dueDates = new Map(
    (await tx.select({ id: projects.id, due: projects.dueDate }).from(projects).where(inArray(projects.id, projectIds))).map((p) => [p.id, p.due]),
  );
  const acc: Accumulated = {
    updates: { tasks: [], task_steps: [], checklists: [], checklist_items: [], milestones: [], projects: [] },
    results: [],
    reviewed: [],
    acknowledged: new Map(),
  };
  const ctx: Context = {
    data,
    acc,
    status: await loadStatusIds(tx),
    random: seededRandom(20_240_601),
    notAfter: (ms) => Math.min(ms, now.getTime() - 5 * MINUTE),
  };
  const stages = { completed: 0, inProgress: 0, planned: 0 };
  const today = now.toISOString().slice(0, 10);

  for (const o of onboardings) {
    const own = data.tasks.filter((t) => t.projectId === o.projectId);
    const elapsed = countWorkingDays(o.startDate, today);
    const total = Math.max(1, countWorkingDays(o.startDate, dueDates.get(o.projectId) ?? o.startDate));
    const share = o.plan.completed ? 1 : o.plan.daysAgo === 0 ? 0 : Math.min(0.95, (elapsed / total) * o.plan.pace);
    const doneCount = o.plan.completed ? own.length : Math.min(own.length - 1, Math.floor(own.length * share));
    // Done work is spread over the days before today; a finished program ends near its due date.
    const days = Math.max(1, o.plan.completed ? Math.min(elapsed, total + 2) : elapsed - 1);
    const times = scheduleWork(ctx, o.startDate, own.slice(0, doneCount), days);
    for (const task of own.slice(0, doneCount)) {
      const span = times.get(task.id);
      if (span) completeTask(ctx, task, span, o);
    }
    const current = o.plan.daysAgo === 0 ? undefined : own[doneCount];
    if (current) {
      const lastEnd = Math.max(0, ...[...times.values()].map((s) => s.end));
      // Started after the last finished task, and long enough ago for its first item to be ticked.
      const startedAt = Math.min(Math.max(lastEnd + 20 * MINUTE, Date.parse(`${o.startDate}T08:00:00Z`)), now.getTime() - 30 * MINUTE);
      times.set(current.id, { start: startedAt, end: startedAt });
      startTask(ctx, current, new Date(startedAt), o.onboardeeId);
    }
    const stage = closeRollups(ctx, o, own, doneCount, times);
    stages[stage] += 1;
  }

  const stamps = { started_at: "timestamptz", completed_at: "timestamptz" } as const;
  const { updates } = acc;
  await bulkUpdate(tx, "tasks", { status_id: "int", ...stamps, actual_minutes: "numeric", completed_by: "int" }, updates.tasks);
  await bulkUpdate(tx, "task_steps", { status_id: "int", ...stamps, completed_by: "int" }, updates.task_steps);
  await bulkUpdate(tx, "checklists", { status_id: "int", is_completed: "bool", completed_at: "timestamptz", completed_by: "int" }, updates.checklists);
  await bulkUpdate(
    tx,
    "checklist_items",
    { status_id: "int", completed_at: "timestamptz", completed_by: "int", validated_at: "timestamptz", validated_by: "int" },
    updates.checklist_items,
  );
  await bulkUpdate(tx, "milestones", { status_id: "int", ...stamps }, updates.milestones);
  await bulkUpdate(tx, "projects", { status_id: "int", ...stamps }, updates.projects);

  if (acc.results.length) await tx.insert(taskResults).values(acc.results);
  if (acc.reviewed.length) {
    const ids = await tx
      .insert(taskResults)
      .values(acc.reviewed.map((r) => r.result))
      .returning({ id: taskResults.id, stepId: taskResults.taskStepId });
    await tx
      .insert(submissions)
      .values(acc.reviewed.map((r) => ({ ...r.submission, taskResultId: ids.find((x) => x.stepId === r.submission.taskStepId)?.id ?? null })));
  }
  if (acc.acknowledged.size) await tx.insert(guideAcknowledgements).values([...acc.acknowledged.values()]);
  return stages;
}

async function loadWork(tx: DbOrTx, projectIds: number[]): Promise<Loaded> {
  const taskRows = await tx.select().from(tasks).where(inArray(tasks.projectId, projectIds)).orderBy(asc(tasks.id));
  const taskIds = taskRows.map((t) => t.id);
  const steps = await tx.select().from(taskSteps).where(inArray(taskSteps.taskId, taskIds)).orderBy(asc(taskSteps.position));
  const lists = await tx.select().from(checklists).where(inArray(checklists.taskId, taskIds));
  const items = await tx
    .select()
    .from(checklistItems)
    .where(inArray(checklistItems.checklistId, lists.map((c) => c.id)))
    .orderBy(asc(checklistItems.position));
  const itemGuides = await tx
    .select()
    .from(guideables)
    .where(and(eq(guideables.guideableType, "checklist_item"), inArray(guideables.guideableId, items.map((i) => i.id))));
  const definitions = await tx.select({ id: stepTemplates.id, definition: stepTemplates.processDefinition }).from(stepTemplates);
  return { tasks: taskRows, steps, checklists: lists, items, itemGuides, definitions: new Map(definitions.map((s) => [s.id, s.definition])) };
}

/** Working hours for each done task, spread evenly over `days` working days from the start. */
function scheduleWork(ctx: Context, startDate: string, done: Task[], days: number): Map<number, Span> {
  const times = new Map<number, Span>();
  let cursor = 0;
  done.forEach((task, j) => {
    const day = addWorkingDays(startDate, Math.min(days - 1, Math.floor((j * days) / done.length)));
    const actual = Math.round(task.expectedMinutes * (0.7 + ctx.random() * 0.8));
    const start = Math.max(cursor + 15 * MINUTE, Date.parse(`${day}T07:30:00Z`) + Math.floor(ctx.random() * 60) * MINUTE);
    cursor = start + actual * MINUTE;
    times.set(task.id, { start, end: cursor });
  });
  // Work logged "today" must not end in the future: shift the whole history back if it would.
  const overshoot = cursor - ctx.notAfter(cursor);
  for (const span of times.values()) Object.assign(span, { start: span.start - overshoot, end: span.end - overshoot });
  return times;
}

function completeTask(ctx: Context, task: Task, span: Span, o: StartedOnboarding): void {
  const { data, acc, status } = ctx;
  const by = o.onboardeeId;
  const reviewer = o.managerId ?? by;
  const minutes = Math.round((span.end - span.start) / MINUTE);
  acc.updates.tasks.push({
    id: task.id,
    status_id: status("task", "done"),
    started_at: new Date(span.start),
    completed_at: new Date(span.end),
    actual_minutes: minutes,
    completed_by: by,
  });
  const steps = data.steps.filter((s) => s.taskId === task.id);
  steps.forEach((step, i) => {
    const start = span.start + ((span.end - span.start) * i) / steps.length;
    const end = span.start + ((span.end - span.start) * (i + 1)) / steps.length;
    const stepDone = status("task_step", "done");
    acc.updates.task_steps.push({ id: step.id, status_id: stepDone, started_at: new Date(start), completed_at: new Date(end), completed_by: by });
    const definition = step.stepTemplateId === null ? null : data.definitions.get(step.stepTemplateId);
    if (definition?.type === "quiz") {
      acc.results.push(...examResult({ task, step, definition, userId: by, endedAt: new Date(end), actualMinutes: minutes, random: ctx.random }));
    }
    if (definition?.type === "submission") {
      const reviewedAt = new Date(ctx.notAfter(end + 3 * 60 * MINUTE));
      acc.reviewed.push(submissionRecord({ task, step, definition, userId: by, reviewerId: reviewer, reviewedAt, random: ctx.random }));
    }
    for (const checklist of data.checklists.filter((c) => c.taskStepId === step.id)) {
      const closed = status("checklist", "completed");
      acc.updates.checklists.push({ id: checklist.id, status_id: closed, is_completed: true, completed_at: new Date(end), completed_by: by });
      const items = data.items.filter((it) => it.checklistId === checklist.id);
      items.forEach((item, p) => {
        const doneAt = start + ((end - start) * (p + 1)) / items.length;
        const validatedAt = item.requiresValidation ? new Date(ctx.notAfter(doneAt + 45 * MINUTE)) : null;
        acc.updates.checklist_items.push({
          id: item.id, status_id: status("checklist_item", "done"), completed_at: new Date(doneAt), completed_by: by,
          validated_at: validatedAt, validated_by: validatedAt ? reviewer : null,
        });
        for (const link of data.itemGuides.filter((g) => g.guideableId === item.id)) {
          acc.acknowledged.set(`${link.guideId}:${by}`, { guideId: link.guideId, userId: by, acknowledgedAt: new Date(doneAt - 10 * MINUTE) });
        }
      });
    }
  });
}

/** The task being worked on now: its first step open and, for a checklist, the first item ticked. */
function startTask(ctx: Context, task: Task, startedAt: Date, onboardeeId: number): void {
  const { data, acc, status } = ctx;
  const open = { completed_at: null, completed_by: null };
  acc.updates.tasks.push({ id: task.id, status_id: status("task", "in_progress"), started_at: startedAt, actual_minutes: null, ...open });
  const first = data.steps.find((s) => s.taskId === task.id);
  if (!first) return;
  acc.updates.task_steps.push({ id: first.id, status_id: status("task_step", "in_progress"), started_at: startedAt, ...open });
  const checklist = data.checklists.find((c) => c.taskStepId === first.id);
  const item = data.items.find((it) => it.checklistId === checklist?.id);
  if (!checklist || !item) return;
  acc.updates.checklists.push({ id: checklist.id, status_id: status("checklist", "in_progress"), is_completed: false, ...open });
  // An item that needs validation waits for the manager; any other is simply done.
  acc.updates.checklist_items.push({
    id: item.id, status_id: status("checklist_item", item.requiresValidation ? "pending_validation" : "done"),
    completed_at: new Date(startedAt.getTime() + 10 * MINUTE), completed_by: onboardeeId, validated_at: null, validated_by: null,
  });
}

/** Milestones and the project follow their tasks: started with the first, completed with the last. */
function closeRollups(ctx: Context, o: StartedOnboarding, own: Task[], doneCount: number, times: Map<number, Span>): "completed" | "inProgress" | "planned" {
  const { acc, status } = ctx;
  const done = new Set(own.slice(0, doneCount).map((t) => t.id));
  const first = (spans: Span[]) => new Date(Math.min(...spans.map((s) => s.start)));
  const last = (spans: Span[]) => new Date(Math.max(...spans.map((s) => s.end)));
  for (const milestoneId of o.milestoneIds) {
    const inMilestone = own.filter((t) => t.milestoneId === milestoneId);
    const spans = inMilestone.flatMap((t) => times.get(t.id) ?? []);
    if (!spans.length) continue;
    const complete = inMilestone.every((t) => done.has(t.id));
    acc.updates.milestones.push({
      id: milestoneId,
      status_id: status("milestone", complete ? "completed" : "in_progress"),
      started_at: first(spans),
      completed_at: complete ? last(spans) : null,
    });
  }
  const spans = [...times.values()];
  if (!spans.length) return "planned";
  const complete = own.length > 0 && doneCount === own.length;
  acc.updates.projects.push({
    id: o.projectId,
    status_id: status("project", complete ? "completed" : "in_progress"),
    started_at: first(spans),
    completed_at: complete ? last(spans) : null,
  });
  return complete ? "completed" : "inProgress";
}

export type StatusLookup = (domain: StatusDomain, code: string) => number;

export async function loadStatusIds(tx: DbOrTx): Promise<StatusLookup> {
  const rows = await tx.select({ id: statuses.id, domain: statuses.domain, code: statuses.code }).from(statuses);
  return (domain, code) => {
    const row = rows.find((r) => r.domain === domain && r.code === code);
    if (!row) throw new Error(`status ${domain}/${code} is missing; apply the reference data first`);
    return row.id;
  };
}

/** mulberry32: the same demo on every run, without a dependency. */
export function seededRandom(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4_294_967_296;
  };
}
