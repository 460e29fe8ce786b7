import type { Metadata } from "next";
import { notFound } from "next/navigation";
import { getTranslations } from "next-intl/server";
import { Breadcrumb } from "@/components/ui/breadcrumb";
import { LiveTopics } from "@/components/live/live-topics";
import { PersonScores } from "@/components/manager/person-scores";
import { PersonStanding } from "@/components/manager/person-standing";
import { PersonOverdue, PersonProjects } from "@/components/manager/person-work";
import { getDb } from "@/db";
import { requirePrincipal } from "@/lib/auth/session";
import { personOverview } from "@/lib/views/manager/person";
import { orNotFound } from "../../or-not-found";

type Params = { params: Promise<{ id: string }> };

async function load(id: string) {
  if (!/^\d{1,10}$/.test(id)) notFound();
  const principal = await requirePrincipal("scores:read", `/manager/people/${id}`);
  return orNotFound(personOverview(await getDb(), principal, { userId: Number(id) }));
}

export async function generateMetadata({ params }: Params): Promise<Metadata> {
  return { title: (await load((await params).id)).person.name };
}

export default async function PersonPage({ params }: Params) {
  const { person, scores, standing, projects, overdue } = await load((await params).id);
  const t = await getTranslations("manager.person");
  return (
    <div className="flex flex-col gap-6">
      <LiveTopics topics={[`user:${person.id}`]} refresh />
      <div className="flex flex-col gap-2">
        <Breadcrumb label={t("breadcrumb")} trail={[{ href: "/manager/dashboard", label: t("backToTeam") }]} />
        <h1 className="text-2xl font-bold tracking-tight sm:text-3xl">{person.name}</h1>
        <p className="text-slate-600 dark:text-slate-400">
          {[person.entity.name, person.profession, person.manager ? t("managedBy", { name: person.manager.name }) : null].filter(Boolean).join(" · ")}
          {person.is_active ? "" : ` · ${t("inactive")}`}
        </p>
      </div>
      <PersonScores scores={scores} />
      <div className="grid items-start gap-6 lg:grid-cols-[minmax(0,1fr)_minmax(0,24rem)]">
        <div className="flex min-w-0 flex-col gap-6">
          <PersonOverdue tasks={overdue} />
          <PersonProjects projects={projects} />
        </div>
        <PersonStanding standing={standing} />
      </div>
    </div>
  );
}
