// POST /api/onboarding/start {user_id} as lib/onboarding/service.ts and lib/programs/instantiate.ts
// run it for a manager: the onboardee and their default program read, the per-user advisory lock,
// the running-project check, then one bulk insert per table, the score rollup for the new tasks,
// the "project.started" event and the project as answered — all in one audited transaction.
import type pg from "pg";
import { endOfDayInZone } from "../../lib/programs/working-days";
import { todayIn } from "../../lib/tasks/due-dates";
import { connectionStatuses, HttpError, placeholders, type Principal, rows, withAudit } from "./common";
import { insertSql, loadProgram, schedule } from "./program";
import { projectDetail } from "./project";
import { contributionsOf, insertEvents, settle } from "./rollup";

const COLUMNS = {
  projects: ["id", "name", "description", "status_id", "entity_id", "created_at", "created_by", "project_template_id", "onboardee_id", "start_date", "due_date", "started_at", "completed_at", "updated_at", "version"],
  milestones: ["id", "name", "description", "project_id", "milestone_template_id", "start_date", "end_date", "expected_hours", "status_id", "position", "started_at", "completed_at", "created_at", "updated_at", "version"],
  tasks: ["id", "name", "description", "status_id", "task_template_id", "created_at", "due_date", "project_id", "milestone_id", "entity_id", "kind", "position", "expected_minutes", "actual_minutes", "created_by", "started_at", "completed_at", "completed_by", "updated_at", "version"],
  tasks_parent_task: ["task_id", "parent_task_id"],
  task_assignee: ["task_id", "assignee_id", "role", "created_at"],
  task_steps: ["id", "task_id", "step_template_id", "position", "name", "kind", "status_id", "started_at", "completed_at", "completed_by", "created_at", "updated_at", "version"],
  checklists: ["id", "status_id", "is_completed", "task_id", "task_step_id", "name", "mode", "completed_at", "completed_by", "created_at", "updated_at", "version"],
  checklist_items: ["id", "checklist_id", "assignee_id", "status_id", "title", "position", "requires_validation", "completed_by", "completed_at", "validated_by", "validated_at", "created_at", "updated_at", "version"],
};

/** One single-row insert as Drizzle writes it (the project). */
async function insert<T extends pg.QueryResultRow>(tx: pg.PoolClient, table: keyof typeof COLUMNS, given: string[], values: unknown[][], returning = ""): Promise<T[]> {
  if (values.length === 0) return [];
  const { text } = insertSql(table, COLUMNS[table], given, values.length, returning);
  return rows<T>(tx, text, values.flat());
}

/** Element types of the bulk-inserted columns, as db/bulk-insert.ts casts them (no length or precision). */
const TYPES: Record<string, string> = {
  name: "varchar", description: "varchar", title: "varchar", kind: "varchar", role: "varchar", mode: "varchar",
  start_date: "date", end_date: "date", due_date: "timestamp with time zone", expected_hours: "numeric",
  milestone_template_id: "bigint", is_completed: "boolean", requires_validation: "boolean",
};

/** Many rows as db/bulk-insert.ts inserts them: one array parameter per column through unnest(). */
async function insertMany<T extends pg.QueryResultRow>(tx: pg.PoolClient, table: string, given: string[], values: unknown[][], returning = ""): Promise<T[]> {
  if (values.length === 0) return [];
  const arrays = given.map((_, i) => values.map((row) => toDriver(row[i])));
  const text = `insert into "${table}" (${given.map((c) => `"${c}"`).join(", ")}) select * from unnest(${given.map((c, i) => `$${i + 1}::${TYPES[c] ?? "integer"}[]`).join(", ")})${returning ? ` returning ${returning}` : ""}`;
  return rows<T>(tx, text, arrays);
}

/** Values as Drizzle's columns hand them to the driver (a timestamptz as ISO text). */
const toDriver = (value: unknown) => (value instanceof Date ? value.toISOString() : (value ?? null));

const idsOnPath = (path: string) => path.split("/").filter(Boolean).map(Number);

