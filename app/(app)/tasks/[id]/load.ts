// The task pages' data, read once per request (React's cache) for the layouts, the pages and their
// metadata. The task is read by the segment's layout, before any loading state streams, so a task
// (or a step) out of reach answers a real 404; the pages build on that same read.
import "server-only";
import { notFound } from "next/navigation";
import { cache } from "react";
import { getDb } from "@/db";
import { ApiError } from "@/lib/api/errors";
import { roleAllows } from "@/lib/auth/permissions";
import { requirePrincipal } from "@/lib/auth/session";
import { getProject } from "@/lib/projects/service";
import { getTask } from "@/lib/tasks/queries";
import { idText } from "@/lib/tasks/validators";
import { colleaguesToAsk } from "@/lib/views/colleagues";
import { taskWorkspace } from "@/lib/views/task-workspace";
import { taskStepContents } from "@/lib/views/task-steps";

async function orNotFound<T>(read: Promise<T>): Promise<T> {
  try {
    return await read;
  } catch (error) {
    // Another person's task is not found, exactly like a task that does not exist.
    if (error instanceof ApiError && error.status === 404) notFound();
    throw error;
  }
}

/** The task with its steps and checklists, if the principal may see it; 404 otherwise. */
export const visibleTask = cache(async (id: string) => {
  const taskId = idText.safeParse(id);
  if (!taskId.success) notFound();
  const principal = await requirePrincipal("tasks:read", `/tasks/${id}`);
  const task = await orNotFound(getTask(await getDb(), principal, { id: taskId.data }));
  return { principal, task };
});

/** A step of the task; 404 for a step that is not the task's (another task's, or none). */
export const visibleStep = cache(async (id: string, stepIdText: string) => {
  const stepId = idText.safeParse(stepIdText);
  if (!stepId.success) notFound();
  const { principal, task } = await visibleTask(id);
  const step = task.steps.find((s) => s.id === stepId.data);
  if (!step) notFound();
  return { principal, task, step };
});

/** The task page: the workspace around the task already read by the layout. */
export const loadTaskPage = cache(async (id: string) => {
  const { principal, task } = await visibleTask(id);
  const db = await getDb();
  const workspace = await orNotFound(taskWorkspace(db, principal, { task }));
  const colleagues = roleAllows(principal.role, "requests:create") ? await colleaguesToAsk(db, principal) : [];
  return { principal, workspace, colleagues };
});

/** A step page: the step's content and the project it belongs to (for the breadcrumb). */
export const loadStepPage = cache(async (id: string, stepIdText: string) => {
  const { principal, task, step } = await visibleStep(id, stepIdText);
  const db = await getDb();
  const contents = await orNotFound(taskStepContents(db, principal, { taskId: task.id }));
  const project = task.project_id === null ? null : await getProject(db, principal, { id: task.project_id }).catch(absentWhenNotFound);
  return { principal, task, step, content: contents[step.id], project: project && { id: project.id, name: project.name } };
});

/** A part out of the principal's reach is left out, not an error. */
function absentWhenNotFound(error: unknown): null {
  if (error instanceof ApiError && error.status === 404) return null;
  throw error;
}
