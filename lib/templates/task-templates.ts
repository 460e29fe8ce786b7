// Task templates: task or exam blueprints with an expected duration, their ordered steps, the
// professions they are meant for and their parent templates (instantiated before them).
import "server-only";
import { asc, eq, sql } from "drizzle-orm";
import type { Db, DbOrTx } from "../../db/client";
import { professions, stepTemplates, taskTempParentTaskTemp, taskTemplateProfession, taskTemplates, taskTemplateStepTemplate } from "../../db/schema";
import type { Page } from "../api/pagination";
import { withAudit } from "../audit/context";
import { auditContextOf, type Principal } from "../auth/principal";
import { emitTemplateEvent, nextTemplateId, ownerEntityOf, requireTemplatesWrite, parseInput } from "./access";
import { type StepTemplateDto, type TaskTemplateDto, toStepTemplateDto, toTaskTemplateDto } from "./dto";
import { listTemplates, readVisibleTemplate, updateTemplate } from "./template-rows";
import {
  type TaskTemplateCreateInput,
  taskTemplateCreateSchema,
  type TaskTemplateListQuery,
  type TaskTemplateUpdateInput,
  taskTemplateUpdateSchema,
} from "./validators";

export type TaskTemplateDetailDto = TaskTemplateDto & {
  steps: (StepTemplateDto & { order: number | null })[];
  professions: { id: number; name: string; is_active: boolean }[];
  parents: TaskTemplateDto[];
};

export async function listTaskTemplates(db: DbOrTx, principal: Principal, query: TaskTemplateListQuery): Promise<Page<TaskTemplateDto>> {
  return listTemplates(db, principal, "task", query, toTaskTemplateDto, [
    query.kind === undefined ? undefined : eq(taskTemplates.kind, query.kind),
    query.profession_id === undefined
      ? undefined
      : sql`exists (select 1 from ${taskTemplateProfession} where ${taskTemplateProfession.taskTemplateId} = ${taskTemplates.id}
             and ${taskTemplateProfession.professionId} = ${query.profession_id})`,
  ]);
}

export async function getTaskTemplate(db: DbOrTx, principal: Principal, params: { id: number }): Promise<TaskTemplateDetailDto> {
  const row = await readVisibleTemplate(db, principal, "task", params.id);
  const [steps, linkedProfessions, parents] = await Promise.all([
    db
      .select({ order: taskTemplateStepTemplate.order, step: stepTemplates })
      .from(taskTemplateStepTemplate)
      .innerJoin(stepTemplates, eq(stepTemplates.id, taskTemplateStepTemplate.stepTemplateId))
      .where(eq(taskTemplateStepTemplate.taskTemplateId, row.id))
      .orderBy(asc(taskTemplateStepTemplate.order), asc(stepTemplates.id)),
    db
      .select({ id: professions.id, name: professions.name, is_active: professions.isActive })
      .from(taskTemplateProfession)
      .innerJoin(professions, eq(professions.id, taskTemplateProfession.professionId))
      .where(eq(taskTemplateProfession.taskTemplateId, row.id))
      .orderBy(asc(professions.name)),
    db
      .select({ parent: taskTemplates })
      .from(taskTempParentTaskTemp)
      .innerJoin(taskTemplates, eq(taskTemplates.id, taskTempParentTaskTemp.parentTaskTemplateId))
      .where(eq(taskTempParentTaskTemp.taskTemplateId, row.id))
      .orderBy(asc(taskTemplates.id)),
  ]);
  return {
    ...toTaskTemplateDto(row),
    steps: steps.map((s) => ({ ...toStepTemplateDto(s.step, principal), order: s.order })),
    professions: linkedProfessions,
    parents: parents.map((p) => toTaskTemplateDto(p.parent)),
  };
}

export async function createTaskTemplate(db: Db, principal: Principal, input: TaskTemplateCreateInput): Promise<TaskTemplateDetailDto> {
  requireTemplatesWrite(principal);
  const body = parseInput(taskTemplateCreateSchema, input);
  return withAudit(db, auditContextOf(principal), async (tx) => {
    const entityId = await ownerEntityOf(tx, principal, body.entity_id);
    const id = await nextTemplateId(tx, "task");
    const [row] = await tx
      .insert(taskTemplates)
      .values({
        id,
        lineageId: id,
        name: body.name,
        description: body.description ?? null,
        entityId,
        kind: body.kind ?? "task",
        expectedMinutes: body.expected_minutes ?? 30,
        isDraft: true,
        createdBy: principal.userId,
      })
      .returning();
    if (!row) throw new Error("insert into task_templates returned no row");
    await emitTemplateEvent(tx, principal, "template.created", "task", { ...row, lineageId: id });
    return getTaskTemplate(tx, principal, { id });
  });
}

export type UpdateTaskTemplateParams = { id: number; changes: TaskTemplateUpdateInput; ifMatch?: number };

export async function updateTaskTemplate(db: Db, principal: Principal, params: UpdateTaskTemplateParams): Promise<TaskTemplateDetailDto> {
  return updateTemplate(db, principal, "task", taskTemplateUpdateSchema, params, {
    columns: (_tx, changes) => ({ name: changes.name, description: changes.description, kind: changes.kind, expectedMinutes: changes.expected_minutes }),
    answer: (tx, row) => getTaskTemplate(tx, principal, { id: row.id }),
  });
}
