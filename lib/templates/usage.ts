// Where a template is used: running work created from it (projects, milestones, tasks, task steps,
// task requests) and the templates that link to it. Deleting is refused while either would break.
import "server-only";
import { type SQL, sql } from "drizzle-orm";
import { queryRows, type Tx } from "../../db/client";
import type { Principal } from "../auth/principal";
import { TEMPLATE_LABELS, type TemplateKind } from "./access";

export type TemplateUser = {
  kind: TemplateKind;
  id: number;
  name: string;
  is_draft: boolean;
  /** How it uses the template: as a child it contains, or as one of its parents (task templates). */
  relation: "contains" | "has_parent";
  writable: boolean;
};

export type TemplateUsage = {
  /** Running work, by table: rows that were created from this exact revision. */
  work: { projects: number; milestones: number; tasks: number; task_steps: number; task_requests: number };
  templates: TemplateUser[];
};

const WORK_REFERENCES: Record<TemplateKind, { table: string; column: string; key: keyof TemplateUsage["work"] }[]> = {
  project: [{ table: "projects", column: "project_template_id", key: "projects" }],
  milestone: [{ table: "milestones", column: "milestone_template_id", key: "milestones" }],
  task: [
    { table: "tasks", column: "task_template_id", key: "tasks" },
    { table: "task_request", column: "task_template_id", key: "task_requests" },
  ],
  step: [{ table: "task_steps", column: "step_template_id", key: "task_steps" }],
};

/** Templates that hold this one, as rows of (kind, id, name, is_draft, entity_id, relation). */
const TEMPLATE_REFERENCES: Record<TemplateKind, ((id: number) => SQL) | null> = {
  project: null,
  milestone: (id) => sql`select 'project' as kind, p.id, p.name, p.is_draft, p.entity_id, 'contains' as relation
    from project_template_milestone_template l join project_templates p on p.id = l.project_template_id
    where l.milestone_template_id = ${id}`,
  task: (id) => sql`select 'milestone' as kind, m.id, m.name, m.is_draft, m.entity_id, 'contains' as relation
    from milestone_template_task_template l join milestone_templates m on m.id = l.milestone_template_id
    where l.task_template_id = ${id}
    union all
    select 'task', c.id, c.name, c.is_draft, c.entity_id, 'has_parent'
    from task_temp_parent_task_temp l join task_templates c on c.id = l.task_template_id
    where l.parent_task_template_id = ${id}`,
  step: (id) => sql`select 'task' as kind, t.id, t.name, t.is_draft, t.entity_id, 'contains' as relation
    from task_template_step_template l join task_templates t on t.id = l.task_template_id
    where l.step_template_id = ${id}`,
};

export async function templateUsage(tx: Tx, principal: Principal, kind: TemplateKind, id: number): Promise<TemplateUsage> {
  const work: TemplateUsage["work"] = { projects: 0, milestones: 0, tasks: 0, task_steps: 0, task_requests: 0 };
  for (const ref of WORK_REFERENCES[kind]) {
    const [row] = await queryRows<{ n: number }>(
      tx,
      sql`select count(*)::int as n from ${sql.identifier(ref.table)} where ${sql.identifier(ref.column)} = ${id}`,
    );
    work[ref.key] = row?.n ?? 0;
  }
  const query = TEMPLATE_REFERENCES[kind];
  const templates = query
    ? (
        await queryRows<Omit<TemplateUser, "writable"> & { entity_id: number | null; writable: boolean | null }>(
          tx,
          sql`select u.kind, u.id, u.name, u.is_draft, u.relation,
                     u.entity_id in (select e.id from entities e where e.path like ${`${principal.entityPath}%`}) as writable
              from (${query(id)}) u
              order by u.kind, u.id`,
        )
      ).map(({ entity_id: _entity, ...user }) => ({ ...user, writable: user.writable === true }))
    : [];
  return { work, templates };
}

/** What stops a delete: any running work, and any template that may not be changed by this admin. */
export function blockersOf(usage: TemplateUsage): string[] {
  const { work } = usage;
  const counts: [number, string, string][] = [
    [work.projects, "project", "projects"],
    [work.milestones, "milestone", "milestones"],
    [work.tasks, "task", "tasks"],
    [work.task_steps, "task step", "task steps"],
    [work.task_requests, "task request", "task requests"],
  ];
  const parts = counts.filter(([n]) => n > 0).map(([n, one, many]) => `${n} ${n === 1 ? one : many}`);
  for (const user of usage.templates) {
    if (user.is_draft && user.writable) continue;
    const state = user.is_draft ? "the draft" : "the published";
    const how = user.relation === "has_parent" ? " (as its parent)" : "";
    parts.push(`${state} ${TEMPLATE_LABELS[user.kind]} “${user.name}” (${user.id})${how}`);
  }
  return parts;
}
