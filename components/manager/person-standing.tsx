// A person's specialization standing as their manager reads it: the current level — the highest
// one unlocked — and each level on its own, unlocked with the evidence stored when it unlocked (the
// completed projects, the passed milestone tests, notes) or locked with what it still needs.
import Link from "next/link";
import { useTranslations } from "next-intl";
import { LevelList } from "@/components/specialization/level-list";
import type { LevelView, SpecializationView } from "@/lib/views/specialization";

export function PersonStanding({ standing }: { standing: SpecializationView }) {
  const t = useTranslations("manager.person");
  const tl = useTranslations("specialization.level");
  return (
    <section aria-labelledby="standing-title" className="flex flex-col gap-3 rounded-2xl border border-slate-200 bg-white p-5 shadow-sm dark:border-slate-800 dark:bg-slate-900">
      <h2 id="standing-title" className="text-lg font-semibold">
        {t("standingTitle")}
      </h2>
      <p className="text-sm" data-testid="person-level">
        {standing.current ? t("currentLevel", { level: tl(standing.current) }) : t("noLevel")}
      </p>
      <LevelList view={standing} detail={(level) => (level.state === "unlocked" ? <Evidence level={level} /> : null)} />
    </section>
  );
}

/** The rows behind an unlocked level: the projects and milestone tests it counted, and any notes. */
function Evidence({ level }: { level: LevelView }) {
  const t = useTranslations("manager.person");
  const counts = new Set(level.requirements.map((r) => r.metric));
  const rows = [
    counts.has("completed_projects") && level.project_ids.length > 0 ? (
      <div key="projects" className="contents">
        <dt className="font-medium">{t("evidenceProjects")}</dt>
        <dd>{level.project_ids.map((id) => `#${id}`).join(", ")}</dd>
      </div>
    ) : null,
    counts.has("passed_milestone_tests") && level.milestone_test_task_ids.length > 0 ? (
      <div key="tests" className="contents">
        <dt className="font-medium">{t("evidenceTests")}</dt>
        <dd className="flex flex-wrap gap-x-2">
          {level.milestone_test_task_ids.map((id) => (
            <Link key={id} href={`/tasks/${id}`} className="text-emerald-800 underline dark:text-emerald-300">
              {t("taskNumber", { id })}
            </Link>
          ))}
        </dd>
      </div>
    ) : null,
    level.notes ? (
      <div key="notes" className="contents">
        <dt className="font-medium">{t("notes")}</dt>
        <dd>{level.notes}</dd>
      </div>
    ) : null,
  ].filter(Boolean);
  if (rows.length === 0) return null;
  return <dl className="grid gap-x-4 gap-y-1 text-xs sm:grid-cols-[auto_1fr]">{rows}</dl>;
}
