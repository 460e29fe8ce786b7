// The JSON shape of a task request, built for a page of rows with one query for the assignees
// and one for the people named (requester, decider). People appear by id and name only.
import "server-only";
import { asc, inArray } from "drizzle-orm";
import type { DbOrTx } from "../../db/client";
import { type TaskRequest, taskRequestAssignee, users } from "../../db/schema";
import { userNameOf } from "../entities/user-name";
import { statusById } from "../statuses/service";

export type UserRef = { id: number; name: string };

export type TaskRequestDto = {
  id: number;
  title: string;
  description: string | null;
  status: { id: number; code: string; name: string } | null;
  approval_required: boolean;
  task_template_id: number | null;
  related_task_id: number | null;
  project_id: number | null;
  entity_id: number | null;
  due_date: string | null;
  assignees: UserRef[];
  created_by: UserRef | null;
  created_at: string;
  decided_by: UserRef | null;
  decided_at: string | null;
  decision_note: string | null;
  /** The task made on approval (or at once without approval). */
  created_task_id: number | null;
  updated_at: string;
  version: number;
};

export async function toTaskRequestDtos(db: DbOrTx, rows: readonly TaskRequest[]): Promise<TaskRequestDto[]> {
  if (rows.length === 0) return [];
  const ids = rows.map((r) => r.id);
  const assigneeName = userNameOf(taskRequestAssignee.assigneeId);
  const assigneeRows = await db
    .select({ requestId: taskRequestAssignee.taskRequestId, id: taskRequestAssignee.assigneeId, name: assigneeName })
    .from(taskRequestAssignee)
    .where(inArray(taskRequestAssignee.taskRequestId, ids))
    .orderBy(asc(taskRequestAssignee.taskRequestId), asc(assigneeName), asc(taskRequestAssignee.assigneeId));
  const assigneesOf = new Map<number, UserRef[]>();
  for (const a of assigneeRows) assigneesOf.set(a.requestId, [...(assigneesOf.get(a.requestId) ?? []), { id: a.id, name: a.name }]);

  const peopleIds = [...new Set(rows.flatMap((r) => [r.createdBy, r.decidedBy]).filter((id): id is number => id !== null))];
  const people = peopleIds.length ? await db.select({ id: users.id, name: users.name }).from(users).where(inArray(users.id, peopleIds)) : [];
  const personOf = new Map(people.map((p) => [p.id, p]));
  const ref = (id: number | null): UserRef | null => (id === null ? null : (personOf.get(id) ?? null));

  return Promise.all(
    rows.map(async (r) => {
      const status = r.statusId === null ? undefined : await statusById(db, r.statusId);
      return {
        id: r.id,
        title: r.title,
        description: r.description,
        status: status ? { id: status.id, code: status.code, name: status.name } : null,
        approval_required: r.approvalRequired,
        task_template_id: r.taskTemplateId,
        related_task_id: r.relatedTaskId,
        project_id: r.projectId,
        entity_id: r.entityId,
        due_date: r.dueDate?.toISOString() ?? null,
        assignees: assigneesOf.get(r.id) ?? [],
        created_by: ref(r.createdBy),
        created_at: r.createdAt.toISOString(),
        decided_by: ref(r.decidedBy),
        decided_at: r.decidedAt?.toISOString() ?? null,
        decision_note: r.decisionNote,
        created_task_id: r.createdTaskId,
        updated_at: r.updatedAt.toISOString(),
        version: r.version,
      };
    }),
  );
}

export async function toTaskRequestDto(db: DbOrTx, row: TaskRequest): Promise<TaskRequestDto> {
  const [dto] = await toTaskRequestDtos(db, [row]);
  if (!dto) throw new Error("serializing a task request produced nothing");
  return dto;
}
