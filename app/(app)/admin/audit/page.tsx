import type { Metadata } from "next";
import Link from "next/link";
import { getDb } from "@/db";
import { AuditTable } from "@/components/audit/audit-table";
import { requirePrincipal } from "@/lib/auth/session";
import { listAuditEntries } from "@/lib/audit/service";
import { auditListQuery, toAuditFilters } from "@/lib/audit/validators";

export const metadata: Metadata = { title: "Audit log" };

type SearchParams = Promise<Record<string, string | string[] | undefined>>;

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

  return (
    <div className="flex flex-col gap-6">
      <div>
        <h1 className="text-2xl font-bold tracking-tight">Audit log</h1>
        <p className="text-sm text-slate-600 dark:text-slate-300">
          Every change to the data, who made it and when. Entries are hash-chained; `npm run -s cli -- audit:verify` checks the chain.
        </p>
      </div>
      <form method="get" className="flex flex-wrap items-end gap-3" aria-label="Filter the audit log">
        <label className="flex flex-col gap-1 text-xs font-medium">
          Table
          <input name="table" defaultValue={query.table ?? ""} placeholder="e.g. users" className={inputClass} />
        </label>
        <label className="flex flex-col gap-1 text-xs font-medium">
          Actor id
          <input name="actor_id" inputMode="numeric" defaultValue={query.actor_id ?? ""} className={`${inputClass} w-24`} />
        </label>
        <label className="flex flex-col gap-1 text-xs font-medium">
          Action
          <select name="action" defaultValue={query.action ?? ""} className={inputClass}>
            <option value="">Any</option>
            <option value="insert">insert</option>
            <option value="update">update</option>
            <option value="delete">delete</option>
          </select>
        </label>
        <label className="flex flex-col gap-1 text-xs font-medium">
          Row key
          <input name="row_key" defaultValue={query.row_key ?? ""} className={`${inputClass} w-28`} />
        </label>
        <button type="submit" className="rounded-lg bg-emerald-700 px-3 py-1.5 text-sm font-semibold text-white hover:bg-emerald-800">
          Filter
        </button>
        <Link href="/admin/audit" className="px-2 py-1.5 text-sm text-slate-600 hover:underline dark:text-slate-300">
          Clear
        </Link>
      </form>
      {!parsed.success ? (
        <p role="alert" className="rounded-lg bg-amber-50 px-3 py-2 text-sm text-amber-900 dark:bg-amber-950 dark:text-amber-100">
          Some filters were not valid and were ignored: {parsed.error.issues.map((i) => i.path.join(".")).join(", ")}.
        </p>
      ) : null}
      <AuditTable entries={page.items} />
      {next ? (
        <Link href={`/admin/audit?${next}`} className="self-start text-sm font-medium text-emerald-700 hover:underline dark:text-emerald-400">
          Older entries →
        </Link>
      ) : null}
    </div>
  );
}
