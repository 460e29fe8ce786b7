import type { Metadata } from "next";
import { getTranslations } from "next-intl/server";
import { getDb } from "@/db";
import { boardFiltersFrom, boardQuery } from "@/components/board/board-query";
import { BoardView } from "@/components/board/board-view";
import { Hydrate } from "@/components/query/hydrate";
import { queryKeys } from "@/components/query/query-keys";
import { getViewer } from "@/i18n/viewer";
import { roleAllows } from "@/lib/auth/permissions";
import { requirePrincipal } from "@/lib/auth/session";
import { listUsers } from "@/lib/entities/users";
import { listProjects } from "@/lib/projects/service";
import { listStatuses } from "@/lib/statuses/service";
import { listTasks } from "@/lib/tasks/queries";
import { taskListQuerySchema } from "@/lib/tasks/validators";

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getTranslations("board"))("title") };
}

type Search = { searchParams: Promise<Record<string, string | string[] | undefined>> };

export default async function BoardPage({ searchParams }: Search) {
  const principal = await requirePrincipal("tasks:read", "/board");
  const { timeZone } = await getViewer();
  const db = await getDb();
  const filters = boardFiltersFrom(await searchParams);
  const query = taskListQuerySchema.parse(
    Object.fromEntries(Object.entries(boardQuery(filters, timeZone)).flatMap(([k, v]) => (v === undefined ? [] : [[k, String(v)]]))),
  );
  const first = await listTasks(db, principal, query);
  const projects = await listProjects(db, principal, { limit: 100 });
  // Managers and admins filter by anyone they oversee; an employee by the people on their own tasks.
  const people = roleAllows(principal.role, "users:read") ? (await listUsers(db, principal, { limit: 100 })).items.map((u) => ({ id: u.id, label: u.name })) : [];
  const seen = new Map<number, string>([[principal.userId, principal.name], ...people.map((p) => [p.id, p.label] as const)]);
  for (const task of first.items) for (const a of task.assignees) seen.set(a.user_id, a.name);
  const statuses = (await listStatuses(db))
    .filter((s) => s.domain === "task")
    .sort((a, b) => a.position - b.position)
    .map((s) => ({ id: s.id, code: s.code }));
  const t = await getTranslations("board");
  return (
    <div className="flex flex-col gap-5">
      <div>
        <h1 className="text-2xl font-bold tracking-tight sm:text-3xl">{t("title")}</h1>
        <p className="mt-1 text-slate-600 dark:text-slate-400">{t("subtitle")}</p>
      </div>
      <Hydrate entries={[[queryKeys.tasks.board(filters), { pages: [first], pageParams: [null] }]]}>
        <BoardView
          initialFilters={filters}
          statuses={statuses}
          projects={projects.items.map((p) => ({ id: p.id, label: p.onboardee_name && p.onboardee_id !== principal.userId ? `${p.onboardee_name} · ${p.name}` : p.name }))}
          people={[...seen].map(([id, label]) => ({ id, label })).sort((a, b) => a.label.localeCompare(b.label))}
          timeZone={timeZone}
        />
      </Hydrate>
    </div>
  );
}
