import type { Metadata } from "next";
import Link from "next/link";
import { ProfessionCreateForm, ProfessionList } from "@/components/admin/profession-list";
import { getDb } from "@/db";
import { requirePrincipal } from "@/lib/auth/session";
import { listProfessions } from "@/lib/entities/professions";
import { professionListQuerySchema } from "@/lib/entities/validators";

export const metadata: Metadata = { title: "Professions" };
export const dynamic = "force-dynamic";

export default async function ProfessionsPage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const principal = await requirePrincipal("professions:write", "/admin/professions");
  const { cursor } = await searchParams;
  const query = professionListQuerySchema.safeParse(typeof cursor === "string" && cursor !== "" ? { cursor } : {});
  const page = await listProfessions(await getDb(), principal, query.success ? query.data : {});
  return (
    <div className="flex flex-col gap-6">
      <div>
        <h1 className="text-2xl font-bold tracking-tight">Professions</h1>
        <p className="text-sm text-slate-600 dark:text-slate-400">
          Job families that people belong to and that task templates target. Everyone in the organisation sees them; you edit those of your part of it.
        </p>
      </div>
      <ProfessionList professions={page.items} />
      <nav aria-label="Pages" className="flex gap-4 text-sm">
        {query.success && query.data.cursor ? (
          <Link href="/admin/professions" className="text-emerald-800 hover:underline dark:text-emerald-300">
            ← First page
          </Link>
        ) : null}
        {page.next_cursor ? (
          <Link href={`/admin/professions?cursor=${page.next_cursor}`} className="text-emerald-800 hover:underline dark:text-emerald-300">
            Next page →
          </Link>
        ) : null}
      </nav>
      <section aria-labelledby="create-profession" className="rounded-xl border border-slate-200 bg-white p-4 dark:border-slate-800 dark:bg-slate-900">
        <h2 id="create-profession" className="mb-4 text-lg font-semibold">
          New profession
        </h2>
        <ProfessionCreateForm />
      </section>
    </div>
  );
}
