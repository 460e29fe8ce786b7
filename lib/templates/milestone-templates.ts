// Milestone templates: reusable checkpoints of a program (expected hours) holding task templates in order.
import "server-only";
import { and, asc, eq, sql } from "drizzle-orm";
import type { Db, DbOrTx } from "../../db/client";
import { milestoneTemplates, milestoneTemplateTaskTemplate, taskTemplates } from "../../db/schema";
import { notFound } from "../api/errors";
import { type Page, pageLimit, toPage } from "../api/pagination";
import { withAudit } from "../audit/context";
import { auditContextOf, type Principal } from "../auth/principal";
import {
  assertDraft,
  emitTemplateEvent,
  lockTemplate,
  nextTemplateId,
  ownerEntityOf,
  requireTemplatesRead,
  requireTemplatesWrite,
  visibleTemplates,
  parseInput,
} from "./access";
import { type MilestoneTemplateDto, type TaskTemplateDto, toMilestoneTemplateDto, toTaskTemplateDto } from "./dto";
import { templateListConditions } from "./list-filters";
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
  requireTemplatesRead(principal);
  const limit = pageLimit(query.limit);
  const rows = await db
    .select()
    .from(milestoneTemplates)
    .where(and(...templateListConditions(principal, "milestone", query)))
    .orderBy(milestoneTemplates.id)
    .limit(limit + 1);
  return toPage(rows, limit, toMilestoneTemplateDto);
}

export async function getMilestoneTemplate(db: DbOrTx, principal: Principal, params: { id: number }): Promise<MilestoneTemplateDetailDto> {
  requireTemplatesRead(principal);
  const [row] = await db
    .select()
    .from(milestoneTemplates)
    .where(and(eq(milestoneTemplates.id, params.id), visibleTemplates(principal, milestoneTemplates.entityId)))
    .limit(1);
  if (!row) throw notFound("milestone template");
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
  requireTemplatesWrite(principal);
  const changes = parseInput(milestoneTemplateUpdateSchema, params.changes);
  return withAudit(db, auditContextOf(principal), async (tx) => {
    const head = await lockTemplate(tx, principal, "milestone", params.id, { version: changes.version, ifMatch: params.ifMatch });
    assertDraft(head, "milestone", "changed");
    const set = { name: changes.name, description: changes.description, expectedHours: changes.expected_hours };
    if (Object.values(set).every((v) => v === undefined)) return getMilestoneTemplate(tx, principal, { id: head.id });
    await tx
      .update(milestoneTemplates)
      .set({ ...set, version: sql`${milestoneTemplates.version} + 1` })
      .where(eq(milestoneTemplates.id, head.id));
    await emitTemplateEvent(tx, principal, "template.updated", "milestone", { ...head, name: changes.name ?? head.name });
    return getMilestoneTemplate(tx, principal, { id: head.id });
  });
}
