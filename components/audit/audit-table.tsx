// The audit log as a table: when (UTC, as stored), who, what, and the fields a change touched.
import { useTranslations } from "next-intl";
import { AUDIT_ACTIONS } from "@/db/schema";
import type { AuditEntryDTO } from "@/lib/audit/service";

type AuditAction = (typeof AUDIT_ACTIONS)[number];

const ACTION_STYLE: Record<AuditAction, string> = {
  insert: "bg-emerald-100 text-emerald-900 dark:bg-emerald-900 dark:text-emerald-100",
  update: "bg-sky-100 text-sky-900 dark:bg-sky-900 dark:text-sky-100",
  delete: "bg-red-100 text-red-900 dark:bg-red-900 dark:text-red-100",
};

const isAction = (action: string): action is AuditAction => (AUDIT_ACTIONS as readonly string[]).includes(action);

/** Fields that differ between before and after, so an update reads as a change, not two blobs. */
function changedFields(before: unknown, after: unknown): string[] {
  if (!before || !after || typeof before !== "object" || typeof after !== "object") return [];
  const b = before as Record<string, unknown>;
  const a = after as Record<string, unknown>;
  return Object.keys(a).filter((k) => k !== "updated_at" && JSON.stringify(a[k]) !== JSON.stringify(b[k]));
}

export function AuditTable({ entries }: { entries: AuditEntryDTO[] }) {
  const t = useTranslations("audit");
  if (entries.length === 0) {
    return <p className="rounded-xl border border-dashed border-slate-300 p-8 text-center text-sm text-slate-600 dark:border-slate-700 dark:text-slate-300">{t("empty")}</p>;
  }
  return (
    <div className="overflow-x-auto rounded-xl border border-slate-200 bg-white dark:border-slate-800 dark:bg-slate-900">
      <table className="min-w-full text-left text-sm">
        <thead className="border-b border-slate-200 text-xs uppercase text-slate-600 dark:border-slate-800 dark:text-slate-300">
          <tr>
            <th scope="col" className="px-3 py-2">{t("columns.when")}</th>
            <th scope="col" className="px-3 py-2">{t("columns.actor")}</th>
            <th scope="col" className="px-3 py-2">{t("columns.action")}</th>
            <th scope="col" className="px-3 py-2">{t("columns.row")}</th>
            <th scope="col" className="px-3 py-2">{t("columns.change")}</th>
          </tr>
        </thead>
        <tbody>
          {entries.map((entry) => {
            const fields = changedFields(entry.before, entry.after);
            return (
              <tr key={entry.id} className="border-b border-slate-100 align-top last:border-0 dark:border-slate-800">
                <td className="whitespace-nowrap px-3 py-2 font-mono text-xs">{entry.at.replace("T", " ").slice(0, 19)}</td>
                <td className="px-3 py-2">{entry.actor_id ?? <span className="text-slate-500 dark:text-slate-400">{t("system")}</span>}</td>
                <td className="px-3 py-2">
                  {isAction(entry.action) ? (
                    <span className={`rounded px-1.5 py-0.5 text-xs font-medium ${ACTION_STYLE[entry.action]}`}>{t(`actions.${entry.action}`)}</span>
                  ) : (
                    <span className="rounded px-1.5 py-0.5 text-xs font-medium">{entry.action}</span>
                  )}
                </td>
                <td className="px-3 py-2 font-mono text-xs">
                  {entry.table_name} · {entry.row_key}
                </td>
                <td className="px-3 py-2">
                  <details>
                    <summary className="cursor-pointer text-xs text-slate-600 dark:text-slate-300">
                      {fields.length > 0 ? fields.join(", ") : entry.action === "update" ? t("details") : t("wholeRow")}
                    </summary>
                    <pre className="mt-2 max-w-xl overflow-x-auto whitespace-pre-wrap break-all rounded bg-slate-50 p-2 text-xs dark:bg-slate-950">
                      {JSON.stringify({ before: entry.before, after: entry.after, request_id: entry.request_id, ip: entry.ip }, null, 2)}
                    </pre>
                  </details>
                </td>
              </tr>
            );
          })}
        </tbody>
      </table>
    </div>
  );
}
