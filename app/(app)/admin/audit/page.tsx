import type { Metadata } from "next";
import Link from "next/link";
import { getTranslations } from "next-intl/server";
import { getDb } from "@/db";
import { AUDIT_ACTIONS } from "@/db/schema";
import { AuditTable } from "@/components/audit/audit-table";
import { requirePrincipal } from "@/lib/auth/session";
import { listAuditEntries } from "@/lib/audit/service";
import { auditListQuery, toAuditFilters } from "@/lib/audit/validators";

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getTranslations("audit"))("title") };
}

type SearchParams = Promise<Record<string, string | string[] | undefined>>;

/** The command that verifies the hash chain; a command line reads the same in every language. */
const VERIFY_COMMAND = "npm run -s cli -- audit:verify";

const inputClass =
  "rounded-lg border border-slate-300 bg-white px-2 py-1.5 text-sm dark:border-slate-700 dark:bg-slate-950";

export default async function AuditPage({ searchParams }: { searchParams: SearchParams }) {
  const principal = await requirePrincipal("audit:read", "/admin/audit");
  const raw = Object.fromEntries(
    Object.entries(await searchParams).filter((e): e is [string, string] => typeof e[1] === "string" && e[1] !== ""),
  );
  const parsed = auditListQuery.safeParse(raw);
  const query = parsed.success ? parsed.data : {};
  const page = await listAuditEntries(await getDb(), principal, toAuditFilters(query));
  const next = page.next_cursor ? new URLSearchParams({ ...raw, cursor: page.next_cursor }).toString() : null;
  const t = await getTranslations("audit");
  const forms = await getTranslations("forms");

  return (
    <div className="flex flex-col gap-6">
      <div>
        <h1 className="text-2xl font-bold tracking-tight">{t("title")}</h1>
        <p className="text-sm text-slate-600 dark:text-slate-300">
          {t.rich("subtitle", { command: VERIFY_COMMAND, code: (chunks) => <code className="text-xs">{chunks}</code> })}
        </p>
      </div>
      <form method="get" className="flex flex-wrap items-end gap-3" aria-label={t("filterLabel")}>
        <label className="flex flex-col gap-1 text-xs font-medium">
          {t("table")}
          <input name="table" defaultValue={query.table ?? ""} placeholder={t("tablePlaceholder")} className={inputClass} />
        </label>
        <label className="flex flex-col gap-1 text-xs font-medium">
          {t("actorId")}
          <input name="actor_id" inputMode="numeric" defaultValue={query.actor_id ?? ""} className={`${inputClass} w-24`} />
        </label>
        <label className="flex flex-col gap-1 text-xs font-medium">
          {t("action")}
          <select name="action" defaultValue={query.action ?? ""} className={inputClass}>
            <option value="">{t("anyAction")}</option>
            {AUDIT_ACTIONS.map((action) => (
              <option key={action} value={action}>
                {t(`actions.${action}`)}
              </option>
            ))}
          </select>
        </label>
        <label className="flex flex-col gap-1 text-xs font-medium">
          {t("rowKey")}
          <input name="row_key" defaultValue={query.row_key ?? ""} className={`${inputClass} w-28`} />
        </label>
        <button type="submit" className="rounded-lg bg-emerald-700 px-3 py-1.5 text-sm font-semibold text-white hover:bg-emerald-800">
          {t("filter")}
        </button>
        <Link href="/admin/audit" className="px-2 py-1.5 text-sm text-slate-600 hover:underline dark:text-slate-300">
          {forms("clear")}
        </Link>
      </form>
      {!parsed.success ? (
        <p role="alert" className="rounded-lg bg-amber-50 px-3 py-2 text-sm text-amber-900 dark:bg-amber-950 dark:text-amber-100">
          {t("invalidFilters", { fields: parsed.error.issues.map((i) => i.path.join(".")).join(", ") })}
        </p>
      ) : null}
      <AuditTable entries={page.items} />
      {next ? (
        <Link href={`/admin/audit?${next}`} className="self-start text-sm font-medium text-emerald-700 hover:underline dark:text-emerald-400">
          {t("older")}
        </Link>
      ) : null}
    </div>
  );
}
