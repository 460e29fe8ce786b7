// Factories for tests: each creates exactly the rows a test needs, with unique names, so tests
// stay independent. They write directly (no audit context): they set up state, they are not the
// behaviour under test.
import { eq } from "drizzle-orm";
import type { DbOrTx } from "../db/client";
import {
  entities,
  formats,
  guides,
  milestoneTemplates,
  milestoneTemplateTaskTemplate,
  projectTemplateMilestoneTemplate,
  projectTemplates,
  stepTemplates,
  taskTempParentTaskTemp,
  taskTemplates,
  taskTemplateStepTemplate,
  users,
  type Entity,
  type User,
  type UserRole,
} from "../db/schema";
import type { Principal } from "../lib/auth/principal";
import { processDefinition, type ProcessDefinitionInput } from "../lib/templates/process-definition";

let serial = 0;
export const unique = (prefix: string) => `${prefix}-${process.pid}-${++serial}`;

/** An entity under `parent` (or a new root), with its materialised path and root id set. */
export async function createEntity(db: DbOrTx, options: { parent?: Entity; timeZone?: string; name?: string } = {}): Promise<Entity> {
  const [row] = await db
    .insert(entities)
    .values({ name: options.name ?? unique("Entity"), timeZone: options.timeZone ?? "Europe/Berlin", parentId: options.parent?.id ?? null })
    .returning();
  if (!row) throw new Error("no entity");
  const path = `${options.parent?.path ?? "/"}${row.id}/`;
  const [updated] = await db
    .update(entities)
    .set({ path, rootId: options.parent?.rootId ?? options.parent?.id ?? row.id })
    .where(eq(entities.id, row.id))
    .returning();
  if (!updated) throw new Error("no entity");
  return updated;
}

export async function createUser(
  db: DbOrTx,
  entity: Entity,
  options: { role?: UserRole; manager?: User; isActive?: boolean; professionId?: number; name?: string } = {},
): Promise<User> {
  const [row] = await db
    .insert(users)
    .values({
      email: `${unique("user")}@test.local`,
      name: options.name ?? unique("User"),
      role: options.role ?? "employee",
      entityId: entity.id,
      managerId: options.manager?.id ?? null,
      isActive: options.isActive ?? true,
      professionId: options.professionId ?? null,
    })
    .returning();
  if (!row) throw new Error("no user");
  return row;
}

/** The principal a signed-in user would have (session, no token scopes). */
export function principalOf(user: User, entity: Entity): Principal {
  return {
    userId: user.id,
    role: user.role,
    entityId: entity.id,
    entityPath: entity.path,
    name: user.name,
    email: user.email,
    via: "session",
    scopes: null,
    tokenId: null,
    requestId: unique("req"),
    ip: "127.0.0.1",
  };
}

/** A company with one department and the usual cast: admin, manager, two employees. */
export async function createOrganisation(db: DbOrTx) {
  const company = await createEntity(db);
  const department = await createEntity(db, { parent: company });
  const admin = await createUser(db, company, { role: "admin" });
  const manager = await createUser(db, department, { role: "manager" });
  const employee = await createUser(db, department, { manager });
  const peer = await createUser(db, department, { manager });
  return {
    company,
    department,
    admin: { user: admin, principal: principalOf(admin, company) },
    manager: { user: manager, principal: principalOf(manager, department) },
    employee: { user: employee, principal: principalOf(employee, department) },
    peer: { user: peer, principal: principalOf(peer, department) },
  };
}

export async function createGuide(db: DbOrTx, entityId: number | null = null) {
  const [format] = await db.select().from(formats).where(eq(formats.code, "text"));
  if (!format) throw new Error("reference data missing: formats");
  const [row] = await db.insert(guides).values({ name: unique("Guide"), formatId: format.id, entityId }).returning();
  if (!row) throw new Error("no guide");
  return row;
}

