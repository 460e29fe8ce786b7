// Which team the dashboard shows: the reader's direct reports, or any entity of their subtree.
// A plain GET form, so the choice is a link that can be shared and works without script.
import { useTranslations } from "next-intl";

export type EntityChoice = { id: number; name: string; depth: number };

export function TeamPicker({ entities, selected }: { entities: EntityChoice[]; selected: number | null }) {
  const t = useTranslations("manager.dashboard");
  return (
    <form method="get" action="/manager/dashboard" className="flex flex-wrap items-end gap-2 text-sm">
      <div className="flex flex-col gap-1">
        <label htmlFor="team-entity" className="font-medium">
          {t("team")}
        </label>
        <select
          id="team-entity"
          name="entity"
          defaultValue={selected ?? ""}
          className="min-w-56 rounded-lg border border-slate-300 bg-white px-3 py-2 dark:border-slate-700 dark:bg-slate-950"
        >
          <option value="">{t("myReports")}</option>
          {entities.map((e) => (
            <option key={e.id} value={e.id}>
              {`${"\u00a0\u00a0".repeat(e.depth)}${e.name}`}
            </option>
          ))}
        </select>
      </div>
      <button type="submit" className="rounded-lg bg-emerald-700 px-3 py-2 font-semibold text-white hover:bg-emerald-800">
        {t("show")}
      </button>
    </form>
  );
}
