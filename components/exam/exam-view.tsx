"use client";
// A quiz step: the outline and the start, the open attempt being taken, or the result of the one
// just submitted (and, read again later, of the latest graded attempt). The server starts attempts
// (fixing question order and deadline) and grades them; this view only ever holds the questions,
// the person's own answers and the verdicts per question.
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { useState } from "react";
import { useLiveTopics, type LiveTopic } from "@/components/live/use-live";
import { apiFetch, type ApiProblem } from "@/components/query/api";
import { queryKeys } from "@/components/query/query-keys";
import { ProblemMessage } from "@/components/ui/problem-message";
import type { StartAttemptAnswer } from "@/lib/exams/attempts";
import type { AttemptDto } from "@/lib/exams/dto";
import type { GradedResult } from "@/lib/exams/evaluation";
import { ExamAttempt } from "./exam-attempt";
import { ExamIntro, type QuizOutline } from "./exam-intro";
import { ExamResult, gradeOfAttempt, gradeOfSubmit } from "./exam-result";
import { stepKeys } from "./exam-keys";
import { useTaskDetail } from "./task-progress-card";

type Props = {
  taskId: number;
  stepId: number;
  projectId: number | null;
  outline: QuizOutline;
  /** The person the exam is for (the task's owner); only they take it. */
  owner: { id: number; name: string };
  canTake: boolean;
};

type Graded = { result: GradedResult; attempt: AttemptDto; answers: Record<string, string | string[]>; timedOut: boolean };
type AttemptList = { items: AttemptDto[] };

export function ExamView({ taskId, stepId, projectId, outline, owner, canTake }: Props) {
  const client = useQueryClient();
  const topics: LiveTopic[] = projectId === null ? ["user:me"] : ["user:me", `project:${projectId}`];
  useLiveTopics(topics);
  const listKey = stepKeys.attempts(taskId, stepId);
  const attemptsQuery = useQuery<AttemptList, ApiProblem>({
    queryKey: listKey,
    queryFn: ({ signal }) => apiFetch<AttemptList>(`/api/tasks/${taskId}/steps/${stepId}/attempts`, { signal }),
  });
  const { data: task } = useTaskDetail(taskId);
  // The attempt taken in this tab stays on screen whatever later reads of the list say.
  const [active, setActive] = useState<AttemptDto | null>(null);
  const [graded, setGraded] = useState<Graded | null>(null);
  const [notice, setNotice] = useState<ApiProblem | null>(null);
  // Attempts the server refused to take further (409): not offered again from a list read before that.
  const [closed, setClosed] = useState<ReadonlySet<number>>(new Set());

  const refresh = () =>
    Promise.all([
      client.invalidateQueries({ queryKey: listKey }),
      client.invalidateQueries({ queryKey: queryKeys.tasks.all }),
      client.invalidateQueries({ queryKey: queryKeys.scores.all }),
    ]);

  const start = useMutation<StartAttemptAnswer, ApiProblem>({
    mutationFn: () => apiFetch<StartAttemptAnswer>(`/api/tasks/${taskId}/steps/${stepId}/attempts`, { method: "POST", body: {} }),
    onSuccess: (answer) => {
      setGraded(null);
      setNotice(null);
      setActive(answer.attempt);
      setClosed((ids) => new Set([...ids].filter((id) => id !== answer.attempt.id)));
      client.setQueryData<AttemptList>(listKey, (list) => ({ items: [...(list?.items ?? []).filter((a) => a.id !== answer.attempt.id), answer.attempt] }));
    },
    onSettled: refresh,
  });

  const mine = (attemptsQuery.data?.items ?? []).filter((a) => a.user_id === owner.id).sort((a, b) => a.attempt_no - b.attempt_no);
  const open = canTake ? mine.find((a) => a.state === "open" && !closed.has(a.id)) : undefined;
  const current = active ?? open ?? null;

  if (graded) {
    return (
      <ExamResult
        grade={gradeOfSubmit(graded.result)}
        questions={graded.attempt.questions}
        answers={graded.answers}
        timedOut={graded.timedOut}
        taskId={taskId}
        passMark={graded.attempt.pass_mark}
        fresh
        onRetry={() => start.mutate()}
        retrying={start.isPending}
        retryError={start.error}
      />
    );
  }
  if (current) {
    return (
      <ExamAttempt
        key={current.id}
        attempt={current}
        onGraded={(result, answers, timedOut) => {
          setGraded({ result, attempt: current, answers, timedOut });
          setActive(null);
          void refresh();
        }}
        onClosed={(problem) => {
          setNotice(problem);
          setActive(null);
          setClosed((ids) => new Set([...ids, current.id]));
          void refresh();
        }}
      />
    );
  }

  const step = task?.steps.find((s) => s.id === stepId);
  const taskClosed = task?.status === "done" || task?.status === "cancelled";
  const blocked = !canTake
    ? "notOwner"
    : step?.status === "done"
      ? "stepDone"
      : taskClosed
        ? "taskClosed"
        : mine.length >= outline.max_attempts
          ? "exhausted"
          : null;
  // Back on the page after a submit: the latest graded attempt's result, as it was shown then. When
  // another attempt may follow a failed one, its "Try again" is the way to start it.
  const latest = canTake && !notice ? mine.findLast((a) => a.state === "submitted" && a.result !== null) : undefined;
  const retryFromResult = latest?.result?.passed === false && blocked === null;
  return (
    <div className="flex flex-col gap-4">
      <ProblemMessage problem={attemptsQuery.error} />
      {latest?.result ? (
        <ExamResult
          grade={gradeOfAttempt(latest.result, { used: mine.length, max: outline.max_attempts })}
          questions={latest.questions}
          answers={latest.answers}
          timedOut={false}
          taskId={taskId}
          passMark={latest.pass_mark}
          fresh={false}
          attemptNo={latest.attempt_no}
          onRetry={retryFromResult ? () => start.mutate() : undefined}
          retrying={start.isPending}
          retryError={start.error}
        />
      ) : null}
      <ExamIntro
        outline={outline}
        attempts={mine}
        blocked={blocked}
        ownerName={owner.name}
        notice={notice}
        onStart={retryFromResult ? undefined : () => start.mutate()}
        starting={start.isPending}
        startError={retryFromResult ? null : start.error}
      />
    </div>
  );
}
