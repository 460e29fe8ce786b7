"use client";
// Task requests waiting for the reader's decision (GET /api/task-requests?decidable=true). Approving
// or rejecting takes the request off the list at once; a refusal puts it back with the server's
// reason beside it. A rejection needs a reason, checked with the API's own schema before sending.
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { useTranslations } from "next-intl";
import { useState } from "react";
import { useLiveTopics } from "@/components/live/use-live";
import { apiFetch, type ApiProblem } from "@/components/query/api";
import { queryKeys } from "@/components/query/query-keys";
import { EmptyState } from "@/components/ui/empty-state";
import { ProblemMessage } from "@/components/ui/problem-message";
import type { Page } from "@/lib/api/pagination";
import type { TaskRequestDto } from "@/lib/requests/dto";
import { ApprovalCard } from "./approval-card";
import { APPROVALS_URL, approvalsKey } from "./approvals-query";

export type Decision = { request: TaskRequestDto; action: "approve" } | { request: TaskRequestDto; action: "reject"; note: string };

/** `entityId`: the reader's own unit, whose requests (and those of the units below) they decide too. */
export function ApprovalsView({ entityId }: { entityId: number }) {
  const t = useTranslations("manager.approvals");
  const client = useQueryClient();
  useLiveTopics(["team:me", `entity:${entityId}`]);
  const [refused, setRefused] = useState<{ id: number; request: TaskRequestDto; problem: ApiProblem; note?: string } | null>(null);
  const [done, setDone] = useState<string | null>(null);
  const { data, error } = useQuery<Page<TaskRequestDto>, ApiProblem>({
    queryKey: approvalsKey,
    queryFn: ({ signal }) => apiFetch(APPROVALS_URL, { signal }),
  });

  const decide = useMutation<TaskRequestDto, ApiProblem, Decision, { before: Page<TaskRequestDto> | undefined }>({
    mutationFn: (d) =>
      apiFetch(`/api/task-requests/${d.request.id}/${d.action}`, {
        method: "POST",
        body: d.action === "reject" ? { note: d.note, version: d.request.version } : { version: d.request.version },
      }),
    onMutate: async (d) => {
      setRefused(null);
      setDone(null);
      await client.cancelQueries({ queryKey: approvalsKey });
      const before = client.getQueryData<Page<TaskRequestDto>>(approvalsKey);
      client.setQueryData<Page<TaskRequestDto>>(approvalsKey, (page) => page && { ...page, items: page.items.filter((r) => r.id !== d.request.id) });
      return { before };
    },
    onError: (problem, d, context) => {
      if (context?.before) client.setQueryData(approvalsKey, context.before);
      setRefused({ id: d.request.id, request: d.request, problem, ...(d.action === "reject" ? { note: d.note } : {}) });
    },
    onSuccess: (_, d) => setDone(t(d.action === "approve" ? "approvedNote" : "rejectedNote", { title: d.request.title })),
    onSettled: () => Promise.all([client.invalidateQueries({ queryKey: queryKeys.requests.all }), client.invalidateQueries({ queryKey: queryKeys.tasks.all })]),
  });

  const listed = data?.items ?? [];
  // A refused decision's request stays on screen with the server's reason, also when the read that
  // follows no longer lists it (withdrawn or decided elsewhere meanwhile): the reason is the news.
  const items = refused && !listed.some((r) => r.id === refused.id) ? [refused.request, ...listed] : listed;
  return (
    <div className="flex flex-col gap-4">
      <p role="status" aria-live="polite" className="text-sm font-medium text-emerald-800 dark:text-emerald-300" data-testid="approvals-status">
        {done}
      </p>
      <ProblemMessage problem={error} />
      {data && items.length === 0 ? <EmptyState title={t("emptyTitle")} body={t("emptyBody")} /> : null}
      <ul className="flex flex-col gap-3">
        {items.map((r) => (
          <ApprovalCard
            key={r.id}
            request={r}
            busy={decide.isPending && decide.variables.request.id === r.id}
            refusal={refused?.id === r.id ? refused : null}
            onDecide={(d) => decide.mutate(d)}
          />
        ))}
      </ul>
    </div>
  );
}
