import type { Metadata } from "next";
import Link from "next/link";
import { getTranslations } from "next-intl/server";
import { ProfessionCreateForm, ProfessionList } from "@/components/admin/profession-list";
import { getDb } from "@/db";
import { requirePrincipal } from "@/lib/auth/session";
import { listProfessions } from "@/lib/entities/professions";
import { professionListQuerySchema } from "@/lib/entities/validators";

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getTranslations("professions"))("title") };
}
export const dynamic = "force-dynamic";

export default async function ProfessionsPage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const principal = await requirePrincipal("professions:write", "/admin/professions");
  const { cursor } = await searchParams;
  const query = professionListQuerySchema.safeParse(typeof cursor === "string" && cursor !== "" ? { cursor } : {});
  const page = await listProfessions(await getDb(), principal, query.success ? query.data : {});
  const t = await getTranslations("professions");
  const forms = await getTranslations("forms");
  return (
    <div className="flex flex-col gap-6">
      <div>
        <h1 className="text-2xl font-bold tracking-tight">{t("title")}</h1>
        <p className="text-sm text-slate-600 dark:text-slate-400">{t("subtitle")}</p>
      </div>
      <ProfessionList professions={page.items} />
      <nav aria-label={forms("pages")} className="flex gap-4 text-sm">
        {query.success && query.data.cursor ? (
          <Link href="/admin/professions" className="text-emerald-800 hover:underline dark:text-emerald-300">
            {forms("firstPage")}
          </Link>
        ) : null}
        {page.next_cursor ? (
          <Link href={`/admin/professions?cursor=${page.next_cursor}`} className="text-emerald-800 hover:underline dark:text-emerald-300">
            {forms("nextPage")}
          </Link>
        ) : null}
      </nav>
      <section aria-labelledby="create-profession" className="rounded-xl border border-slate-200 bg-white p-4 dark:border-slate-800 dark:bg-slate-900">
        <h2 id="create-profession" className="mb-4 text-lg font-semibold">
          {t("new")}
        </h2>
        <ProfessionCreateForm />
      </section>
    </div>
  );
}
