"use client";
// Filters of the board: project, assignee and due date.
import { useTranslations } from "next-intl";
import type { BoardFilters } from "@/components/query/query-keys";
import { DUE_WINDOWS } from "./board-query";

export type Option = { id: number; label: string };

const selectClass = "rounded-lg border border-slate-300 bg-white px-2.5 py-1.5 text-sm dark:border-slate-700 dark:bg-slate-900";

export function BoardFiltersBar({ filters, projects, people, onChange }: { filters: BoardFilters; projects: Option[]; people: Option[]; onChange: (f: BoardFilters) => void }) {
  const t = useTranslations("board");
  const id = (value: string) => (value ? Number(value) : undefined);
  const set = (patch: Partial<BoardFilters>) => {
    const merged = { ...filters, ...patch };
    // Unset filters are left out, so the query key of "no project filter" is always the same.
    const next: BoardFilters = {};
    if (merged.project !== undefined) next.project = merged.project;
    if (merged.assignee !== undefined) next.assignee = merged.assignee;
    if (merged.due !== undefined) next.due = merged.due;
    onChange(next);
  };
  return (
    <form role="search" aria-label={t("filters")} className="flex flex-wrap items-end gap-3" onSubmit={(e) => e.preventDefault()}>
      <label className="flex flex-col gap-1 text-xs font-medium text-slate-700 dark:text-slate-300">
        {t("project")}
        <select className={selectClass} value={filters.project ?? ""} onChange={(e) => set({ project: id(e.target.value) })}>
          <option value="">{t("allProjects")}</option>
          {projects.map((p) => (
            <option key={p.id} value={p.id}>
              {p.label}
            </option>
          ))}
        </select>
      </label>
      <label className="flex flex-col gap-1 text-xs font-medium text-slate-700 dark:text-slate-300">
        {t("assignee")}
        <select className={selectClass} value={filters.assignee ?? ""} onChange={(e) => set({ assignee: id(e.target.value) })}>
          <option value="">{t("anyone")}</option>
          {people.map((p) => (
            <option key={p.id} value={p.id}>
              {p.label}
            </option>
          ))}
        </select>
      </label>
      <label className="flex flex-col gap-1 text-xs font-medium text-slate-700 dark:text-slate-300">
        {t("dueDate")}
        <select className={selectClass} value={filters.due ?? ""} onChange={(e) => set({ due: DUE_WINDOWS.find((w) => w === e.target.value) })}>
          <option value="">{t("anyDue")}</option>
          {DUE_WINDOWS.map((w) => (
            <option key={w} value={w}>
              {t(`due.${w}`)}
            </option>
          ))}
        </select>
      </label>
      {Object.keys(filters).length ? (
        <button type="button" onClick={() => onChange({})} className="rounded-lg px-2.5 py-1.5 text-sm font-medium text-emerald-800 hover:underline dark:text-emerald-300">
          {t("clear")}
        </button>
      ) : null}
    </form>
  );
}
