"use client";
// The board's data and its one write: tasks page by page for the current filters, and a status
// move that shows at once (optimistic), is sent with the row version the card was read at, and is
// rolled back with the server's reason when the status machine or a rule refuses it.
import { type InfiniteData, useInfiniteQuery, useMutation, useQueryClient } from "@tanstack/react-query";
import { useState } from "react";
import { apiFetch, ApiProblem, queryString } from "@/components/query/api";
import { type BoardFilters, queryKeys } from "@/components/query/query-keys";
import type { Page } from "@/lib/api/pagination";
import type { TaskDto } from "@/lib/tasks/dto";
import type { TaskProgressAnswer } from "@/lib/progress/dto";
import { boardQuery } from "./board-query";

export type BoardPages = InfiniteData<Page<TaskDto>, string | null>;
export type Refusal = { taskName: string; to: string; problem: ApiProblem };
type Move = { task: TaskDto; to: { id: number; code: string } };

function mapTasks(data: BoardPages | undefined, change: (task: TaskDto) => TaskDto): BoardPages | undefined {
  return data && { ...data, pages: data.pages.map((page) => ({ ...page, items: page.items.map(change) })) };
}

export function useBoard(filters: BoardFilters, timeZone: string) {
  const client = useQueryClient();
  const key = queryKeys.tasks.board(filters);
  const [refusal, setRefusal] = useState<Refusal | null>(null);

  const tasks = useInfiniteQuery<Page<TaskDto>, ApiProblem, BoardPages, ReturnType<typeof queryKeys.tasks.board>, string | null>({
    queryKey: key,
    initialPageParam: null as string | null,
    queryFn: ({ pageParam, signal }) =>
      apiFetch<Page<TaskDto>>(`/api/tasks${queryString({ ...boardQuery(filters, timeZone), cursor: pageParam ?? undefined })}`, { signal }),
    getNextPageParam: (last) => last.next_cursor,
  });

  const move = useMutation<TaskProgressAnswer, ApiProblem, Move, { previous: BoardPages | undefined }>({
    mutationFn: ({ task, to }) => apiFetch(`/api/tasks/${task.id}/transition`, { method: "POST", body: { status_id: to.id, version: task.version } }),
    onMutate: async ({ task, to }) => {
      setRefusal(null);
      await client.cancelQueries({ queryKey: key });
      const previous = client.getQueryData<BoardPages>(key);
      client.setQueryData<BoardPages>(key, (data) => mapTasks(data, (t) => (t.id === task.id ? { ...t, status_id: to.id, status: to.code } : t)));
      return { previous };
    },
    onError: (problem, { task, to }, context) => {
      client.setQueryData(key, context?.previous);
      setRefusal({ taskName: task.name, to: to.code, problem: problem instanceof ApiProblem ? problem : new ApiProblem(0, "offline") });
    },
    onSuccess: (answer) => {
      // The new version, so the next move of the same card is not refused as stale.
      client.setQueryData<BoardPages>(key, (data) =>
        mapTasks(data, (t) => (t.id === answer.task.id ? { ...t, version: answer.task.version, status_id: answer.task.status_id, status: answer.task.status.code } : t)),
      );
    },
    onSettled: () => client.invalidateQueries({ queryKey: queryKeys.tasks.all }),
  });

  const items = tasks.data?.pages.flatMap((p) => p.items) ?? [];
  return { tasks, items, move, refusal, dismissRefusal: () => setRefusal(null) };
}
