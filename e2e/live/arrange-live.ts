// Changes the live specs make through the REST API, as the people who may make them.
import type { APIRequestContext } from "@playwright/test";
import { apiJson } from "../support/auth";

type Item = { id: number; title: string; version: number; status: { code: string } | null };
export type TaskDetail = { id: number; version: number; status: string | null; project_id: number | null; checklists: { id: number; items: Item[] }[] };

export function taskDetail(api: APIRequestContext, taskId: number): Promise<TaskDetail> {
  return apiJson<TaskDetail>(api, "GET", `/api/tasks/${taskId}`);
}

/** Moves the task to the status with this code, with the version it has now. */
export async function moveTask(api: APIRequestContext, taskId: number, code: string): Promise<void> {
  const statuses = await apiJson<{ items: { id: number; code: string }[] }>(api, "GET", "/api/statuses?domain=task");
  const to = statuses.items.find((s) => s.code === code);
  if (!to) throw new Error(`no task status "${code}"`);
  const task = await taskDetail(api, taskId);
  await apiJson(api, "POST", `/api/tasks/${taskId}/transition`, { status_id: to.id, version: task.version });
}

/** Completes every checklist item of the task in order, which completes the task. */
export async function completeAllItems(api: APIRequestContext, taskId: number): Promise<void> {
  const task = await taskDetail(api, taskId);
  for (const checklist of task.checklists) {
    for (const item of checklist.items) {
      await apiJson(api, "PATCH", `/api/checklists/${checklist.id}/items/${item.id}`, { action: "complete", version: item.version });
    }
  }
}
