"use client";
// A submission step: hand in the work, then follow it — waiting for review, returned with the
// reviewer's public feedback (and handed in again), or reviewed with a score and a technical
// rating. The reviewer's private feedback is for reviewers only: the API leaves it out of the
// submitter's answers and nothing here would show it.
import { useQuery, useQueryClient } from "@tanstack/react-query";
import { useFormatter, useTranslations } from "next-intl";
import { stepKeys } from "@/components/exam/exam-keys";
import { useLiveTopics, type LiveTopic } from "@/components/live/use-live";
import { apiFetch, type ApiProblem } from "@/components/query/api";
import { queryKeys } from "@/components/query/query-keys";
import { formatInstant } from "@/components/ui/format";
import { ProblemMessage } from "@/components/ui/problem-message";
import { Markdown } from "@/components/ui/markdown";
import type { Page } from "@/lib/api/pagination";
import type { SubmissionDto } from "@/lib/exams/dto";
import { type Accepts, SubmissionForm } from "./submission-form";
import { SubmissionState } from "./submission-state";

type Props = {
  taskId: number;
  stepId: number;
  projectId: number | null;
  instructions: string;
  accepts: Accepts;
  owner: { id: number; name: string };
  canSubmit: boolean;
  taskClosed: boolean;
};

export function SubmissionView({ taskId, stepId, projectId, instructions, accepts, owner, canSubmit, taskClosed }: Props) {
  const t = useTranslations("submission");
  const format = useFormatter();
  const client = useQueryClient();
  const topics: LiveTopic[] = projectId === null ? ["user:me"] : ["user:me", `project:${projectId}`];
  useLiveTopics(topics);
  const key = stepKeys.submissions(taskId, stepId);
  const { data, error } = useQuery<Page<SubmissionDto>, ApiProblem>({
    queryKey: key,
    queryFn: ({ signal }) => apiFetch<Page<SubmissionDto>>(`/api/submissions?task_id=${taskId}${canSubmit ? "&reviewable=false" : ""}&limit=100`, { signal }),
  });
  const mine = (data?.items ?? []).filter((s) => s.task_step_id === stepId && s.user_id === owner.id).sort((a, b) => a.id - b.id);
  const latest = mine.at(-1);
  const earlier = mine.slice(0, -1).reverse();
  const mayHandIn = canSubmit && !taskClosed && (latest === undefined || latest.state === "returned");

  return (
    <div className="flex flex-col gap-5">
      <section aria-labelledby="instructions-heading" className="flex flex-col gap-2 rounded-2xl border border-slate-200 bg-white p-4 shadow-sm sm:p-5 dark:border-slate-800 dark:bg-slate-900">
        <h2 id="instructions-heading" className="text-base font-semibold">
          {t("instructions")}
        </h2>
        {instructions ? <Markdown source={instructions} baseLevel={3} /> : null}
        <p className="text-sm text-slate-600 dark:text-slate-400">{t(`accepts.${accepts}`)}</p>
      </section>

      <ProblemMessage problem={error} />
      {latest ? <SubmissionState submission={latest} /> : null}

      {mayHandIn ? (
        <div className="rounded-2xl border border-slate-200 bg-white p-4 shadow-sm sm:p-5 dark:border-slate-800 dark:bg-slate-900">
          <SubmissionForm
            taskId={taskId}
            stepId={stepId}
            accepts={accepts}
            initial={latest ? { body: latest.body, url: latest.url } : undefined}
            resubmission={latest !== undefined}
            onSubmitted={(answer) => {
              client.setQueryData<Page<SubmissionDto>>(key, (page) => page && { ...page, items: [...page.items, answer.submission] });
              void Promise.all([client.invalidateQueries({ queryKey: key }), client.invalidateQueries({ queryKey: queryKeys.tasks.all })]);
            }}
          />
        </div>
      ) : !canSubmit && !latest ? (
        <p className="rounded-xl bg-slate-50 p-3 text-sm dark:bg-slate-800/60" data-testid="submission-blocked">
          {t("notOwner", { name: owner.name })}
        </p>
      ) : taskClosed && !latest ? (
        <p className="rounded-xl bg-slate-50 p-3 text-sm dark:bg-slate-800/60">{t("taskClosed")}</p>
      ) : null}

      {earlier.length ? (
        <details className="rounded-2xl border border-slate-200 bg-white p-4 text-sm dark:border-slate-800 dark:bg-slate-900">
          <summary className="cursor-pointer font-semibold">{t("earlier", { count: earlier.length })}</summary>
          <ol className="mt-3 flex flex-col gap-3">
            {earlier.map((s) => (
              <li key={s.id} className="flex flex-col gap-1 border-t border-slate-100 pt-3 first:border-0 first:pt-0 dark:border-slate-800">
                <span className="text-slate-600 dark:text-slate-400">
                  {t(`state.${s.state as "submitted"}`)} · {formatInstant(format, s.created_at)}
                </span>
                {s.public_feedback ? <p className="whitespace-pre-wrap">{t("feedbackWas", { feedback: s.public_feedback })}</p> : null}
              </li>
            ))}
          </ol>
        </details>
      ) : null}
    </div>
  );
}
