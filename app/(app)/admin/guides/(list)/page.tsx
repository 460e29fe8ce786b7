import type { Metadata } from "next";
import { getTranslations } from "next-intl/server";
import { CreateGuide } from "@/components/admin/guides/create-guide";
import { GuideList } from "@/components/admin/guides/guide-list";
import { FilterSelect, filterText, ListPage, listFiltersOf, type SearchParams } from "@/components/admin/list-page";
import { getDb } from "@/db";
import { getViewer } from "@/i18n/viewer";
import { requirePrincipal } from "@/lib/auth/session";
import { listLanguages } from "@/lib/guides/languages";
import { listGuides } from "@/lib/guides/service";
import { guideListQuerySchema } from "@/lib/guides/validators";

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getTranslations("adminGuides.list"))("title") };
}

const FORMATS = ["text", "video", "interactive"] as const;

/** The filters in the URL that the list query accepts; anything else is ignored. */
function filtersOf(params: SearchParams) {
  const { q, state, cursor } = listFiltersOf(params);
  const format = FORMATS.find((f) => f === filterText(params, "format")) ?? "";
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

  return (
    <ListPage
      messages="adminGuides.list"
      path="/admin/guides"
      applied={{ q, format, state }}
      cursor={cursor}
      nextCursor={page.next_cursor}
      empty={page.items.length === 0}
      create={<CreateGuide languages={languages.map((l) => ({ code: l.code, name: l.name }))} defaultLanguage={locale} />}
      filters={<FilterSelect label={t("format")} name="format" value={format} options={[{ value: "", label: t("allFormats") }, ...FORMATS.map((f) => ({ value: f, label: formatName(f) }))]} />}
    >
      <GuideList guides={page.items} />
    </ListPage>
  );
}
