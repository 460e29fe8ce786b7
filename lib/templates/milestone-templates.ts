// Milestone templates: reusable checkpoints of a program (expected hours) holding task templates in order.
import "server-only";
import { asc, eq } from "drizzle-orm";
import type { Db, DbOrTx } from "../../db/client";
import { milestoneTemplates, milestoneTemplateTaskTemplate, taskTemplates } from "../../db/schema";
import type { Page } from "../api/pagination";
import { withAudit } from "../audit/context";
import { auditContextOf, type Principal } from "../auth/principal";
import { emitTemplateEvent, nextTemplateId, ownerEntityOf, requireTemplatesWrite, parseInput } from "./access";
import { type MilestoneTemplateDto, type TaskTemplateDto, toMilestoneTemplateDto, toTaskTemplateDto } from "./dto";
import { listTemplates, readVisibleTemplate, updateTemplate } from "./template-rows";
import {
  type MilestoneTemplateCreateInput,
  milestoneTemplateCreateSchema,
  type MilestoneTemplateListQuery,
  type MilestoneTemplateUpdateInput,
  milestoneTemplateUpdateSchema,
} from "./validators";

export type MilestoneTemplateDetailDto = MilestoneTemplateDto & { task_templates: (TaskTemplateDto & { position: number })[] };

export async function listMilestoneTemplates(
  db: DbOrTx,
  principal: Principal,
  query: MilestoneTemplateListQuery,
): Promise<Page<MilestoneTemplateDto>> {
  return listTemplates(db, principal, "milestone", query, toMilestoneTemplateDto);
}

export async function getMilestoneTemplate(db: DbOrTx, principal: Principal, params: { id: number }): Promise<MilestoneTemplateDetailDto> {
  const row = await readVisibleTemplate(db, principal, "milestone", params.id);
  const tasks = await db
    .select({ position: milestoneTemplateTaskTemplate.position, task: taskTemplates })
    .from(milestoneTemplateTaskTemplate)
    .innerJoin(taskTemplates, eq(taskTemplates.id, milestoneTemplateTaskTemplate.taskTemplateId))
    .where(eq(milestoneTemplateTaskTemplate.milestoneTemplateId, row.id))
    .orderBy(asc(milestoneTemplateTaskTemplate.position));
  return {
    ...toMilestoneTemplateDto(row),
    task_templates: tasks.map((t) => ({ ...toTaskTemplateDto(t.task), position: t.position })),
  };
}

export async function createMilestoneTemplate(
  db: Db,
  principal: Principal,
  input: MilestoneTemplateCreateInput,
): Promise<MilestoneTemplateDetailDto> {
  requireTemplatesWrite(principal);
  const body = parseInput(milestoneTemplateCreateSchema, input);
  return withAudit(db, auditContextOf(principal), async (tx) => {
    const entityId = await ownerEntityOf(tx, principal, body.entity_id);
    const id = await nextTemplateId(tx, "milestone");
    const [row] = await tx
      .insert(milestoneTemplates)
      .values({
        id,
        lineageId: id,
        name: body.name,
        description: body.description ?? null,
        entityId,
        expectedHours: body.expected_hours ?? 0,
        isDraft: true,
        createdBy: principal.userId,
      })
      .returning();
    if (!row) throw new Error("insert into milestone_templates returned no row");
    await emitTemplateEvent(tx, principal, "template.created", "milestone", { ...row, lineageId: id });
    return getMilestoneTemplate(tx, principal, { id });
  });
}

export type UpdateMilestoneTemplateParams = { id: number; changes: MilestoneTemplateUpdateInput; ifMatch?: number };

export async function updateMilestoneTemplate(
  db: Db,
  principal: Principal,
  params: UpdateMilestoneTemplateParams,
): Promise<MilestoneTemplateDetailDto> {
  return updateTemplate(db, principal, "milestone", milestoneTemplateUpdateSchema, params, {
    columns: (_tx, changes) => ({ name: changes.name, description: changes.description, expectedHours: changes.expected_hours }),
    answer: (tx, row) => getMilestoneTemplate(tx, principal, { id: row.id }),
  });
}
