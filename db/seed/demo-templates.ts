// Writes the demo programs (demo-programs.ts) as template rows: one bulk insert per table, with
// every process definition parsed by the same zod schema the API uses, so the seed can never hold
// a definition the product would refuse.
import { isNull, sql } from "drizzle-orm";
import type { DbOrTx } from "../client";
import {
  guideables,
  milestoneTemplates,
  milestoneTemplateTaskTemplate,
  type NewGuideable,
  projectTemplateMilestoneTemplate,
  projectTemplates,
  stepTemplates,
  taskTempParentTaskTemp,
  taskTemplateProfession,
  taskTemplates,
  taskTemplateStepTemplate,
} from "../schema";
import { processDefinition } from "../../lib/templates/process-definition";
import type { EntityKey, GuideKey, ProfessionKey } from "./demo-content";
import type { MilestoneSpec, ProgramSpec, TaskSpec } from "./demo-programs";

export type TemplateContext = {
  entityId: Record<EntityKey, number>;
  professionId: Record<ProfessionKey, number>;
  guideId: (key: GuideKey) => number;
  adminId: number;
  publishedAt: Date;
};

export type SeededProgram = { id: number; name: string; profession: ProfessionKey; isDraft: boolean };

export async function insertPrograms(tx: DbOrTx, programs: ProgramSpec[], ctx: TemplateContext): Promise<SeededProgram[]> {
  // Shared milestones and tasks appear once however many programs use them (object identity).
  const milestoneSpecs = unique(programs.flatMap((p) => p.milestones.map((m) => m.milestone)));
  const taskSpecs = unique(milestoneSpecs.flatMap((m) => m.tasks));
  const stepSpecs = taskSpecs.flatMap((t) => t.steps);
  assertUniqueNames("milestone", milestoneSpecs);
  assertUniqueNames("task", taskSpecs);
  assertUniqueNames("step", stepSpecs);
  const draftMilestones = new Set(milestoneSpecs.filter((m) => m.isDraft));
  const draftTasks = new Set(milestoneSpecs.filter((m) => draftMilestones.has(m)).flatMap((m) => m.tasks));
  const revision = (isDraft: boolean) => ({ isDraft, publishedAt: isDraft ? null : ctx.publishedAt, createdBy: ctx.adminId });

  const programRows = await tx
    .insert(projectTemplates)
    .values(
      programs.map((p) => ({
        name: p.name,
        description: p.description,
        entityId: ctx.entityId[p.entity],
        professionId: ctx.professionId[p.profession],
        durationDays: p.durationDays,
        ...revision(p.isDraft),
      })),
    )
    .returning({ id: projectTemplates.id, name: projectTemplates.name });
  const milestoneRows = await tx
    .insert(milestoneTemplates)
    .values(
      milestoneSpecs.map((m) => ({
        name: m.name,
        description: m.description,
        entityId: ctx.entityId[m.entity],
        expectedHours: m.hours,
        ...revision(draftMilestones.has(m)),
      })),
    )
    .returning({ id: milestoneTemplates.id, name: milestoneTemplates.name });
  const taskEntity = new Map(milestoneSpecs.flatMap((m) => m.tasks.map((t) => [t, ctx.entityId[m.entity]] as const)));
  const taskRows = await tx
    .insert(taskTemplates)
    .values(
      taskSpecs.map((t) => ({
        name: t.name,
        description: t.description,
        entityId: taskEntity.get(t) ?? null,
        kind: t.kind ?? "task",
        expectedMinutes: t.minutes,
        ...revision(draftTasks.has(t)),
      })),
    )
    .returning({ id: taskTemplates.id, name: taskTemplates.name });
  const stepDraft = new Map(taskSpecs.flatMap((t) => t.steps.map((s) => [s, draftTasks.has(t)] as const)));
  // A step belongs to its task's unit, like the task: a shared (entity-less) step is read-only to
  // every admin, so a draft program holding one could never be published from the builder.
  const stepEntity = new Map(taskSpecs.flatMap((t) => t.steps.map((s) => [s, taskEntity.get(t) ?? null] as const)));
  const stepRows = await tx
    .insert(stepTemplates)
    .values(
      stepSpecs.map((s) => {
        const definition = processDefinition.parse(s.definition);
        return { name: s.name, kind: definition.type, processDefinition: definition, entityId: stepEntity.get(s) ?? null, ...revision(stepDraft.get(s) ?? false) };
      }),
    )
    .returning({ id: stepTemplates.id, name: stepTemplates.name });

  const programId = idsByName(programRows);
  const milestoneId = idsByName(milestoneRows);
  const taskId = idsByName(taskRows);
  const stepId = idsByName(stepRows);

  await tx.insert(projectTemplateMilestoneTemplate).values(
    programs.flatMap((p) =>
      p.milestones.map((m, i) => ({
        projectTemplateId: programId(p.name),
        milestoneTemplateId: milestoneId(m.milestone.name),
        position: i + 1,
        startOffsetDays: m.offset,
        durationDays: m.duration,
      })),
    ),
  );
  await tx.insert(milestoneTemplateTaskTemplate).values(
    milestoneSpecs.flatMap((m) => m.tasks.map((t, i) => ({ milestoneTemplateId: milestoneId(m.name), taskTemplateId: taskId(t.name), position: i + 1 }))),
  );
  await tx.insert(taskTemplateStepTemplate).values(
    taskSpecs.flatMap((t) => t.steps.map((s, i) => ({ taskTemplateId: taskId(t.name), stepTemplateId: stepId(s.name), order: (i + 1) * 10 }))),
  );
  await tx.insert(taskTempParentTaskTemp).values(
    taskSpecs.flatMap((t) => (t.parents ?? []).map((parent) => ({ taskTemplateId: taskId(t.name), parentTaskTemplateId: taskId(parent) }))),
  );
  // A task belongs to the professions of every program that contains it.
  const professionLinks = new Map<string, { taskTemplateId: number; professionId: number }>();
  for (const p of programs) {
    for (const t of p.milestones.flatMap((m) => m.milestone.tasks)) {
      const link = { taskTemplateId: taskId(t.name), professionId: ctx.professionId[p.profession] };
      professionLinks.set(`${link.taskTemplateId}:${link.professionId}`, link);
    }
  }
  await tx.insert(taskTemplateProfession).values([...professionLinks.values()]);
  await tx.insert(guideables).values(
    guideLinks(ctx, programs, milestoneSpecs, taskSpecs, { program: programId, milestone: milestoneId, task: taskId, step: stepId }),
  );

  // Each row is the first revision of its lineage.
  await tx.update(projectTemplates).set({ lineageId: sql`${projectTemplates.id}` }).where(isNull(projectTemplates.lineageId));
  await tx.update(milestoneTemplates).set({ lineageId: sql`${milestoneTemplates.id}` }).where(isNull(milestoneTemplates.lineageId));
  await tx.update(taskTemplates).set({ lineageId: sql`${taskTemplates.id}` }).where(isNull(taskTemplates.lineageId));
  await tx.update(stepTemplates).set({ lineageId: sql`${stepTemplates.id}` }).where(isNull(stepTemplates.lineageId));
  return programs.map((p) => ({ id: programId(p.name), name: p.name, profession: p.profession, isDraft: p.isDraft }));
}

