import type { Metadata } from "next";
import Link from "next/link";
import { getTranslations } from "next-intl/server";
import { entityOptions } from "@/components/admin/options";
import { UserCreateForm } from "@/components/admin/user-create-form";
import { UserFilters } from "@/components/admin/user-filters";
import { UsersTable } from "@/components/admin/users-table";
import { getDb } from "@/db";
import { roleAllows } from "@/lib/auth/permissions";
import { requirePrincipal } from "@/lib/auth/session";
import { entityTree } from "@/lib/entities/entities";
import { listUsers } from "@/lib/entities/users";
import { userListQuerySchema } from "@/lib/entities/validators";
import { loadUserFormOptions } from "./user-form-options";

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getTranslations("people"))("title") };
}
export const dynamic = "force-dynamic";

type SearchParams = Record<string, string | string[] | undefined>;

/** Only the known filters, and only non-empty ones: the GET filter form sends every field. */
function filtersOf(params: SearchParams): Record<string, string> {
  const keys = ["q", "role", "entity_id", "is_active", "cursor"] as const;
  return Object.fromEntries(keys.flatMap((key) => (typeof params[key] === "string" && params[key] !== "" ? [[key, params[key]]] : [])));
}

export default async function UsersPage({ searchParams }: { searchParams: Promise<SearchParams> }) {
  const principal = await requirePrincipal("users:read", "/admin/users");
  const db = await getDb();
  const filters = filtersOf(await searchParams);
  const parsed = userListQuerySchema.safeParse(filters);
  const query = parsed.success ? parsed.data : {};
  const canWrite = roleAllows(principal.role, "users:write");
  const [page, tree, formOptions] = await Promise.all([
    listUsers(db, principal, query),
    entityTree(db, principal),
    canWrite ? loadUserFormOptions(db, principal) : null,
  ]);
  const { cursor: _cursor, ...withoutCursor } = filters;
  const t = await getTranslations("people");
  const forms = await getTranslations("forms");
  const nextHref = page.next_cursor ? `/admin/users?${new URLSearchParams({ ...withoutCursor, cursor: page.next_cursor }).toString()}` : null;

  return (
    <div className="flex flex-col gap-6">
      <div>
        <h1 className="text-2xl font-bold tracking-tight">{t("title")}</h1>
        <p className="text-sm text-slate-600 dark:text-slate-400">{canWrite ? t("subtitleWrite") : t("subtitleRead")}</p>
      </div>
      <UserFilters values={filters} entities={entityOptions(tree, false)} />
      {parsed.success ? null : (
        <p role="alert" className="rounded-lg bg-amber-50 px-3 py-2 text-sm text-amber-900 dark:bg-amber-950 dark:text-amber-200">
          {forms("filtersIgnored")}
        </p>
      )}
      <UsersTable users={page.items} />
      <nav aria-label={forms("pages")} className="flex gap-4 text-sm">
        {filters.cursor ? (
          <Link href={`/admin/users?${new URLSearchParams(withoutCursor).toString()}`} className="text-emerald-800 hover:underline dark:text-emerald-300">
            {forms("firstPage")}
          </Link>
        ) : null}
        {nextHref ? (
          <Link href={nextHref} className="text-emerald-800 hover:underline dark:text-emerald-300">
            {forms("nextPage")}
          </Link>
        ) : null}
      </nav>
      {formOptions ? (
        <details className="rounded-xl border border-slate-200 bg-white p-4 dark:border-slate-800 dark:bg-slate-900">
          <summary className="cursor-pointer font-semibold">{t("add")}</summary>
          <div className="mt-4">
            <UserCreateForm options={formOptions} />
          </div>
        </details>
      ) : null}
    </div>
  );
}
