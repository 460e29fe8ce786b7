// The person's specialization level and what unlocks the next one, as the specializations service
// states it (lib/specializations): the requirements with where they stand on each.
import { useTranslations } from "next-intl";
import { ProgressBar } from "@/components/ui/progress-bar";
import type { SpecializationStanding } from "@/lib/specializations/evaluate";

type Requirement = SpecializationStanding["levels"][number]["requirements"][number];

export function SpecializationCard({ standing }: { standing: SpecializationStanding }) {
  const t = useTranslations("specialization");
  const unlocked = standing.levels.filter((l) => l.unlocked);
  const current = unlocked.at(-1);
  return (
    <section aria-labelledby="specialization-heading" className="flex flex-col gap-3 rounded-2xl border border-slate-200 bg-white p-5 shadow-sm dark:border-slate-800 dark:bg-slate-900">
      <h2 id="specialization-heading" className="text-lg font-semibold">
        {t("title")}
      </h2>
      <p className="text-sm">
        {current ? (
          <>
            {t("current")} <strong className="text-emerald-800 dark:text-emerald-300">{current.name ?? t(`level.${current.level}`)}</strong>
          </>
        ) : (
          t("none")
        )}
      </p>
      <ol className="flex gap-1.5" aria-label={t("levels")}>
        {standing.levels.map((l) => (
          <li
            key={l.level}
            className={`flex-1 rounded-md px-2 py-1 text-center text-xs font-medium ${
              l.unlocked ? "bg-emerald-700 text-white" : "bg-slate-100 text-slate-700 dark:bg-slate-800 dark:text-slate-300"
            }`}
          >
            {t(`level.${l.level}`)}
            <span className="sr-only">: {l.unlocked ? t("unlocked") : t("locked")}</span>
          </li>
        ))}
      </ol>
      {standing.next ? (
        <div className="flex flex-col gap-2 text-sm">
          <p className="font-medium">{t("next", { level: t(`level.${standing.next.level}`) })}</p>
          <ul className="flex flex-col gap-2">
            {standing.next.missing.map((r) => (
              <RequirementRow key={r.metric} requirement={r} />
            ))}
          </ul>
        </div>
      ) : (
        <p className="text-sm text-emerald-800 dark:text-emerald-300">{t("all")}</p>
      )}
      {standing.blocked_reason ? <p className="text-xs text-amber-800 dark:text-amber-300">{standing.blocked_reason}</p> : null}
    </section>
  );
}

function RequirementRow({ requirement: r }: { requirement: Requirement }) {
  const t = useTranslations("specialization");
  if (r.metric === "progress") {
    const current = r.current === null ? null : Math.round(r.current * 100);
    return (
      <li className="flex flex-col gap-1">
        <span>{t("progressAbove", { above: Math.round(r.above * 100), current: current ?? 0, known: current === null ? "no" : "yes" })}</span>
        <ProgressBar done={current ?? 0} total={100} label={t("progressLabel")} size="sm" />
      </li>
    );
  }
  return (
    <li className="flex flex-col gap-1">
      <span>{t(r.metric === "completed_projects" ? "projects" : "tests", { needed: r.at_least, current: r.current })}</span>
      <ProgressBar done={Math.min(r.current, r.at_least)} total={r.at_least} label={t(r.metric === "completed_projects" ? "projectsLabel" : "testsLabel")} size="sm" />
    </li>
  );
}
