// The people table: name, email, role, entity and status, each name linking to the detail page.
import Link from "next/link";
import { useTranslations } from "next-intl";
import type { UserDto } from "@/lib/entities/user-record";

export function StatusBadge({ active }: { active: boolean }) {
  const t = useTranslations("forms");
  return active ? (
    <span className="rounded-full bg-emerald-100 px-2 py-0.5 text-xs font-medium text-emerald-800 dark:bg-emerald-950 dark:text-emerald-200">{t("active")}</span>
  ) : (
    <span className="rounded-full bg-slate-200 px-2 py-0.5 text-xs font-medium text-slate-700 dark:bg-slate-800 dark:text-slate-300">{t("inactive")}</span>
  );
}

export function UsersTable({ users }: { users: UserDto[] }) {
  const t = useTranslations("people");
  const roles = useTranslations("nav.roles");
  if (users.length === 0) {
    return (
      <p className="rounded-xl border border-dashed border-slate-300 p-8 text-center text-sm text-slate-600 dark:border-slate-700 dark:text-slate-400">
        {t("table.empty")}
      </p>
    );
  }
  return (
    <div className="overflow-x-auto rounded-xl border border-slate-200 bg-white dark:border-slate-800 dark:bg-slate-900">
      <table className="w-full min-w-[40rem] text-left text-sm">
        <caption className="sr-only">{t("table.caption")}</caption>
        <thead className="border-b border-slate-200 text-xs uppercase tracking-wide text-slate-500 dark:border-slate-800 dark:text-slate-400">
          <tr>
            <th scope="col" className="px-4 py-3">{t("fields.name")}</th>
            <th scope="col" className="px-4 py-3">{t("fields.email")}</th>
            <th scope="col" className="px-4 py-3">{t("fields.role")}</th>
            <th scope="col" className="px-4 py-3">{t("fields.entity")}</th>
            <th scope="col" className="px-4 py-3">{t("table.status")}</th>
          </tr>
        </thead>
        <tbody className="divide-y divide-slate-100 dark:divide-slate-800">
          {users.map((user) => (
            <tr key={user.id} className="hover:bg-slate-50 dark:hover:bg-slate-800/50">
              <td className="px-4 py-3 font-medium">
                <Link href={`/admin/users/${user.id}`} className="text-emerald-800 underline-offset-2 hover:underline dark:text-emerald-300">
                  {user.name}
                </Link>
              </td>
              <td className="px-4 py-3 text-slate-600 dark:text-slate-300">{user.email}</td>
              <td className="px-4 py-3">{roles(user.role)}</td>
              <td className="px-4 py-3">{user.entity_name}</td>
              <td className="px-4 py-3">
                <StatusBadge active={user.is_active} />
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
