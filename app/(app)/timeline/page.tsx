import type { Metadata } from "next";
import { getTranslations } from "next-intl/server";
import { getDb } from "@/db";
import { ProjectTimeline } from "@/components/timeline/project-timeline";
import { EmptyState } from "@/components/ui/empty-state";
import { getViewer } from "@/i18n/viewer";
import { ApiError } from "@/lib/api/errors";
import { requirePrincipal } from "@/lib/auth/session";
import { getProject, listProjects, type ProjectDetailDto } from "@/lib/projects/service";
import { todayIn } from "@/lib/tasks/due-dates";

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getTranslations("timeline"))("title") };
}

/** How many programs one page draws; a manager picks one from the list for the rest. */
const SHOWN = 10;

type Search = { searchParams: Promise<Record<string, string | string[] | undefined>> };

export default async function TimelinePage({ searchParams }: Search) {
  const principal = await requirePrincipal("tasks:read", "/timeline");
  const { timeZone } = await getViewer();
  const db = await getDb();
  const t = await getTranslations("timeline");
  const chosen = (await searchParams).project;
  const chosenId = typeof chosen === "string" && /^\d{1,10}$/.test(chosen) ? Number(chosen) : undefined;
  const all = (await listProjects(db, principal, { limit: 100 })).items;
  // Running programs first: the finished ones are history.
  const ordered = [...all].sort((a, b) => Number(a.completed_at !== null) - Number(b.completed_at !== null) || a.id - b.id);
  const ids = chosenId ? [chosenId] : ordered.slice(0, SHOWN).map((p) => p.id);
  const projects: ProjectDetailDto[] = [];
  for (const id of ids) {
    try {
      projects.push(await getProject(db, principal, { id }));
    } catch (error) {
      if (!(error instanceof ApiError && error.status === 404)) throw error;
    }
  }
  return (
    <div className="flex flex-col gap-5">
      <div className="flex flex-wrap items-end justify-between gap-3">
        <div>
          <h1 className="text-2xl font-bold tracking-tight sm:text-3xl">{t("title")}</h1>
          <p className="mt-1 text-slate-600 dark:text-slate-400">{t("subtitle")}</p>
        </div>
        {all.length > 1 ? (
          <form method="get" className="flex items-end gap-2">
            <label className="flex flex-col gap-1 text-xs font-medium text-slate-700 dark:text-slate-300">
              {t("project")}
              <select name="project" defaultValue={chosenId ?? ""} className="rounded-lg border border-slate-300 bg-white px-2.5 py-1.5 text-sm dark:border-slate-700 dark:bg-slate-900">
                <option value="">{t("allProjects", { count: Math.min(all.length, SHOWN) })}</option>
                {ordered.map((p) => (
                  <option key={p.id} value={p.id}>
                    {p.onboardee_name && p.onboardee_id !== principal.userId ? `${p.onboardee_name} · ${p.name}` : p.name}
                  </option>
                ))}
              </select>
            </label>
            <button type="submit" className="rounded-lg bg-emerald-700 px-3 py-1.5 text-sm font-semibold text-white hover:bg-emerald-800">
              {t("show")}
            </button>
          </form>
        ) : null}
      </div>
      {projects.length === 0 ? (
        <EmptyState title={t("emptyTitle")} body={t("emptyBody")} />
      ) : (
        projects.map((project) => <ProjectTimeline key={project.id} project={project} today={todayIn(timeZone)} />)
      )}
    </div>
  );
}
