// The specialization levels, each on its own: a badge with the level and whether it is unlocked,
// then its requirements — what it unlocked with, or where the person stands and what is still
// missing. The levels unlock independently, so a locked level may sit below an unlocked one.
import { useFormatter, useTranslations } from "next-intl";
import type { ReactNode } from "react";
import { formatInstant } from "@/components/ui/format";
import { CheckIcon, ClockIcon, LockIcon } from "@/components/ui/icons";
import { ProgressBar } from "@/components/ui/progress-bar";
import type { LevelState, LevelView, RequirementView, SpecializationView } from "@/lib/views/specialization";

const BADGE: Record<LevelState, string> = {
  unlocked: "bg-emerald-700 text-white",
  met: "border border-amber-300 bg-amber-50 text-amber-900 dark:border-amber-700 dark:bg-amber-950 dark:text-amber-100",
  locked: "bg-slate-100 text-slate-700 dark:bg-slate-800 dark:text-slate-200",
  unavailable: "border border-dashed border-slate-300 text-slate-600 dark:border-slate-600 dark:text-slate-300",
};

function StateIcon({ state }: { state: LevelState }) {
  if (state === "unlocked") return <CheckIcon className="h-3.5 w-3.5" />;
  if (state === "met") return <ClockIcon className="h-3.5 w-3.5" />;
  return <LockIcon className="h-3.5 w-3.5" />;
}

export function LevelList({ view, detail }: { view: SpecializationView; detail?: (level: LevelView) => ReactNode }) {
  const t = useTranslations("specialization");
  const format = useFormatter();
  return (
    <div className="flex flex-col gap-3">
      {view.lower_locked ? <p className="text-xs text-slate-600 dark:text-slate-400">{t("independent")}</p> : null}
      {view.no_profession ? <p className="text-xs text-amber-800 dark:text-amber-300">{t("noProfession")}</p> : null}
      <ol aria-label={t("levels")} className="flex flex-col gap-3">
        {view.levels.map((level) => (
          <li key={level.level} className="flex flex-col gap-2 rounded-xl border border-slate-100 p-3 text-sm dark:border-slate-800">
            <div className="flex flex-wrap items-center gap-x-2 gap-y-1">
              <span className={`inline-flex items-center gap-1 rounded-full px-2 py-0.5 text-xs font-semibold ${BADGE[level.state]}`}>
                <StateIcon state={level.state} />
                {t(`level.${level.level}`)}
              </span>
              <span className="text-xs text-slate-600 dark:text-slate-400">
                {level.state === "unlocked" && level.unlocked_at
                  ? t("unlockedOn", { date: formatInstant(format, level.unlocked_at, { dateStyle: "medium" }) })
                  : t(`state.${level.state}`)}
              </span>
            </div>
            {level.state === "met" || (level.state === "unavailable" && !view.no_profession) ? (
              <p className="text-xs text-slate-600 dark:text-slate-400">{t(`hint.${level.state}`)}</p>
            ) : null}
            <ul className="flex flex-col gap-2">
              {level.requirements.map((requirement) => (
                <RequirementLine key={requirement.metric} requirement={requirement} level={t(`level.${level.level}`)} bar={level.state !== "unlocked"} />
              ))}
            </ul>
            {detail?.(level)}
          </li>
        ))}
      </ol>
    </div>
  );
}

/** One requirement in words ("1 of 3 milestone tests passed"), with a bar while it is still being worked towards. */
function RequirementLine({ requirement: r, level, bar }: { requirement: RequirementView; level: string; bar: boolean }) {
  const t = useTranslations("specialization");
  const format = useFormatter();
  const percent = (value: number) => format.number(value, { style: "percent", maximumFractionDigits: 0 });
  const tone = r.met ? "text-emerald-800 dark:text-emerald-300" : "text-slate-700 dark:text-slate-300";
  if (r.metric === "progress") {
    const text =
      r.value === null
        ? t("requirement.progressUnknown", { above: percent(r.above) })
        : t(r.met ? "requirement.progressAbove" : "requirement.progressBelow", { value: percent(r.value), above: percent(r.above) });
    return (
      <li className={`flex flex-col gap-1 text-xs ${tone}`}>
        <span>{text}</span>
        {bar && !r.met ? <ProgressBar done={Math.round((r.value ?? 0) * 100)} total={100} label={t("requirement.bar", { level, measure: t("progressLabel") })} size="sm" /> : null}
      </li>
    );
  }
  const projects = r.metric === "completed_projects";
  const text = r.met
    ? t(projects ? "requirement.projectsDone" : "requirement.testsDone", { value: r.value })
    : t(projects ? "requirement.projectsOf" : "requirement.testsOf", { value: r.value, needed: r.needed });
  return (
    <li className={`flex flex-col gap-1 text-xs ${tone}`}>
      <span>{text}</span>
      {bar && !r.met ? <ProgressBar done={Math.min(r.value, r.needed)} total={r.needed} label={t("requirement.bar", { level, measure: t(projects ? "projectsLabel" : "testsLabel") })} size="sm" /> : null}
    </li>
  );
}
