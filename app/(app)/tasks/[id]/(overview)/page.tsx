import type { Metadata } from "next";
import { getTranslations } from "next-intl/server";
import { Breadcrumb } from "@/components/ui/breadcrumb";
import { Hydrate } from "@/components/query/hydrate";
import { queryKeys } from "@/components/query/query-keys";
import { TaskWorkspace } from "@/components/task/task-workspace";
import { roleAllows } from "@/lib/auth/permissions";
import { loadTaskPage, visibleTask } from "../load";

type Params = { params: Promise<{ id: string }> };

export async function generateMetadata({ params }: Params): Promise<Metadata> {
  const { task } = await visibleTask((await params).id);
  return { title: task.name };
}

export default async function TaskPage({ params }: Params) {
  const { principal, workspace, colleagues } = await loadTaskPage((await params).id);
  const t = await getTranslations("task");
  const { task, project, milestone } = workspace;
  const myRole = task.assignees.find((a) => a.user_id === principal.userId)?.role;
  const canWork = myRole === "owner" || myRole === "helper" || principal.role !== "employee";
  const entries = [
    [queryKeys.tasks.detail(task.id), task],
    ...workspace.checklists.map((c) => [queryKeys.checklists.detail(c.id), c] as const),
    ...workspace.guides.map((g) => [queryKeys.guides.detail(g.id), g] as const),
  ] as const;
  return (
    <div className="flex flex-col gap-6">
      <div className="flex flex-col gap-2">
        <Breadcrumb
          label={t("breadcrumb")}
          trail={[
            { href: "/onboarding", label: project?.name ?? t("myWork") },
            ...(milestone ? [{ href: `/timeline?project=${project?.id ?? ""}#milestone-${milestone.id}`, label: milestone.name }] : []),
          ]}
        />
        <h1 className="text-2xl font-bold tracking-tight sm:text-3xl">
          {task.name}
          {task.kind === "exam" ? <span className="ml-2 align-middle rounded bg-violet-100 px-2 py-0.5 text-sm font-medium text-violet-900 dark:bg-violet-950 dark:text-violet-200">{t("exam")}</span> : null}
        </h1>
        {task.description ? <p className="max-w-3xl text-slate-600 dark:text-slate-400">{task.description}</p> : null}
      </div>
      <Hydrate entries={entries}>
        <TaskWorkspace
          taskId={task.id}
          contents={workspace.steps}
          guideTitles={workspace.guides.map((g) => ({ id: g.id, title: g.translation?.title ?? g.name }))}
          taskStatuses={workspace.taskStatuses}
          colleagues={colleagues}
          canWork={canWork}
          mayAskForHelp={colleagues.length > 0}
          needsApproval={!roleAllows(principal.role, "requests:decide")}
        />
      </Hydrate>
    </div>
  );
}
