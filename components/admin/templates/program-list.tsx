// The programs an admin sees: each revision with its state, length, profession and how many
// projects were started from it, newest change in the admin's time zone.
import Link from "next/link";
import { useFormatter, useTranslations } from "next-intl";
import { formatInstant } from "@/components/ui/format";
import type { ProgramListItem } from "@/lib/views/admin/programs";
import { Badge } from "./controls";
import { StateBadge } from "./state-badge";

export function ProgramList({ programs }: { programs: ProgramListItem[] }) {
  const t = useTranslations("adminTemplates.list");
  const format = useFormatter();
  return (
    <ul className="flex flex-col gap-2" aria-label={t("label")}>
      {programs.map((program) => (
        <li
          key={program.id}
          className="flex flex-col gap-2 rounded-xl border border-slate-200 bg-white p-4 sm:flex-row sm:items-center sm:justify-between dark:border-slate-800 dark:bg-slate-900"
        >
          <div className="flex min-w-0 flex-col gap-1">
            <div className="flex flex-wrap items-center gap-2">
              <Link href={`/admin/templates/${program.id}`} className="font-semibold text-emerald-800 hover:underline dark:text-emerald-300">
                {program.name}
              </Link>
              <StateBadge node={program} />
              {program.entity_id === null ? <Badge>{t("shared")}</Badge> : null}
            </div>
            <p className="flex flex-wrap gap-x-3 gap-y-1 text-xs text-slate-600 dark:text-slate-400">
              <span>{t("days", { days: program.duration_days })}</span>
              <span>{program.profession_name ? t("profession", { name: program.profession_name }) : t("noProfession")}</span>
              <span>{t("updated", { date: formatInstant(format, program.updated_at, { dateStyle: "medium" }) })}</span>
            </p>
          </div>
          <span className={`shrink-0 text-sm ${program.projects > 0 ? "font-medium text-slate-900 dark:text-slate-100" : "text-slate-600 dark:text-slate-400"}`}>
            {t("inUse", { count: program.projects })}
          </span>
        </li>
      ))}
    </ul>
  );
}
