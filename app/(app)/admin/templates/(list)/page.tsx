import type { Metadata } from "next";
import { getTranslations } from "next-intl/server";
import { ListPage, listFiltersOf, type SearchParams } from "@/components/admin/list-page";
import { CreateProgram } from "@/components/admin/templates/create-program";
import { ProgramList } from "@/components/admin/templates/program-list";
import { getDb } from "@/db";
import { requirePrincipal } from "@/lib/auth/session";
import { listProfessions } from "@/lib/entities/professions";
import { projectTemplateListQuerySchema } from "@/lib/templates/validators";
import { programList } from "@/lib/views/admin/programs";

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getTranslations("adminTemplates.list"))("title") };
}

/** The filters in the URL, as the list query reads them; anything else is ignored. */
function filtersOf(params: SearchParams) {
  const { q, state, cursor } = listFiltersOf(params);
  const query = projectTemplateListQuerySchema.parse({
    limit: "25",
    ...(q ? { q } : {}),
    ...(state ? { is_draft: state === "draft" ? "true" : "false" } : {}),
    ...(cursor ? { cursor } : {}),
  });
  return { q, state, cursor, query };
}

export default async function ProgramsPage({ searchParams }: { searchParams: Promise<SearchParams> }) {
  const principal = await requirePrincipal("templates:write", "/admin/templates");
  const db = await getDb();
  const { q, state, cursor, query } = filtersOf(await searchParams);
  const [page, professions] = await Promise.all([programList(db, principal, query), listProfessions(db, principal, { is_active: true, limit: 100 })]);

  return (
    <ListPage
      messages="adminTemplates.list"
      path="/admin/templates"
      applied={{ q, state }}
      cursor={cursor}
      nextCursor={page.next_cursor}
      empty={page.items.length === 0}
      create={<CreateProgram professions={professions.items.map((p) => ({ id: p.id, name: p.name }))} />}
    >
      <ProgramList programs={page.items} />
    </ListPage>
  );
}
