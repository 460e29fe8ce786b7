// A person's specialization standing as their manager reads it: each level unlocked or not, the
// evidence stored when it unlocked (the completed projects, the passed milestone tests, the
// progress score then), and what the next level still needs.
import Link from "next/link";
import { useFormatter, useTranslations } from "next-intl";
import { formatInstant } from "@/components/ui/format";
import { CheckIcon, LockIcon } from "@/components/ui/icons";
import type { SpecializationStanding } from "@/lib/specializations/evaluate";

type Level = SpecializationStanding["levels"][number];
type Requirement = Level["requirements"][number];

const numbers = (value: unknown): number[] => (Array.isArray(value) ? value.filter((v): v is number => typeof v === "number") : []);
const numberOf = (value: unknown): number | null => (typeof value === "number" ? value : null);

export function PersonStanding({ standing }: { standing: SpecializationStanding }) {
  const t = useTranslations("manager.person");
  const tl = useTranslations("specialization.level");
  const format = useFormatter();
  const current = standing.levels.filter((l) => l.unlocked).at(-1);
  return (
    <section aria-labelledby="standing-title" className="flex flex-col gap-3 rounded-2xl border border-slate-200 bg-white p-5 shadow-sm dark:border-slate-800 dark:bg-slate-900">
      <h2 id="standing-title" className="text-lg font-semibold">
        {t("standingTitle")}
      </h2>
      <p className="text-sm" data-testid="person-level">
        {current ? t("currentLevel", { level: tl(current.level) }) : t("noLevel")}
      </p>
      <ol className="flex flex-col gap-3">
        {standing.levels.map((level) => (
          <li key={level.level} className="flex flex-col gap-1.5 rounded-xl border border-slate-100 p-3 text-sm dark:border-slate-800">
            <p className="flex items-center gap-2 font-medium">
              {level.unlocked ? <CheckIcon className="h-4 w-4 text-emerald-700 dark:text-emerald-400" /> : <LockIcon className="h-4 w-4 text-slate-500" />}
              {tl(level.level)}
              <span className="font-normal text-slate-600 dark:text-slate-400">
                · {level.unlocked && level.unlocked_at ? t("unlockedOn", { date: formatInstant(format, level.unlocked_at, { dateStyle: "medium" }) }) : t("locked")}
              </span>
            </p>
            <p className="text-xs text-slate-600 dark:text-slate-400">{t(`rule.${level.level}`)}</p>
            {level.unlocked ? <Evidence level={level} /> : <Requirements requirements={level.requirements} />}
          </li>
        ))}
      </ol>
      {standing.blocked_reason ? <p className="text-xs text-amber-800 dark:text-amber-300">{standing.blocked_reason}</p> : null}
    </section>
  );
}

function Evidence({ level }: { level: Level }) {
  const t = useTranslations("manager.person");
  const format = useFormatter();
  const evidence = level.evidence ?? {};
  const projects = numbers(evidence.completed_project_ids);
  const tests = numbers(evidence.milestone_test_task_ids);
  const progress = numberOf(evidence.progress);
  return (
    <dl className="grid gap-x-4 gap-y-1 text-xs sm:grid-cols-[auto_1fr]">
      <dt className="font-medium">{t("evidenceProjects")}</dt>
      <dd>{projects.length ? projects.map((id) => `#${id}`).join(", ") : "—"}</dd>
      <dt className="font-medium">{t("evidenceTests")}</dt>
      <dd className="flex flex-wrap gap-x-2">
        {tests.length
          ? tests.map((id) => (
              <Link key={id} href={`/tasks/${id}`} className="text-emerald-800 underline dark:text-emerald-300">
                {t("taskNumber", { id })}
              </Link>
            ))
          : "—"}
      </dd>
      <dt className="font-medium">{t("evidenceProgress")}</dt>
      <dd>{progress === null ? "—" : format.number(progress, { style: "percent", maximumFractionDigits: 0 })}</dd>
      {level.notes ? (
        <>
          <dt className="font-medium">{t("notes")}</dt>
          <dd>{level.notes}</dd>
        </>
      ) : null}
    </dl>
  );
}

function Requirements({ requirements }: { requirements: Requirement[] }) {
  const t = useTranslations("manager.person");
  const format = useFormatter();
  return (
    <ul className="flex flex-col gap-0.5 text-xs">
      {requirements.map((r) => (
        <li key={r.metric} className={r.met ? "text-emerald-800 dark:text-emerald-300" : ""}>
          {r.metric === "progress"
            ? t("needProgress", {
                above: format.number(r.above, { style: "percent", maximumFractionDigits: 0 }),
                current: r.current === null ? "—" : format.number(r.current, { style: "percent", maximumFractionDigits: 0 }),
              })
            : t(r.metric === "completed_projects" ? "needProjects" : "needTests", { needed: r.at_least, current: r.current })}
        </li>
      ))}
    </ul>
  );
}
