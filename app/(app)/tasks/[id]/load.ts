// The task page's data, read once per request for the page and its metadata. The segment's layout
// only checks that the task is visible, so a task out of reach answers 404 before anything
// streams, while the page's loading state shows as the rest is read.
import "server-only";
import { notFound } from "next/navigation";
import { cache } from "react";
import { getDb } from "@/db";
import { ApiError } from "@/lib/api/errors";
import { roleAllows } from "@/lib/auth/permissions";
import { requirePrincipal } from "@/lib/auth/session";
import { getTask } from "@/lib/tasks/queries";
import { idText } from "@/lib/tasks/validators";
import { colleaguesToAsk } from "@/lib/views/colleagues";
import { taskWorkspace } from "@/lib/views/task-workspace";

async function orNotFound<T>(read: Promise<T>): Promise<T> {
  try {
    return await read;
  } catch (error) {
    // Another person's task is not found, exactly like a task that does not exist.
    if (error instanceof ApiError && error.status === 404) notFound();
    throw error;
  }
}

export const assertTaskVisible = cache(async (id: string) => {
  const taskId = idText.safeParse(id);
  if (!taskId.success) notFound();
  const principal = await requirePrincipal("tasks:read", `/tasks/${id}`);
  await orNotFound(getTask(await getDb(), principal, { id: taskId.data }));
});

export const loadTaskPage = cache(async (id: string) => {
  const taskId = idText.safeParse(id);
  if (!taskId.success) notFound();
  const principal = await requirePrincipal("tasks:read", `/tasks/${id}`);
  const db = await getDb();
  const workspace = await orNotFound(taskWorkspace(db, principal, { taskId: taskId.data }));
  const colleagues = roleAllows(principal.role, "requests:create") ? await colleaguesToAsk(db, principal) : [];
  return { principal, workspace, colleagues };
});
