// Data the manager specs need, made through the REST API by the people who would make it: the demo
// employee asks for tasks, finishes a checklist item that needs validation and hands in work.
import type { APIRequestContext } from "@playwright/test";
import { assignTemplateTask, meOf } from "../support/arrange";
import { apiJson } from "../support/auth";

type Request = { id: number; title: string; version: number; status: { code: string } | null };

/** A task request from the employee, waiting for the manager (an employee's request always does). */
export async function requestAsEmployee(employeeApi: APIRequestContext, title: string): Promise<Request> {
  const me = await meOf(employeeApi);
  return apiJson<Request>(employeeApi, "POST", "/api/task-requests", {
    title,
    description: "Could someone walk me through this?",
    assignee_ids: [me.id],
  });
}

export async function requestStatus(api: APIRequestContext, id: number): Promise<{ code: string | undefined; note: string | null }> {
  const request = await apiJson<Request & { decision_note: string | null }>(api, "GET", `/api/task-requests/${id}`);
  return { code: request.status?.code, note: request.decision_note };
}

/**
 * The employee's access checklist with "Request access to the staging cloud account" (which needs a
 * manager's validation and has no guide) asked to complete: it waits in pending_validation.
 */
export async function itemAwaitingValidation(managerApi: APIRequestContext, employeeApi: APIRequestContext): Promise<{ taskId: number; itemId: number; title: string }> {
  const task = await assignTemplateTask(managerApi, employeeApi, "Get access to code and tools");
  const title = "Request access to the staging cloud account";
  const checklist = task.checklists.find((c) => c.items.some((i) => i.title === title));
  const item = checklist?.items.find((i) => i.title === title);
  if (!checklist || !item) throw new Error(`no checklist item "${title}" in the assigned task`);
  const answer = await apiJson<{ item: { status: { code: string } | null } }>(employeeApi, "PATCH", `/api/checklists/${checklist.id}/items/${item.id}`, { action: "complete" });
  if (answer.item.status?.code !== "pending_validation") throw new Error(`the item is ${answer.item.status?.code ?? "without status"}, not waiting for validation`);
  return { taskId: task.id, itemId: item.id, title };
}

/** Work handed in by the employee on a fresh "Write a short design note" task (a rated submission step). */
export async function submittedWork(managerApi: APIRequestContext, employeeApi: APIRequestContext, body: string): Promise<{ taskId: number; submissionId: number }> {
  const assigned = await assignTemplateTask(managerApi, employeeApi, "Write a short design note");
  const task = await apiJson<{ id: number; steps: { id: number; kind: string }[] }>(employeeApi, "GET", `/api/tasks/${assigned.id}`);
  const step = task.steps.find((s) => s.kind === "submission");
  if (!step) throw new Error("the design note task has no submission step");
  const answer = await apiJson<{ submission: { id: number } }>(employeeApi, "POST", `/api/tasks/${task.id}/steps/${step.id}/submissions`, { body });
  return { taskId: task.id, submissionId: answer.submission.id };
}
