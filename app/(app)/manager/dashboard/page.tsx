import type { Metadata } from "next";
import { notFound } from "next/navigation";
import { getTranslations } from "next-intl/server";
import { TeamDashboard, type TeamQuery } from "@/components/manager/team-dashboard";
import { TeamPicker } from "@/components/manager/team-picker";
import { Hydrate } from "@/components/query/hydrate";
import { queryKeys } from "@/components/query/query-keys";
import { getDb } from "@/db";
import { getViewer } from "@/i18n/viewer";
import { requirePrincipal } from "@/lib/auth/session";
import { entityTree } from "@/lib/entities/entities";
import { getTeamScores } from "@/lib/scores/team";
import { TEAM_PAGE_MAX, teamScoresQuerySchema } from "@/lib/scores/validators";
import { teamOverview } from "@/lib/views/manager/team";
import { orNotFound } from "../or-not-found";

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getTranslations("manager.dashboard"))("title") };
}

type SearchParams = Promise<Record<string, string | string[] | undefined>>;

export default async function DashboardPage({ searchParams }: { searchParams: SearchParams }) {
  const principal = await requirePrincipal("scores:read", "/manager/dashboard");
  const { timeZone } = await getViewer();
  const db = await getDb();
  const entity = (await searchParams).entity;
  // Every member on one page: the table sorts in the browser, and a team larger than this is an entity view.
  const parsed = teamScoresQuerySchema.safeParse({ ...(typeof entity === "string" && entity !== "" ? { entity_id: entity } : {}), limit: String(TEAM_PAGE_MAX) });
  if (!parsed.success) notFound();
  const entityId = parsed.data.entity_id;
  const query: TeamQuery = { ...(entityId !== undefined ? { entity_id: entityId } : {}), limit: TEAM_PAGE_MAX };

  const scores = await orNotFound(getTeamScores(db, principal, parsed.data));
  const overview = await orNotFound(teamOverview(db, principal, { entityId, timeZone }));
  const tree = await entityTree(db, principal);
  const top = Math.min(...tree.map((e) => e.path.split("/").length));
  const t = await getTranslations("manager.dashboard");
  return (
    <div className="flex flex-col gap-6">
      <div className="flex flex-wrap items-end justify-between gap-4">
        <div>
          <h1 className="text-2xl font-bold tracking-tight sm:text-3xl">{t("title")}</h1>
          <p className="mt-1 text-slate-600 dark:text-slate-400" data-testid="team-description">
            {scores.team.kind === "manager" ? t("reportsOf", { name: scores.team.manager.name }) : t("everyoneIn", { name: scores.team.entity.name })}
          </p>
        </div>
        <TeamPicker
          selected={entityId ?? null}
          entities={tree.filter((e) => e.is_active).map((e) => ({ id: e.id, name: e.name, depth: e.path.split("/").length - top }))}
        />
      </div>
      <Hydrate entries={[[queryKeys.scores.team(query), scores]]}>
        <TeamDashboard query={query} overview={overview} liveTopic={entityId !== undefined ? `entity:${entityId}` : "team:me"} />
      </Hydrate>
    </div>
  );
}
