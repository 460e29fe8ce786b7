import type { Metadata } from "next";
import { redirect } from "next/navigation";
import { getTranslations } from "next-intl/server";
import { Breadcrumb } from "@/components/ui/breadcrumb";
import { getDb } from "@/db";
import { stepKeys } from "@/components/exam/exam-keys";
import { ExamView } from "@/components/exam/exam-view";
import { TaskProgressCard } from "@/components/exam/task-progress-card";
import { Hydrate } from "@/components/query/hydrate";
import { queryKeys } from "@/components/query/query-keys";
import { SubmissionView } from "@/components/submission/submission-view";
import { roleAllows } from "@/lib/auth/permissions";
import { listStepAttempts } from "@/lib/exams/attempts";
import { listSubmissions } from "@/lib/exams/submissions";
import { submissionListQuerySchema } from "@/lib/exams/validators";
import { loadStepPage, visibleStep } from "../../load";

type Params = { params: Promise<{ id: string; stepId: string }> };

export async function generateMetadata({ params }: Params): Promise<Metadata> {
  const { id, stepId } = await params;
  const { step, task } = await visibleStep(id, stepId);
  return { title: `${step.name} · ${task.name}` };
}

export default async function StepPage({ params }: Params) {
  const { id, stepId } = await params;
  const { principal, task, step, content, project } = await loadStepPage(id, stepId);
  // The layout sends reading and checklist steps to the task page; a step whose template says
  // otherwise goes there too.
  if (content?.kind !== "quiz" && content?.kind !== "submission") redirect(`/tasks/${task.id}`);
  const t = await getTranslations("exam");
  const db = await getDb();
  const ownerRow = task.assignees.find((a) => a.role === "owner");
  const owner = { id: ownerRow?.user_id ?? 0, name: ownerRow?.name ?? "—" };
  const isOwner = owner.id === principal.userId;
  const taskClosed = task.status === "done" || task.status === "cancelled";

  const entries =
    content.kind === "quiz"
      ? ([
          [queryKeys.tasks.detail(task.id), task],
          [stepKeys.attempts(task.id, step.id), await listStepAttempts(db, principal, { taskId: task.id, stepId: step.id })],
        ] as const)
      : ([
          [queryKeys.tasks.detail(task.id), task],
          [
            stepKeys.submissions(task.id, step.id),
            await listSubmissions(db, principal, submissionListQuerySchema.parse({ task_id: String(task.id), limit: "100", ...(isOwner ? { reviewable: "false" } : {}) })),
          ],
        ] as const);

  return (
    <div className="flex flex-col gap-6">
      <div className="flex flex-col gap-2">
        <Breadcrumb
          label={t("breadcrumb")}
          trail={[
            { href: "/onboarding", label: project?.name ?? t("myWork") },
            { href: `/tasks/${task.id}`, label: task.name },
          ]}
        />
        <h1 className="text-2xl font-bold tracking-tight sm:text-3xl">
          {step.name}
          <span className="ml-2 rounded bg-violet-100 px-2 py-0.5 align-middle text-sm font-medium text-violet-900 dark:bg-violet-950 dark:text-violet-200">
            {content.kind === "quiz" ? t("badge") : t("submissionBadge")}
          </span>
        </h1>
      </div>
      <Hydrate entries={entries}>
        <div className="grid items-start gap-6 lg:grid-cols-[minmax(0,1fr)_18rem]">
          <div className="min-w-0">
            {content.kind === "quiz" ? (
              <ExamView
                taskId={task.id}
                stepId={step.id}
                projectId={task.project_id}
                outline={content}
                owner={owner}
                canTake={isOwner && roleAllows(principal.role, "exams:take")}
              />
            ) : (
              <SubmissionView
                taskId={task.id}
                stepId={step.id}
                projectId={task.project_id}
                instructions={content.instructions}
                accepts={content.accepts}
                owner={owner}
                canSubmit={isOwner && roleAllows(principal.role, "tasks:progress")}
                taskClosed={taskClosed}
              />
            )}
          </div>
          <aside className="lg:sticky lg:top-20">
            <TaskProgressCard taskId={task.id} stepId={step.id} />
          </aside>
        </div>
      </Hydrate>
    </div>
  );
}