export async function startOnboarding(pool: pg.Pool, principal: Principal, body: unknown): Promise<[number, unknown]> {
  const userId = (body as { user_id?: unknown } | undefined)?.user_id;
  if (typeof userId !== "number" || !Number.isInteger(userId) || userId < 1) throw new HttpError(422, "user_id must be a positive integer.");
  if (principal.role !== "manager") throw new HttpError(501, "the baseline starts onboardings as a manager only");
  return withAudit(pool, principal, async (tx) => {
    const [user] = await rows<{ id: number; is_active: boolean; profession_id: number | null; entity_id: number; path: string; coalesce: string }>(
      tx,
      `select "users"."id", "users"."is_active", "users"."profession_id", "users"."entity_id", "entities"."path", coalesce("users"."time_zone", "entities"."time_zone") from "users" inner join "entities" on "entities"."id" = "users"."entity_id" where ("users"."id" = $1 and ("users"."entity_id" in (select "entities"."id" from "entities" where "entities"."path" like $2) or "users"."manager_id" = $3 or "users"."id" = $4)) limit $5`,
      [userId, `${principal.entityPath}%`, principal.userId, principal.userId, 1],
    );
    if (!user) throw new HttpError(404, "user not found");
    if (!user.is_active || user.profession_id === null) throw new HttpError(422, `User ${userId} cannot start a default program.`);
    const lineage = idsOnPath(principal.entityPath);
    const n = lineage.length;
    const [program] = await rows<{ id: number; coalesce: number | string }>(
      tx,
      `select "project_templates"."id", coalesce("project_templates"."lineage_id", "project_templates"."id"), "project_templates"."name", "project_templates"."is_draft" from "project_templates" left join "entities" "owner" on "owner"."id" = "project_templates"."entity_id" where ("project_templates"."profession_id" = $1 and "project_templates"."is_draft" = $2 and ("project_templates"."entity_id" is null or "project_templates"."entity_id" in (${placeholders(n, 3)}) or "project_templates"."entity_id" in (select "entities"."id" from "entities" where "entities"."path" like $${n + 3})) and ("project_templates"."entity_id" is null or $${n + 4} like "owner"."path" || '%') and not exists (select 1 from "project_templates" newer where coalesce(newer.lineage_id, newer.id) = coalesce("project_templates"."lineage_id", "project_templates"."id")
          and newer.is_draft = false and newer.revision > "project_templates"."revision")) order by length("owner"."path") desc nulls last, "project_templates"."published_at" desc nulls last, "project_templates"."id" desc limit $${n + 5}`,
      [user.profession_id, false, ...lineage, `${principal.entityPath}%`, user.path, 1],
    );
    if (!program) throw new HttpError(422, `No published program exists for the profession of user ${userId}.`);
    const lineageId = Number(program.coalesce);
    await tx.query("select pg_advisory_xact_lock(hashtext($1))", [`onboarding.start:${user.id}:${lineageId}`]);
    const statuses = await connectionStatuses(tx);
    const finals = [...statuses.byId.values()].filter((s) => s.domain === "project" && s.is_final).map((s) => s.id);
    const [running] = await rows<{ id: number }>(
      tx,
      `select "id" from "projects" where ("projects"."onboardee_id" = $1 and "projects"."project_template_id" in (select "id" from "project_templates" where coalesce("project_templates"."lineage_id", "project_templates"."id") = $2) and ("projects"."status_id" is null or "projects"."status_id" not in (${placeholders(finals.length, 3)}))) order by "projects"."id" limit $${finals.length + 3}`,
      [user.id, lineageId, ...finals, 1],
    );
    if (running) return [200, { created: false, project: await projectDetail(tx, principal, running.id, statuses) }];

    const plan = await loadProgram(tx, program.id);
    const [who] = await rows<{ id: number; entity_id: number; user_zone: string | null; entity_zone: string; manager_id: number | null; manager_active: boolean | null }>(
      tx,
      `select "users"."id", "users"."is_active", "users"."entity_id", "users"."time_zone" as user_zone, "entities"."time_zone" as entity_zone, "manager"."id" as manager_id, "manager"."is_active" as manager_active from "users" inner join "entities" on "entities"."id" = "users"."entity_id" left join "users" "manager" on "manager"."id" = "users"."manager_id" where "users"."id" = $1`,
      [user.id],
    );
    if (!who) throw new HttpError(404, "user not found");
    const timeZone = who.user_zone ?? who.entity_zone;
    const reviewerId = who.manager_id !== null && who.manager_active === true && who.manager_id !== who.id ? who.manager_id : null;
    const initial = ["project", "planned", "milestone", "todo", "task", "todo", "task_step", "todo", "checklist", "todo", "checklist_item", "todo"];
    const first = await rows<{ id: number; domain: string }>(
      tx,
      `select "id", "domain", "code" from "statuses" where (${Array.from({ length: 6 }, (_, i) => `("statuses"."domain" = $${2 * i + 1} and "statuses"."code" = $${2 * i + 2})`).join(" or ")})`,
      initial,
    );
    const status = (domain: string) => first.find((s) => s.domain === domain)?.id;

    const when = schedule(plan, todayIn(timeZone));
    const [project] = await insert<{ id: number }>(tx, "projects", ["name", "description", "status_id", "entity_id", "created_by", "project_template_id", "onboardee_id", "start_date", "due_date"], [[plan.name, plan.description, status("project"), who.entity_id, principal.userId, plan.id, who.id, when.start, when.dueDate]], `"id"`);
    if (!project) throw new Error("inserting the project returned no row");
    const milestoneRows = await insertMany<{ id: number; position: number }>(
      tx,
      "milestones",
      ["name", "description", "project_id", "milestone_template_id", "start_date", "end_date", "expected_hours", "status_id", "position"],
      when.milestones.map((m) => [m.name, m.description ?? "", project.id, m.id, m.startDate, m.endDate, m.expected_hours, status("milestone"), m.position]),
      `"id", "position"`,
    );
    const milestoneAt = new Map(milestoneRows.map((m) => [m.position, m.id]));
    const endAt = new Map(when.milestones.map((m) => [m.position, m.endDate]));
    const taskRows = await insertMany<{ id: number; milestone_id: number; position: number }>(
      tx,
      "tasks",
      ["name", "description", "status_id", "task_template_id", "due_date", "project_id", "milestone_id", "entity_id", "kind", "position", "expected_minutes", "created_by"],
      plan.tasks.map((t) => [t.name, t.description, status("task"), t.taskTemplateId, endOfDayInZone(endAt.get(t.milestonePosition) ?? when.dueDate, timeZone), project.id, milestoneAt.get(t.milestonePosition), who.entity_id, t.kind, t.position, t.expectedMinutes, principal.userId]),
      `"id", "milestone_id", "position"`,
    );
    const bySlot = new Map(taskRows.map((r) => [`${r.milestone_id}:${r.position}`, r.id]));
    const taskOf = new Map(plan.tasks.map((t) => [t.key, bySlot.get(`${milestoneAt.get(t.milestonePosition)}:${t.position}`) ?? 0]));
    const idOf = (key: number) => taskOf.get(key) ?? 0;
    await insertMany(tx, "tasks_parent_task", ["task_id", "parent_task_id"], plan.tasks.flatMap((t) => t.parentKeys.map((p) => [idOf(t.key), idOf(p)])));
    await insertMany(tx, "task_assignee", ["task_id", "assignee_id", "role"], plan.tasks.flatMap((t) => [[idOf(t.key), who.id, "owner"], ...(reviewerId === null ? [] : [[idOf(t.key), reviewerId, "reviewer"]])]));
    const stepsOf = plan.tasks.map((t) => ({ taskId: idOf(t.key), steps: plan.steps.get(t.taskTemplateId) ?? [] }));
    const stepRows = await insertMany<{ id: number; task_id: number; position: number }>(
      tx,
      "task_steps",
      ["task_id", "step_template_id", "position", "name", "kind", "status_id"],
      stepsOf.flatMap(({ taskId, steps }) => steps.map((s, i) => [taskId, s.stepTemplateId, i + 1, s.name, s.kind, status("task_step")])),
      `"id", "task_id", "position"`,
    );
    const stepAt = new Map(stepRows.map((r) => [`${r.task_id}:${r.position}`, r.id]));
    const wanted = stepsOf.flatMap(({ taskId, steps }) => steps.flatMap((s, i) => (s.checklist ? [{ taskId, stepId: stepAt.get(`${taskId}:${i + 1}`) ?? 0, step: s, checklist: s.checklist }] : [])));
    const lists = await insertMany<{ id: number; task_step_id: number }>(tx, "checklists", ["status_id", "is_completed", "task_id", "task_step_id", "name", "mode"], wanted.map((w) => [status("checklist"), false, w.taskId, w.stepId, w.step.name, w.checklist.mode]), `"id", "task_step_id"`);
    const listOf = new Map(lists.map((l) => [l.task_step_id, l.id]));
    await insertMany(
      tx,
      "checklist_items",
      ["checklist_id", "assignee_id", "status_id", "title", "position", "requires_validation"],
      wanted.flatMap((w) => w.checklist.items.map((item, i) => [listOf.get(w.stepId), who.id, status("checklist_item"), item.title, i + 1, item.requires_validation])),
      `"id", "checklist_id", "position"`,
    );
    await settle(tx, await contributionsOf(tx, { taskIds: taskRows.map((t) => t.id) }));
    await insertEvents(tx, [{ type: "project.started", entityId: user.entity_id, userId: user.id, projectId: project.id, actorId: principal.userId, payload: { project_id: project.id, project_template_id: plan.id, milestones: milestoneRows.length, tasks: taskRows.length } }]);
    return [201, { created: true, project: await projectDetail(tx, principal, project.id, statuses) }];
  });
}