type IdOf = (name: string) => number;

/** Guides linked to programs, milestones, tasks and instruction steps (items link at instantiation). */
function guideLinks(
  ctx: TemplateContext,
  programs: ProgramSpec[],
  milestones: MilestoneSpec[],
  tasks: TaskSpec[],
  id: { program: IdOf; milestone: IdOf; task: IdOf; step: IdOf },
): NewGuideable[] {
  const link = (key: GuideKey, guideableType: NewGuideable["guideableType"], guideableId: number): NewGuideable => ({
    guideId: ctx.guideId(key),
    guideableType,
    guideableId,
  });
  const stepLinks = tasks.flatMap((t) =>
    t.steps.flatMap((s) => {
      if (s.definition.type !== "instruction") return [];
      const guideableId = id.step(s.name);
      return (s.definition.guide_ids ?? []).map((guideId) => ({ guideId, guideableType: "step_template" as const, guideableId }));
    }),
  );
  return [
    ...programs.flatMap((p) => (p.guides ?? []).map((g) => link(g, "project_template", id.program(p.name)))),
    ...milestones.flatMap((m) => (m.guides ?? []).map((g) => link(g, "milestone_template", id.milestone(m.name)))),
    ...tasks.flatMap((t) => (t.guides ?? []).map((g) => link(g, "task_template", id.task(t.name)))),
    ...stepLinks,
  ];
}

function unique<T>(values: T[]): T[] {
  return [...new Set(values)];
}

function assertUniqueNames(what: string, specs: { name: string }[]): void {
  const seen = new Set<string>();
  for (const { name } of specs) {
    // Rows are matched back to their spec by name, so a repeated name would cross-wire links.
    if (seen.has(name)) throw new Error(`demo content: ${what} name "${name}" is used twice`);
    seen.add(name);
  }
}

function idsByName(rows: { id: number; name: string }[]): IdOf {
  const map = new Map(rows.map((r) => [r.name, r.id]));
  return (name) => {
    const found = map.get(name);
    if (found === undefined) throw new Error(`demo content: unknown template "${name}"`);
    return found;
  };
}
