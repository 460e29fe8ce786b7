// Checks on the rows a task request names: the people it is for, the task it asks help on, the
// project it belongs to and the template it follows. Each read filters by the requester's scope,
// so naming a row one cannot see answers exactly as naming one that does not exist.
import "server-only";
import { and, eq, inArray } from "drizzle-orm";
import type { DbOrTx } from "../../db/client";
import { projects, type TaskKind, taskTemplates, tasks, users } from "../../db/schema";
import { ApiError, type FieldIssue, notFound } from "../api/errors";
import type { Principal } from "../auth/principal";
import { inEntitySubtree, visibleTemplates } from "../auth/scope";
import { visibleTasks } from "../tasks/scope";
import { organisationPath, visibleProjects } from "./scope";

/**
 * Every assignee must be an active user of the requester's organisation (any department of it:
 * asking a peer elsewhere in the company for help is the point). Refused ids are named by id
 * only, so the answer tells nothing about users of other organisations.
 */
export async function assertAssignable(db: DbOrTx, principal: Principal, assigneeIds: readonly number[]): Promise<void> {
  if (assigneeIds.length === 0) {
    throw new ApiError("validation_failed", "Name at least one person the task is for.", {
      issues: [{ path: "assignee_ids", message: "Name at least one person the task is for." }],
    });
  }
  const found = await db
    .select({ id: users.id })
    .from(users)
    .where(
      and(
        inArray(users.id, [...assigneeIds]),
        eq(users.isActive, true),
        inEntitySubtree({ entityPath: organisationPath(principal) }, users.entityId),
      ),
    );
  const ok = new Set(found.map((u) => u.id));
  const refused = assigneeIds.filter((id) => !ok.has(id));
  if (refused.length === 0) return;
  const issues: FieldIssue[] = assigneeIds.flatMap((id, index) =>
    ok.has(id) ? [] : [{ path: `assignee_ids.${index}`, message: `User ${id} is not an active member of your organisation.` }],
  );
  throw new ApiError("validation_failed", `These people cannot be assigned: user ${refused.join(", user ")}. Only active members of your organisation can.`, {
    issues,
    extra: { refused_assignee_ids: refused },
  });
}

/** The task a help request points at: one the requester can see (404 otherwise). */
export async function visibleRelatedTask(db: DbOrTx, principal: Principal, taskId: number): Promise<{ id: number; projectId: number | null }> {
  const [row] = await db
    .select({ id: tasks.id, projectId: tasks.projectId })
    .from(tasks)
    .where(and(eq(tasks.id, taskId), visibleTasks(principal)))
    .limit(1);
  if (!row) throw notFound("task");
  return row;
}

export async function visibleProject(db: DbOrTx, principal: Principal, projectId: number): Promise<{ id: number }> {
  const [row] = await db
    .select({ id: projects.id })
    .from(projects)
    .where(and(eq(projects.id, projectId), visibleProjects(principal)))
    .limit(1);
  if (!row) throw notFound("project");
  return row;
}

/**
 * The project a request belongs to: the one named, else the related task's. Naming another
 * project than the related task's would file the help outside the work it helps with.
 */
export async function requestProjectId(
  db: DbOrTx,
  principal: Principal,
  input: { project_id?: number; related_task_id?: number },
): Promise<{ projectId: number | null; relatedTaskId: number | null }> {
  const related = input.related_task_id === undefined ? null : await visibleRelatedTask(db, principal, input.related_task_id);
  if (input.project_id === undefined) return { projectId: related?.projectId ?? null, relatedTaskId: related?.id ?? null };
  await visibleProject(db, principal, input.project_id);
  if (related?.projectId != null && related.projectId !== input.project_id) {
    const message = `The related task belongs to project ${related.projectId}; leave project_id out or use that one.`;
    throw new ApiError("validation_failed", message, { issues: [{ path: "project_id", message }] });
  }
  return { projectId: input.project_id, relatedTaskId: related?.id ?? null };
}

export type RequestTemplate = { id: number; description: string | null; kind: TaskKind; expectedMinutes: number };

/** A published task template the requester may use: the one template visibility rule of lib/auth/scope.ts. */
export async function usableTemplate(db: DbOrTx, principal: Principal, templateId: number): Promise<RequestTemplate> {
  const [row] = await db
    .select({
      id: taskTemplates.id,
      description: taskTemplates.description,
      kind: taskTemplates.kind,
      expectedMinutes: taskTemplates.expectedMinutes,
      isDraft: taskTemplates.isDraft,
    })
    .from(taskTemplates)
    .where(
      and(
        eq(taskTemplates.id, templateId),
        visibleTemplates(principal, taskTemplates.entityId),
      ),
    )
    .limit(1);
  if (!row) throw notFound("task template");
  if (row.isDraft) {
    const message = "This task template is a draft; only published templates can be requested.";
    throw new ApiError("validation_failed", message, { issues: [{ path: "task_template_id", message }] });
  }
  return { id: row.id, description: row.description, kind: row.kind, expectedMinutes: row.expectedMinutes };
}
