"use client";
// What the reviews page's queues share. Acting on an entry takes it off the list at once; a refusal
// brings it back with the server's reason, a success is said in the queue's status line, and the
// page then re-reads the queue. Each queue keeps its own request, rows and follow-up reads.
import { type QueryKey, useMutation, useQueryClient } from "@tanstack/react-query";
import { useRouter } from "next/navigation";
import { type ReactNode, useState } from "react";
import type { ApiProblem } from "@/components/query/api";
import { EmptyState } from "@/components/ui/empty-state";

type QueueActionOptions<V> = {
  /** The entry a request is about. */
  keyOf: (variables: V) => number;
  send: (variables: V) => Promise<unknown>;
  /** What the status line says once the server accepted. */
  doneNote: (variables: V) => string;
  /** The reads the change makes stale, accepted or refused. */
  stale: (variables: V) => QueryKey[];
  /** Re-read the page on a refusal too, when a retry needs what changed meanwhile. */
  refreshOnRefusal?: boolean;
};

export function useQueueAction<V>({ keyOf, send, doneNote, stale, refreshOnRefusal = false }: QueueActionOptions<V>) {
  const router = useRouter();
  const client = useQueryClient();
  const [sent, setSent] = useState<ReadonlySet<number>>(new Set());
  const [refused, setRefused] = useState<{ id: number; problem: ApiProblem } | null>(null);
  const [done, setDone] = useState<string | null>(null);
  const action = useMutation<unknown, ApiProblem, V>({
    mutationFn: send,
    onMutate: (variables) => {
      setRefused(null);
      setDone(null);
      setSent((s) => new Set(s).add(keyOf(variables)));
    },
    onError: (problem, variables) => {
      const id = keyOf(variables);
      setSent((s) => new Set([...s].filter((sentId) => sentId !== id)));
      setRefused({ id, problem });
      if (refreshOnRefusal) router.refresh();
    },
    onSuccess: (_, variables) => {
      setDone(doneNote(variables));
      router.refresh();
    },
    onSettled: (_, __, variables) => Promise.all(stale(variables).map((queryKey) => client.invalidateQueries({ queryKey }))),
  });
  return {
    act: (variables: V) => action.mutate(variables),
    /** Sent and not refused (yet): hidden from the list. */
    isSent: (id: number) => sent.has(id),
    isBusy: (id: number) => action.isPending && keyOf(action.variables) === id,
    refusalOf: (id: number) => (refused?.id === id ? refused.problem : null),
    done,
  };
}

type QueueSectionProps = {
  /** The heading's id, which names the section. */
  id: string;
  title: string;
  statusTestId: string;
  done: string | null;
  empty: { title: string; body: string } | null;
  children: ReactNode;
};

export function QueueSection({ id, title, statusTestId, done, empty, children }: QueueSectionProps) {
  return (
    <section aria-labelledby={id} className="flex flex-col gap-3">
      <h2 id={id} className="text-lg font-semibold">
        {title}
      </h2>
      <p role="status" aria-live="polite" className="text-sm font-medium text-emerald-800 dark:text-emerald-300" data-testid={statusTestId}>
        {done}
      </p>
      {empty ? <EmptyState title={empty.title} body={empty.body} /> : null}
      {children}
    </section>
  );
}