export type TaskSpec = { name: string; kind?: "task" | "exam"; expectedMinutes?: number; parents?: string[]; steps?: ProcessDefinitionInput[] };
export type MilestoneSpec = { name: string; offset: number; duration: number; hours?: number; tasks: TaskSpec[] };
export type ProgramSpec = { entityId?: number | null; durationDays?: number; isDraft?: boolean; professionId?: number; milestones: MilestoneSpec[] };

/** A program template tree (published unless isDraft); returns ids of its templates by name. */
export async function createProgram(db: DbOrTx, spec: ProgramSpec) {
  const isDraft = spec.isDraft ?? false;
  const [template] = await db
    .insert(projectTemplates)
    .values({
      name: unique("Program"),
      durationDays: spec.durationDays ?? 5,
      isDraft,
      publishedAt: isDraft ? null : new Date(),
      entityId: spec.entityId ?? null,
      professionId: spec.professionId ?? null,
    })
    .returning();
  if (!template) throw new Error("no template");
  const taskIdByName = new Map<string, number>();
  const milestoneIdByName = new Map<string, number>();
  for (const [mIndex, m] of spec.milestones.entries()) {
    const [mt] = await db
      .insert(milestoneTemplates)
      .values({ name: m.name, description: `${m.name} description`, isDraft, expectedHours: m.hours ?? 8, entityId: spec.entityId ?? null })
      .returning();
    if (!mt) throw new Error("no milestone template");
    milestoneIdByName.set(m.name, mt.id);
    await db.insert(projectTemplateMilestoneTemplate).values({
      projectTemplateId: template.id,
      milestoneTemplateId: mt.id,
      position: mIndex + 1,
      startOffsetDays: m.offset,
      durationDays: m.duration,
    });
    for (const [tIndex, t] of m.tasks.entries()) {
      const [tt] = await db
        .insert(taskTemplates)
        .values({ name: t.name, kind: t.kind ?? "task", expectedMinutes: t.expectedMinutes ?? 45, isDraft, entityId: spec.entityId ?? null })
        .returning();
      if (!tt) throw new Error("no task template");
      taskIdByName.set(t.name, tt.id);
      await db.insert(milestoneTemplateTaskTemplate).values({ milestoneTemplateId: mt.id, taskTemplateId: tt.id, position: tIndex + 1 });
      for (const [sIndex, input] of (t.steps ?? []).entries()) {
        const definition = processDefinition.parse(input);
        const [st] = await db
          .insert(stepTemplates)
          .values({ name: `${t.name} step ${sIndex + 1}`, kind: definition.type, processDefinition: definition, isDraft })
          .returning();
        if (!st) throw new Error("no step template");
        await db.insert(taskTemplateStepTemplate).values({ taskTemplateId: tt.id, stepTemplateId: st.id, order: sIndex + 1 });
      }
    }
  }
  for (const m of spec.milestones) {
    for (const t of m.tasks) {
      for (const parent of t.parents ?? []) {
        const child = taskIdByName.get(t.name);
        const parentId = taskIdByName.get(parent);
        if (child === undefined || parentId === undefined) throw new Error(`unknown task template ${parent}`);
        await db.insert(taskTempParentTaskTemp).values({ taskTemplateId: child, parentTaskTemplateId: parentId });
      }
    }
  }
  return { templateId: template.id, taskIdByName, milestoneIdByName };
}

export const instructionStep = (body = "Read this."): ProcessDefinitionInput => ({ type: "instruction", body });
export const checklistStep = (mode: "sequential" | "parallel", titles: string[], validate: number[] = []): ProcessDefinitionInput => ({
  type: "checklist",
  mode,
  items: titles.map((title, i) => ({ title, requires_validation: validate.includes(i) })),
});
export const quizStep = (): ProcessDefinitionInput => ({
  type: "quiz",
  questions: [
    { id: "q1", kind: "single", prompt: "2 + 2?", choices: [{ id: "a", text: "4" }, { id: "b", text: "5" }], correct: "a" },
    { id: "q2", kind: "short", prompt: "Capital of France?", accepted_answers: ["Paris"] },
  ],
  pass_mark: 0.5,
});
