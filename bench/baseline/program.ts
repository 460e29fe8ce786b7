// Reading a published program as lib/programs/program-template.ts does (template, milestones, task
// placements, parent links, steps) and turning it into the rows of one onboardee's project: the
// same statements, and the same ordering rules (parents first), without the ORM.
import { addWorkingDays, endOfWorkingSpan, nextWorkingDay } from "../../lib/programs/working-days";
import { HttpError, placeholders, type Queryable, rows } from "./common";

type Milestone = { id: number; name: string; description: string | null; expected_hours: number; position: number; start_offset_days: number; duration_days: number };
type Placement = { milestone_template_id: number; position: number; id: number; name: string; description: string | null; kind: string; expected_minutes: number };
export type PlannedTask = { key: number; milestonePosition: number; position: number; taskTemplateId: number; name: string; description: string | null; kind: string; expectedMinutes: number; parentKeys: number[] };
export type PlannedStep = { stepTemplateId: number; name: string; kind: string; checklist: { mode: string; items: { title: string; requires_validation: boolean }[] } | null };
export type Program = { id: number; name: string; description: string | null; durationDays: number; milestones: Milestone[]; tasks: PlannedTask[]; steps: Map<number, PlannedStep[]> };

export async function loadProgram(tx: Queryable, templateId: number): Promise<Program> {
  const [template] = await rows<{ id: number; name: string; description: string | null; duration_days: number; is_draft: boolean }>(
    tx,
    `select "id", "name", "description", "duration_days", "is_draft" from "project_templates" where "project_templates"."id" = $1`,
    [templateId],
  );
  if (!template || template.is_draft) throw new HttpError(422, `program template ${templateId} cannot be started`);
  const milestones = await rows<Milestone>(
    tx,
    `select "milestone_templates"."id", "milestone_templates"."name", "milestone_templates"."description", "milestone_templates"."expected_hours", "project_template_milestone_template"."position", "project_template_milestone_template"."start_offset_days", "project_template_milestone_template"."duration_days" from "project_template_milestone_template" inner join "milestone_templates" on "milestone_templates"."id" = "project_template_milestone_template"."milestone_template_id" where "project_template_milestone_template"."project_template_id" = $1 order by "project_template_milestone_template"."position" asc`,
    [templateId],
  );
  const placements = await rows<Placement>(
    tx,
    `select "milestone_template_task_template"."milestone_template_id", "milestone_template_task_template"."position", "task_templates"."id", "task_templates"."name", "task_templates"."description", "task_templates"."kind", "task_templates"."expected_minutes" from "milestone_template_task_template" inner join "task_templates" on "task_templates"."id" = "milestone_template_task_template"."task_template_id" where "milestone_template_task_template"."milestone_template_id" in (${placeholders(milestones.length)})`,
    milestones.map((m) => m.id),
  );
  const positionOf = new Map(milestones.map((m) => [m.id, m.position]));
  const placed = placements
    .map((p) => ({ ...p, milestonePosition: positionOf.get(p.milestone_template_id) ?? 0 }))
    .sort((a, b) => a.milestonePosition - b.milestonePosition || a.position - b.position);
  const templateIds = [...new Set(placed.map((p) => p.id))];
  const links = await rows<{ task_template_id: number; parent_task_template_id: number }>(
    tx,
    `select "task_template_id", "parent_task_template_id" from "task_temp_parent_task_temp" where "task_temp_parent_task_temp"."task_template_id" in (${placeholders(templateIds.length)})`,
    templateIds,
  );
  const stepRows = await rows<{ task_template_id: number; id: number; name: string; kind: string; process_definition: { mode?: string; items?: { title: string; requires_validation?: boolean }[] } }>(
    tx,
    `select "task_template_step_template"."task_template_id", "step_templates"."id", "step_templates"."name", "step_templates"."kind", "step_templates"."process_definition" from "task_template_step_template" inner join "step_templates" on "step_templates"."id" = "task_template_step_template"."step_template_id" where "task_template_step_template"."task_template_id" in (${placeholders(templateIds.length)}) order by "task_template_step_template"."task_template_id" asc, "task_template_step_template"."order" asc, "step_templates"."id" asc`,
    templateIds,
  );
  const steps = new Map<number, PlannedStep[]>();
  for (const s of stepRows) {
    const checklist = s.kind === "checklist" ? { mode: s.process_definition.mode ?? "parallel", items: (s.process_definition.items ?? []).map((i) => ({ title: i.title, requires_validation: i.requires_validation ?? false })) } : null;
    steps.set(s.task_template_id, [...(steps.get(s.task_template_id) ?? []), { stepTemplateId: s.id, name: s.name, kind: s.kind, checklist }]);
  }
  const tasks: PlannedTask[] = placed.map((p, key) => ({ key, milestonePosition: p.milestonePosition, position: p.position, taskTemplateId: p.id, name: p.name, description: p.description, kind: p.kind, expectedMinutes: p.expected_minutes, parentKeys: [] }));
  // Parent links stay inside the project: the parent placed in the same milestone, else its first placement.
  for (const { task_template_id: child, parent_task_template_id: parent } of links) {
    const parents = tasks.filter((t) => t.taskTemplateId === parent);
    for (const task of tasks.filter((t) => t.taskTemplateId === child)) {
      const chosen = parents.find((p) => p.milestonePosition === task.milestonePosition) ?? parents[0];
      if (chosen && chosen.key !== task.key) task.parentKeys.push(chosen.key);
    }
  }
  const ordered: PlannedTask[] = [];
  const done = new Set<number>();
  while (ordered.length < tasks.length) {
    const next = tasks.find((t) => !done.has(t.key) && t.parentKeys.every((k) => done.has(k)));
    if (!next) throw new HttpError(422, "the program's task templates form a parent cycle");
    done.add(next.key);
    ordered.push(next);
  }
  return { id: template.id, name: template.name, description: template.description, durationDays: template.duration_days, milestones, tasks: ordered, steps };
}

/** Milestone dates on working days from the start, and the project's due date (instantiate.ts). */
export function schedule(program: Program, startDate: string) {
  const start = nextWorkingDay(startDate);
  const milestones = program.milestones.map((m) => {
    const begins = addWorkingDays(start, m.start_offset_days);
    return { ...m, startDate: begins, endDate: endOfWorkingSpan(begins, m.duration_days) };
  });
  const dueDate = milestones.reduce((due, m) => (m.endDate > due ? m.endDate : due), endOfWorkingSpan(start, program.durationDays));
  return { start, milestones, dueDate };
}

/** A multi-row INSERT as Drizzle writes it: every column listed, `default` where no value is given. */
export function insertSql(table: string, columns: string[], given: string[], rowCount: number, returning: string): { text: string; width: number } {
  let n = 0;
  const tuple = () => `(${columns.map((c) => (given.includes(c) ? `$${++n}` : "default")).join(", ")})`;
  const tuples = Array.from({ length: rowCount }, tuple);
  return { text: `insert into "${table}" (${columns.map((c) => `"${c}"`).join(", ")}) values ${tuples.join(", ")}${returning ? ` returning ${returning}` : ""}`, width: given.length };
}
