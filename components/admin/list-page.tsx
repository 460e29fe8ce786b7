// The admin's lists of drafts and published rows (programs, guides): heading, the "New …" form,
// a GET filter form by name and state, the list or what to do when it is empty, and cursor pages
// that keep the filters. Each list page adds its own filters, query and rows.
import Link from "next/link";
import { getTranslations } from "next-intl/server";
import type { ReactNode } from "react";
import { EmptyState } from "@/components/ui/empty-state";

export type SearchParams = Record<string, string | string[] | undefined>;

/** The URL's value for a filter, trimmed; "" when absent or repeated. */
export function filterText(params: SearchParams, key: string): string {
  const value = params[key];
  return typeof value === "string" ? value.trim() : "";
}

/** The filters every list reads from its URL; anything else is ignored. */
export function listFiltersOf(params: SearchParams) {
  const state = filterText(params, "state");
  const cursor = filterText(params, "cursor");
  return {
    q: filterText(params, "q").slice(0, 100),
    state: state === "draft" || state === "published" ? state : "",
    cursor: /^\d{1,10}$/.test(cursor) ? cursor : "",
  };
}

const labelClass = "flex flex-col gap-1 text-xs font-medium text-slate-700 dark:text-slate-300";
const inputClass = "h-9 rounded-lg border border-slate-300 bg-white px-3 text-sm dark:border-slate-700 dark:bg-slate-950";
const linkClass = "text-emerald-800 hover:underline dark:text-emerald-300";

export function FilterSelect({ label, name, value, options }: { label: string; name: string; value: string; options: { value: string; label: string }[] }) {
  return (
    <label className={labelClass}>
      {label}
      <select name={name} defaultValue={value} className={inputClass}>
        {options.map((o) => (
          <option key={o.value} value={o.value}>
            {o.label}
          </option>
        ))}
      </select>
    </label>
  );
}

type ListPageProps = {
  /** Where the texts are: title, subtitle, the filter form's, the empty states' and the pages'. */
  messages: "adminGuides.list" | "adminTemplates.list";
  path: string;
  /** The filters applied, in the order the URL keeps them; "" is not applied. `q` and `state` are shown here. */
  applied: { q: string; state: string } & Record<string, string>;
  cursor: string;
  nextCursor: string | null;
  empty: boolean;
  create: ReactNode;
  /** The list's own filters, between the search and the state. */
  filters?: ReactNode;
  children: ReactNode;
};

export async function ListPage({ messages, path, applied, cursor, nextCursor, empty, create, filters, children }: ListPageProps) {
  const t = await getTranslations(messages);
  const base = new URLSearchParams(Object.entries(applied).filter(([, value]) => value !== ""));
  const nextHref = nextCursor ? `${path}?${new URLSearchParams({ ...Object.fromEntries(base), cursor: nextCursor }).toString()}` : null;
  const filtered = base.size > 0;

  return (
    <div className="flex flex-col gap-5">
      <div>
        <h1 className="text-2xl font-bold tracking-tight sm:text-3xl">{t("title")}</h1>
        <p className="mt-1 max-w-3xl text-slate-600 dark:text-slate-400">{t("subtitle")}</p>
      </div>
      {create}
      <form method="get" role="search" aria-label={t("filters")} className="flex flex-wrap items-end gap-2">
        <label className={labelClass}>
          {t("search")}
          <input type="search" name="q" defaultValue={applied.q} maxLength={100} className={inputClass} />
        </label>
        {filters}
        <FilterSelect
          label={t("state")}
          name="state"
          value={applied.state}
          options={[
            { value: "", label: t("allStates") },
            { value: "draft", label: t("drafts") },
            { value: "published", label: t("publishedOnly") },
          ]}
        />
        <button type="submit" className="h-9 rounded-lg bg-emerald-700 px-3 text-sm font-semibold text-white hover:bg-emerald-800">
          {t("apply")}
        </button>
        {filtered ? (
          <Link href={path} className="px-2 py-1.5 text-sm text-emerald-800 hover:underline dark:text-emerald-300">
            {t("clear")}
          </Link>
        ) : null}
      </form>
      {empty ? <EmptyState title={filtered ? t("emptyFiltered") : t("emptyTitle")} body={filtered ? undefined : t("emptyBody")} /> : children}
      {nextHref || cursor ? (
        <nav aria-label={t("pages")} className="flex gap-4 text-sm">
          {cursor ? (
            <Link href={`${path}${filtered ? `?${base.toString()}` : ""}`} className={linkClass}>
              {t("firstPage")}
            </Link>
          ) : null}
          {nextHref ? (
            <Link href={nextHref} className={linkClass}>
              {t("nextPage")}
            </Link>
          ) : null}
        </nav>
      ) : null}
    </div>
  );
}
