"use client";
// The team as a table: one row per member with their level, progress, the five scores and their
// overdue work; every column sorts (people without evidence last either way), each score's header
// carries its formula, and the formulas are spelled out under the table.
import Link from "next/link";
import { useFormatter, useTranslations } from "next-intl";
import { useMemo, useState } from "react";
import { ProgressBar } from "@/components/ui/progress-bar";
import type { SpecializationLevel } from "@/db/schema";
import type { TeamMemberDto } from "@/lib/scores/team";
import { type BlendKey, formatScore, SCORE_KEYS } from "./score-format";

type SortKey = "name" | "level" | BlendKey | "overdue";
const LEVEL_RANK: Record<SpecializationLevel, number> = { beginner: 1, intermediate: 2, advanced: 3 };
const COLUMNS: SortKey[] = ["name", "level", "progress", ...SCORE_KEYS, "overdue"];

type Props = { members: TeamMemberDto[]; levels: Map<number, SpecializationLevel | null> };

export function TeamTable({ members, levels }: Props) {
  const t = useTranslations("manager.dashboard");
  const tf = useTranslations("manager.formula");
  const tl = useTranslations("specialization.level");
  const format = useFormatter();
  const [sort, setSort] = useState<{ key: SortKey; order: "asc" | "desc" }>({ key: "name", order: "asc" });

  const rows = useMemo(() => {
    const valueOf = (m: TeamMemberDto): number | string | null => {
      if (sort.key === "name") return m.user.name;
      if (sort.key === "overdue") return m.counters.overdue_tasks;
      if (sort.key === "level") {
        const level = levels.get(m.user.id);
        return level ? LEVEL_RANK[level] : null;
      }
      return m.scores[sort.key];
    };
    const sign = sort.order === "asc" ? 1 : -1;
    return [...members].sort((a, b) => {
      const x = valueOf(a);
      const y = valueOf(b);
      if (x !== y) {
        if (x === null) return 1;
        if (y === null) return -1;
        const cmp = typeof x === "string" && typeof y === "string" ? x.localeCompare(y) : Number(x) - Number(y);
        if (cmp !== 0) return sign * cmp;
      }
      return a.user.name.localeCompare(b.user.name) || a.user.id - b.user.id;
    });
  }, [members, levels, sort]);

  const toggle = (key: SortKey) =>
    setSort((current) => (current.key === key ? { key, order: current.order === "asc" ? "desc" : "asc" } : { key, order: key === "name" ? "asc" : "desc" }));
  const formulaOf = (key: SortKey) => (key === "name" || key === "level" || key === "overdue" ? undefined : tf(key));

  return (
    <section aria-labelledby="team-table-title" className="flex flex-col gap-3">
      <h2 id="team-table-title" className="text-lg font-semibold">
        {t("tableTitle")}
      </h2>
      <div role="region" aria-labelledby="team-table-title" tabIndex={0} className="overflow-x-auto rounded-2xl border border-slate-200 bg-white shadow-sm dark:border-slate-800 dark:bg-slate-900">
        <table className="w-full min-w-[52rem] border-collapse text-left text-sm" data-testid="team-table">
          <caption className="sr-only">{t("tableCaption")}</caption>
          <thead className="bg-slate-50 text-xs uppercase tracking-wide text-slate-600 dark:bg-slate-800/60 dark:text-slate-300">
            <tr>
              {COLUMNS.map((key) => (
                <th
                  key={key}
                  scope="col"
                  aria-sort={sort.key === key ? (sort.order === "asc" ? "ascending" : "descending") : "none"}
                  className={`px-3 py-2 font-semibold ${key === "name" ? "" : "text-right"}`}
                >
                  <button type="button" onClick={() => toggle(key)} title={formulaOf(key)} className="inline-flex items-center gap-1 rounded hover:text-slate-900 dark:hover:text-white">
                    {t(`column.${key}`)}
                    <span aria-hidden className="text-[10px]">
                      {sort.key === key ? (sort.order === "asc" ? "▲" : "▼") : "↕"}
                    </span>
                  </button>
                </th>
              ))}
            </tr>
          </thead>
          <tbody>
            {rows.map((m) => {
              const level = levels.get(m.user.id) ?? null;
              return (
                <tr key={m.user.id} className="border-t border-slate-100 dark:border-slate-800">
                  <th scope="row" className="px-3 py-2 font-medium">
                    <Link href={`/manager/people/${m.user.id}`} className="text-emerald-800 hover:underline dark:text-emerald-300">
                      {m.user.name}
                    </Link>
                  </th>
                  <td className="px-3 py-2 text-right">{level ? tl(level) : <span className="text-slate-500 dark:text-slate-400">{t("noLevel")}</span>}</td>
                  <td className="px-3 py-2">
                    <div className="ml-auto flex w-32 items-center gap-2">
                      <ProgressBar done={Math.round((m.scores.progress ?? 0) * 100)} total={100} label={t("progressOf", { name: m.user.name })} size="sm" />
                      <span className="w-10 shrink-0 text-right tabular-nums">{formatScore(format, "progress", m.scores.progress)}</span>
                    </div>
                  </td>
                  {SCORE_KEYS.map((key) => (
                    <td key={key} className="px-3 py-2 text-right tabular-nums">
                      {formatScore(format, key, m.scores[key])}
                    </td>
                  ))}
                  <td className={`px-3 py-2 text-right tabular-nums ${m.counters.overdue_tasks > 0 ? "font-semibold text-red-700 dark:text-red-400" : ""}`}>
                    {m.counters.overdue_tasks}
                  </td>
                </tr>
              );
            })}
          </tbody>
        </table>
      </div>
      <details className="rounded-xl border border-slate-200 bg-white p-4 text-sm dark:border-slate-800 dark:bg-slate-900" open>
        <summary className="cursor-pointer font-medium">{t("formulasTitle")}</summary>
        <dl className="mt-3 grid gap-x-6 gap-y-2 sm:grid-cols-2" data-testid="score-formulas">
          {(["progress", ...SCORE_KEYS] as const).map((key) => (
            <div key={key}>
              <dt className="font-medium">{t(`column.${key}`)}</dt>
              <dd className="text-slate-600 dark:text-slate-400">{tf(key)}</dd>
            </div>
          ))}
        </dl>
      </details>
    </section>
  );
}
