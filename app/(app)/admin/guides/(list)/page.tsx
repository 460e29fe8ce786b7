import type { Metadata } from "next";
import Link from "next/link";
import { getTranslations } from "next-intl/server";
import { CreateGuide } from "@/components/admin/guides/create-guide";
import { GuideList } from "@/components/admin/guides/guide-list";
import { EmptyState } from "@/components/ui/empty-state";
import { getDb } from "@/db";
import { getViewer } from "@/i18n/viewer";
import { requirePrincipal } from "@/lib/auth/session";
import { listLanguages } from "@/lib/guides/languages";
import { listGuides } from "@/lib/guides/service";
import { guideListQuerySchema } from "@/lib/guides/validators";

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getTranslations("adminGuides.list"))("title") };
}

type SearchParams = Record<string, string | string[] | undefined>;
const FORMATS = ["text", "video", "interactive"] as const;

/** The filters in the URL that the list query accepts; anything else is ignored. */
function filtersOf(params: SearchParams) {
  const text = (key: string) => (typeof params[key] === "string" ? params[key].trim() : "");
  const q = text("q").slice(0, 100);
  const format = FORMATS.find((f) => f === text("format")) ?? "";
  const state = text("state") === "draft" || text("state") === "published" ? text("state") : "";
  const cursor = /^\d{1,10}$/.test(text("cursor")) ? text("cursor") : "";
  const query = guideListQuerySchema.parse({
    limit: "25",
    ...(q ? { q } : {}),
    ...(format ? { format } : {}),
    ...(state ? { is_published: state === "published" ? "true" : "false" } : {}),
    ...(cursor ? { cursor } : {}),
  });
  return { q, format, state, cursor, query };
}

export default async function GuidesPage({ searchParams }: { searchParams: Promise<SearchParams> }) {
  const principal = await requirePrincipal("guides:write", "/admin/guides");
  const { locale } = await getViewer();
  const t = await getTranslations("adminGuides.list");
  const formatName = await getTranslations("guides.format");
  const db = await getDb();
  const { q, format, state, cursor, query } = filtersOf(await searchParams);
  const [page, languages] = await Promise.all([listGuides(db, principal, query), listLanguages(db)]);
  const base = new URLSearchParams({ ...(q ? { q } : {}), ...(format ? { format } : {}), ...(state ? { state } : {}) });
  const nextHref = page.next_cursor ? `/admin/guides?${new URLSearchParams({ ...Object.fromEntries(base), cursor: page.next_cursor }).toString()}` : null;
  const filtered = base.size > 0;
  const input = "h-9 rounded-lg border border-slate-300 bg-white px-3 text-sm dark:border-slate-700 dark:bg-slate-950";

  return (
    <div className="flex flex-col gap-5">
      <div>
        <h1 className="text-2xl font-bold tracking-tight sm:text-3xl">{t("title")}</h1>
        <p className="mt-1 max-w-3xl text-slate-600 dark:text-slate-400">{t("subtitle")}</p>
      </div>
      <CreateGuide languages={languages.map((l) => ({ code: l.code, name: l.name }))} defaultLanguage={locale} />
      <form method="get" role="search" aria-label={t("filters")} className="flex flex-wrap items-end gap-2">
        <label className="flex flex-col gap-1 text-xs font-medium text-slate-700 dark:text-slate-300">
          {t("search")}
          <input type="search" name="q" defaultValue={q} maxLength={100} className={input} />
        </label>
        <label className="flex flex-col gap-1 text-xs font-medium text-slate-700 dark:text-slate-300">
          {t("format")}
          <select name="format" defaultValue={format} className={input}>
            <option value="">{t("allFormats")}</option>
            {FORMATS.map((f) => (
              <option key={f} value={f}>
                {formatName(f)}
              </option>
            ))}
          </select>
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
          <Link href="/admin/guides" className="px-2 py-1.5 text-sm text-emerald-800 hover:underline dark:text-emerald-300">
            {t("clear")}
          </Link>
        ) : null}
      </form>
      {page.items.length === 0 ? (
        <EmptyState title={filtered ? t("emptyFiltered") : t("emptyTitle")} body={filtered ? undefined : t("emptyBody")} />
      ) : (
        <GuideList guides={page.items} />
      )}
      {nextHref || cursor ? (
        <nav aria-label={t("pages")} className="flex gap-4 text-sm">
          {cursor ? (
            <Link href={`/admin/guides${filtered ? `?${base.toString()}` : ""}`} className="text-emerald-800 hover:underline dark:text-emerald-300">
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
