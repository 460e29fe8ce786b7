// What the checklist API answers: the checklist with its items in position order, each with its
// state, whether sequential order locks it, and where its validation stands.
import "server-only";
import type { Checklist, ChecklistItem, Status } from "../../db/schema";
import { toStatusDto } from "../statuses/service";
import type { GuideState } from "./rules";

const iso = (d: Date | null) => d?.toISOString() ?? null;
type StatusDto = ReturnType<typeof toStatusDto>;

export type ChecklistItemDto = {
  id: number;
  checklist_id: number;
  position: number;
  title: string;
  assignee_id: number | null;
  status_id: number | null;
  status: StatusDto | null;
  /** Sequential checklists: the item waits for `locked_by`, the first earlier item not yet done. */
  locked: boolean;
  locked_by: { id: number; title: string } | null;
  requires_validation: boolean;
  /** null when the item needs no validation. */
  validation: {
    guide_ids: number[];
    guide_acknowledged: boolean;
    validated_by: number | null;
    validated_at: string | null;
    /** The item may complete: its guide was acknowledged or a manager validated it. */
    satisfied: boolean;
  } | null;
  completed_at: string | null;
  completed_by: number | null;
  version: number;
};

export type ChecklistSummaryDto = {
  id: number;
  task_id: number | null;
  task_step_id: number | null;
  name: string;
  mode: string;
  status_id: number | null;
  status: StatusDto | null;
  is_completed: boolean;
  completed_at: string | null;
  completed_by: number | null;
  version: number;
};

export type ChecklistDto = ChecklistSummaryDto & { items: ChecklistItemDto[] };

export function toChecklistSummaryDto(c: Checklist, status: Status | undefined): ChecklistSummaryDto {
  return {
    id: c.id,
    task_id: c.taskId,
    task_step_id: c.taskStepId,
    name: c.name,
    mode: c.mode,
    status_id: c.statusId,
    status: status ? toStatusDto(status) : null,
    is_completed: c.isCompleted,
    completed_at: iso(c.completedAt),
    completed_by: c.completedBy,
    version: c.version,
  };
}

export function toChecklistItemDto(
  item: ChecklistItem,
  state: { status: Status | undefined; lockedBy: { id: number; title: string } | null; guide: GuideState | undefined },
): ChecklistItemDto {
  const acknowledged = state.guide?.acknowledged ?? false;
  return {
    id: item.id,
    checklist_id: item.checklistId,
    position: item.position,
    title: item.title,
    assignee_id: item.assigneeId,
    status_id: item.statusId,
    status: state.status ? toStatusDto(state.status) : null,
    locked: state.lockedBy !== null,
    locked_by: state.lockedBy,
    requires_validation: item.requiresValidation,
    validation: item.requiresValidation
      ? {
          guide_ids: state.guide?.guideIds ?? [],
          guide_acknowledged: acknowledged,
          validated_by: item.validatedBy,
          validated_at: iso(item.validatedAt),
          satisfied: acknowledged || item.validatedAt !== null,
        }
      : null,
    completed_at: iso(item.completedAt),
    completed_by: item.completedBy,
    version: item.version,
  };
}
