import type { Metadata } from "next";
import Link from "next/link";
import { getTranslations } from "next-intl/server";
import { CreateProgram } from "@/components/admin/templates/create-program";
import { ProgramList } from "@/components/admin/templates/program-list";
import { EmptyState } from "@/components/ui/empty-state";
import { getDb } from "@/db";
import { requirePrincipal } from "@/lib/auth/session";
import { listProfessions } from "@/lib/entities/professions";
import { projectTemplateListQuerySchema } from "@/lib/templates/validators";
import { programList } from "@/lib/views/admin/programs";

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getTranslations("adminTemplates.list"))("title") };
}

type SearchParams = Record<string, string | string[] | undefined>;
const STATES = { draft: "true", published: "false" } as const;

/** The filters in the URL, as the list query reads them; anything else is ignored. */
function filtersOf(params: SearchParams) {
  const text = (key: string) => (typeof params[key] === "string" ? params[key] : "");
  const state = text("state") === "draft" || text("state") === "published" ? (text("state") as keyof typeof STATES) : "";
  const query = {
    limit: "25",
    ...(text("q").trim() ? { q: text("q").trim().slice(0, 100) } : {}),
    ...(state ? { is_draft: STATES[state] } : {}),
    ...(/^\d{1,10}$/.test(text("cursor")) ? { cursor: text("cursor") } : {}),
  };
  return { q: query.q ?? "", state, query };
}

export default async function ProgramsPage({ searchParams }: { searchParams: Promise<SearchParams> }) {
  const principal = await requirePrincipal("templates:write", "/admin/templates");
  const t = await getTranslations("adminTemplates.list");
  const db = await getDb();
  const { q, state, query } = filtersOf(await searchParams);
  const [page, professions] = await Promise.all([
    programList(db, principal, projectTemplateListQuerySchema.parse(query)),
    listProfessions(db, principal, { is_active: true, limit: 100 }),
  ]);
  const base = new URLSearchParams({ ...(q ? { q } : {}), ...(state ? { state } : {}) });
  const nextHref = page.next_cursor ? `/admin/templates?${new URLSearchParams({ ...Object.fromEntries(base), cursor: page.next_cursor }).toString()}` : null;
  const filtered = q !== "" || state !== "";
  const input =
    "h-9 rounded-lg border border-slate-300 bg-white px-3 text-sm dark:border-slate-700 dark:bg-slate-950";

  return (
    <div className="flex flex-col gap-5">
      <div>
        <h1 className="text-2xl font-bold tracking-tight sm:text-3xl">{t("title")}</h1>
        <p className="mt-1 max-w-3xl text-slate-600 dark:text-slate-400">{t("subtitle")}</p>
      </div>
      <CreateProgram professions={professions.items.map((p) => ({ id: p.id, name: p.name }))} />
      <form method="get" role="search" aria-label={t("filters")} className="flex flex-wrap items-end gap-2">
        <label className="flex flex-col gap-1 text-xs font-medium text-slate-700 dark:text-slate-300">
          {t("search")}
          <input type="search" name="q" defaultValue={q} maxLength={100} className={input} />
        </label>
        <label className="flex flex-col gap-1 text-xs font-medium text-slate-700 dark:text-slate-300">
          {t("state")}
          <select name="state" defaultValue={state} className={input}>
            <option value="">{t("allStates")}</option>
            <option value="draft">{t("drafts")}</option>
            <option value="published">{t("publishedOnly")}</option>
          </select>
        </label>
        <button type="submit" className="h-9 rounded-lg bg-emerald-700 px-3 text-sm font-semibold text-white hover:bg-emerald-800">
          {t("apply")}
        </button>
        {filtered ? (
          <Link href="/admin/templates" className="px-2 py-1.5 text-sm text-emerald-800 hover:underline dark:text-emerald-300">
            {t("clear")}
          </Link>
        ) : null}
      </form>
      {page.items.length === 0 ? (
        <EmptyState title={filtered ? t("emptyFiltered") : t("emptyTitle")} body={filtered ? undefined : t("emptyBody")} />
      ) : (
        <ProgramList programs={page.items} />
      )}
      {nextHref || query.cursor ? (
        <nav aria-label={t("pages")} className="flex gap-4 text-sm">
          {query.cursor ? (
            <Link href={`/admin/templates${base.size ? `?${base.toString()}` : ""}`} className="text-emerald-800 hover:underline dark:text-emerald-300">
              {t("firstPage")}
            </Link>
          ) : null}
          {nextHref ? (
            <Link href={nextHref} className="text-emerald-800 hover:underline dark:text-emerald-300">
              {t("nextPage")}
            </Link>
          ) : null}
        </nav>
      ) : null}
    </div>
  );
}
