// Project templates: the onboarding programs (5+ days) admins build from milestone templates.
// Reads show a program with its milestones (position, offset, duration) and their task templates.
import "server-only";
import { and, asc, eq, inArray } from "drizzle-orm";
import type { Db, DbOrTx, Tx } from "../../db/client";
import {
  milestoneTemplates,
  milestoneTemplateTaskTemplate,
  professions,
  projectTemplateMilestoneTemplate,
  projectTemplates,
  taskTemplates,
} from "../../db/schema";
import { ApiError } from "../api/errors";
import type { Page } from "../api/pagination";
import { withAudit } from "../audit/context";
import { auditContextOf, type Principal } from "../auth/principal";
import { visibleProfessions } from "../entities/professions";
import { emitTemplateEvent, nextTemplateId, ownerEntityOf, requireTemplatesWrite, parseInput } from "./access";
import {
  type MilestoneTemplateDto,
  type ProjectTemplateDto,
  type TaskTemplateDto,
  toMilestoneTemplateDto,
  toProjectTemplateDto,
  toTaskTemplateDto,
} from "./dto";
import { listTemplates, readVisibleTemplate, updateTemplate } from "./template-rows";
import {
  type ProjectTemplateCreateInput,
  projectTemplateCreateSchema,
  type ProjectTemplateListQuery,
  type ProjectTemplateUpdateInput,
  projectTemplateUpdateSchema,
} from "./validators";

export type ProgramMilestoneDto = MilestoneTemplateDto & {
  position: number;
  start_offset_days: number;
  duration_days: number;
  task_templates: (TaskTemplateDto & { position: number })[];
};

export type ProjectTemplateDetailDto = ProjectTemplateDto & { milestones: ProgramMilestoneDto[] };

export async function listProjectTemplates(db: DbOrTx, principal: Principal, query: ProjectTemplateListQuery): Promise<Page<ProjectTemplateDto>> {
  return listTemplates(db, principal, "project", query, toProjectTemplateDto, [
    query.profession_id === undefined ? undefined : eq(projectTemplates.professionId, query.profession_id),
  ]);
}

export async function getProjectTemplate(db: DbOrTx, principal: Principal, params: { id: number }): Promise<ProjectTemplateDetailDto> {
  const row = await readVisibleTemplate(db, principal, "project", params.id);

  // The program is shown whole: its parts are what it is, whoever maintains them.
  const milestones = await db
    .select({ link: projectTemplateMilestoneTemplate, milestone: milestoneTemplates })
    .from(projectTemplateMilestoneTemplate)
    .innerJoin(milestoneTemplates, eq(milestoneTemplates.id, projectTemplateMilestoneTemplate.milestoneTemplateId))
    .where(eq(projectTemplateMilestoneTemplate.projectTemplateId, row.id))
    .orderBy(asc(projectTemplateMilestoneTemplate.position));
  const milestoneIds = milestones.map((m) => m.milestone.id);
  const tasks = milestoneIds.length
    ? await db
        .select({ milestoneTemplateId: milestoneTemplateTaskTemplate.milestoneTemplateId, position: milestoneTemplateTaskTemplate.position, task: taskTemplates })
        .from(milestoneTemplateTaskTemplate)
        .innerJoin(taskTemplates, eq(taskTemplates.id, milestoneTemplateTaskTemplate.taskTemplateId))
        .where(inArray(milestoneTemplateTaskTemplate.milestoneTemplateId, milestoneIds))
        .orderBy(asc(milestoneTemplateTaskTemplate.milestoneTemplateId), asc(milestoneTemplateTaskTemplate.position))
    : [];

  return {
    ...toProjectTemplateDto(row),
    milestones: milestones.map(({ link, milestone }) => ({
      ...toMilestoneTemplateDto(milestone),
      position: link.position,
      start_offset_days: link.startOffsetDays,
      duration_days: link.durationDays,
      task_templates: tasks
        .filter((t) => t.milestoneTemplateId === milestone.id)
        .map((t) => ({ ...toTaskTemplateDto(t.task), position: t.position })),
    })),
  };
}

export async function createProjectTemplate(db: Db, principal: Principal, input: ProjectTemplateCreateInput): Promise<ProjectTemplateDetailDto> {
  requireTemplatesWrite(principal);
  const body = parseInput(projectTemplateCreateSchema, input);
  return withAudit(db, auditContextOf(principal), async (tx) => {
    const entityId = await ownerEntityOf(tx, principal, body.entity_id);
    if (body.profession_id != null) await assertProfessionUsable(tx, principal, body.profession_id);
    const id = await nextTemplateId(tx, "project");
    const [row] = await tx
      .insert(projectTemplates)
      .values({
        id,
        lineageId: id,
        name: body.name,
        description: body.description ?? null,
        entityId,
        professionId: body.profession_id ?? null,
        durationDays: body.duration_days,
        isDraft: true,
        createdBy: principal.userId,
      })
      .returning();
    if (!row) throw new Error("insert into project_templates returned no row");
    await emitTemplateEvent(tx, principal, "template.created", "project", { ...row, lineageId: id });
    return getProjectTemplate(tx, principal, { id });
  });
}

export type UpdateProjectTemplateParams = { id: number; changes: ProjectTemplateUpdateInput; ifMatch?: number };

export async function updateProjectTemplate(db: Db, principal: Principal, params: UpdateProjectTemplateParams): Promise<ProjectTemplateDetailDto> {
  return updateTemplate(db, principal, "project", projectTemplateUpdateSchema, params, {
    columns: async (tx, changes) => {
      if (changes.profession_id != null) await assertProfessionUsable(tx, principal, changes.profession_id);
      return { name: changes.name, description: changes.description, professionId: changes.profession_id, durationDays: changes.duration_days };
    },
    answer: (tx, row) => getProjectTemplate(tx, principal, { id: row.id }),
  });
}

/** The program a profession starts by default: an active profession the admin's organisation offers. */
async function assertProfessionUsable(tx: Tx, principal: Principal, professionId: number): Promise<void> {
  const [row] = await tx
    .select({ isActive: professions.isActive })
    .from(professions)
    .where(and(eq(professions.id, professionId), visibleProfessions(principal)))
    .limit(1);
  if (!row?.isActive) {
    const message = row ? "This profession is deactivated." : "No such profession in your organisation.";
    throw new ApiError("validation_failed", message, { issues: [{ path: "profession_id", message }] });
  }
}
