"use client";
// The writes a person makes on a task page, each one call of the REST API. Whatever the answer,
// the task and its checklists are read again, so the page shows the server's state, not a guess;
// a refusal keeps the server's reason on the mutation for the control that asked.
import { useMutation, useQueryClient } from "@tanstack/react-query";
import { apiFetch, type ApiProblem } from "@/components/query/api";
import { queryKeys } from "@/components/query/query-keys";

export type ItemMove = { checklistId: number; itemId: number; version: number; action: "complete" | "start" | "reopen" };
export type StepCompletion = { stepId: number; version: number };
export type Transition = { statusId: number; version: number };
export type Acknowledgement = { guideId: number; version: number; language: string | null };

export function useTaskActions(taskId: number, checklistIds: readonly number[]) {
  const client = useQueryClient();
  const refresh = () =>
    Promise.all([
      client.invalidateQueries({ queryKey: queryKeys.tasks.detail(taskId) }),
      ...checklistIds.map((id) => client.invalidateQueries({ queryKey: queryKeys.checklists.detail(id) })),
    ]);

  const completeStep = useMutation<unknown, ApiProblem, StepCompletion>({
    mutationFn: ({ stepId, version }) => apiFetch(`/api/tasks/${taskId}/steps/${stepId}/complete`, { method: "POST", body: { version } }),
    onSettled: refresh,
  });
  const moveItem = useMutation<unknown, ApiProblem, ItemMove>({
    mutationFn: ({ checklistId, itemId, version, action }) =>
      apiFetch(`/api/checklists/${checklistId}/items/${itemId}`, { method: "PATCH", body: { action, version } }),
    onSettled: refresh,
  });
  const transition = useMutation<unknown, ApiProblem, Transition>({
    mutationFn: ({ statusId, version }) => apiFetch(`/api/tasks/${taskId}/transition`, { method: "POST", body: { status_id: statusId, version } }),
    onSettled: refresh,
  });
  const acknowledge = useMutation<unknown, ApiProblem, Acknowledgement>({
    mutationFn: ({ guideId, version, language }) =>
      apiFetch(`/api/guides/${guideId}/acknowledge`, { method: "POST", body: { version, ...(language ? { language } : {}) } }),
    onSettled: (_data, _error, { guideId }) =>
      Promise.all([client.invalidateQueries({ queryKey: queryKeys.guides.detail(guideId) }), refresh()]),
  });
  return { completeStep, moveItem, transition, acknowledge };
}

export type TaskActions = ReturnType<typeof useTaskActions>;
