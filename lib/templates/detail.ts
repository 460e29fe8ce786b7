// One template of any kind with its links, as its own GET answers it: what publishing and drafting return.
import "server-only";
import type { DbOrTx } from "../../db/client";
import type { Principal } from "../auth/principal";
import type { TemplateKind } from "./access";
import type { StepTemplateDto } from "./dto";
import { getMilestoneTemplate, type MilestoneTemplateDetailDto } from "./milestone-templates";
import { getProjectTemplate, type ProjectTemplateDetailDto } from "./project-templates";
import { getStepTemplate } from "./step-templates";
import { getTaskTemplate, type TaskTemplateDetailDto } from "./task-templates";

export type TemplateDetailDto = ProjectTemplateDetailDto | MilestoneTemplateDetailDto | TaskTemplateDetailDto | StepTemplateDto;

export function readTemplateDetail(db: DbOrTx, principal: Principal, kind: TemplateKind, id: number): Promise<TemplateDetailDto> {
  switch (kind) {
    case "project":
      return getProjectTemplate(db, principal, { id });
    case "milestone":
      return getMilestoneTemplate(db, principal, { id });
    case "task":
      return getTaskTemplate(db, principal, { id });
    case "step":
      return getStepTemplate(db, principal, { id });
  }
}
