// Step templates: one step of a task, described by a process definition (instruction, checklist,
// quiz or submission) that zod validates; the row's `kind` always mirrors the definition's type.
import "server-only";
import { and, eq, inArray, sql } from "drizzle-orm";
import type { Db, DbOrTx, Tx } from "../../db/client";
import { guides, stepTemplates } from "../../db/schema";
import { ApiError } from "../api/errors";
import type { Page } from "../api/pagination";
import { withAudit } from "../audit/context";
import { auditContextOf, type Principal } from "../auth/principal";
import { inEntitySubtree } from "../auth/scope";
import { emitTemplateEvent, nextTemplateId, ownerEntityOf, requireTemplatesWrite, parseInput } from "./access";
import { type StepTemplateDto, toStepTemplateDto } from "./dto";
import type { ProcessDefinition } from "./process-definition";
import { listTemplates, readVisibleTemplate, updateTemplate } from "./template-rows";
import {
  type StepTemplateCreateInput,
  stepTemplateCreateSchema,
  type StepTemplateListQuery,
  type StepTemplateUpdateInput,
  stepTemplateUpdateSchema,
} from "./validators";

export async function listStepTemplates(db: DbOrTx, principal: Principal, query: StepTemplateListQuery): Promise<Page<StepTemplateDto>> {
  return listTemplates(db, principal, "step", query, (row) => toStepTemplateDto(row, principal), [
    query.kind === undefined ? undefined : eq(stepTemplates.kind, query.kind),
  ]);
}

export async function getStepTemplate(db: DbOrTx, principal: Principal, params: { id: number }): Promise<StepTemplateDto> {
  return toStepTemplateDto(await readVisibleTemplate(db, principal, "step", params.id), principal);
}

export async function createStepTemplate(db: Db, principal: Principal, input: StepTemplateCreateInput): Promise<StepTemplateDto> {
  requireTemplatesWrite(principal);
  const body = parseInput(stepTemplateCreateSchema, input);
  return withAudit(db, auditContextOf(principal), async (tx) => {
    const entityId = await ownerEntityOf(tx, principal, body.entity_id);
    await assertGuidesExist(tx, principal, body.process_definition);
    const id = await nextTemplateId(tx, "step");
    const [row] = await tx
      .insert(stepTemplates)
      .values({
        id,
        lineageId: id,
        name: body.name,
        description: body.description ?? null,
        entityId,
        processDefinition: body.process_definition,
        kind: body.process_definition.type,
        isDraft: true,
        createdBy: principal.userId,
      })
      .returning();
    if (!row) throw new Error("insert into step_templates returned no row");
    await emitTemplateEvent(tx, principal, "template.created", "step", { ...row, lineageId: id }, { kind: row.kind });
    return toStepTemplateDto(row, principal);
  });
}

export type UpdateStepTemplateParams = { id: number; changes: StepTemplateUpdateInput; ifMatch?: number };

export async function updateStepTemplate(db: Db, principal: Principal, params: UpdateStepTemplateParams): Promise<StepTemplateDto> {
  return updateTemplate(db, principal, "step", stepTemplateUpdateSchema, params, {
    columns: async (tx, changes) => {
      const definition = changes.process_definition;
      if (definition) await assertGuidesExist(tx, principal, definition);
      return {
        name: changes.name,
        description: changes.description,
        processDefinition: definition,
        // The kind follows the definition, so a step can turn from an instruction into a quiz while a draft.
        kind: definition?.type,
      };
    },
    eventPayload: (row) => ({ kind: row.kind }),
    answer: (_tx, row) => toStepTemplateDto(row, principal),
  });
}

/** Guides a definition links to must exist in the admin's organisation (or be shared). */
async function assertGuidesExist(tx: Tx, principal: Principal, definition: ProcessDefinition): Promise<void> {
  const named = guideIdsOf(definition);
  if (!named.length) return;
  const organisation = { entityPath: `/${principal.entityPath.split("/")[1] ?? ""}/` };
  const found = await tx
    .select({ id: guides.id })
    .from(guides)
    .where(and(inArray(guides.id, named), sql`(${guides.entityId} is null or ${inEntitySubtree(organisation, guides.entityId)})`));
  const known = new Set(found.map((g) => g.id));
  const missing = named.filter((id) => !known.has(id));
  if (!missing.length) return;
  const message = `No such guide in your organisation: ${missing.join(", ")}.`;
  throw new ApiError("validation_failed", message, { issues: [{ path: "process_definition", message }] });
}

function guideIdsOf(definition: ProcessDefinition): number[] {
  switch (definition.type) {
    case "instruction":
      return [...new Set(definition.guide_ids)];
    case "checklist":
      return [...new Set(definition.items.flatMap((item) => (item.guide_id === undefined ? [] : [item.guide_id])))];
    case "quiz":
    case "submission":
      return [];
  }
}
