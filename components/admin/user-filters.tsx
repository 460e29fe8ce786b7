// Search and filters for the people list: a plain GET form, so it works before any script loads
// and every filtered view has a shareable URL.
import Link from "next/link";
import { useTranslations } from "next-intl";
import { USER_ROLES } from "@/db/schema/entities";
import type { Option } from "./form-controls";

export type UserFilterValues = { q?: string; role?: string; entity_id?: string; is_active?: string };

const selectClass =
  "rounded-lg border border-slate-300 bg-white px-3 py-2 text-sm outline-none focus:border-emerald-600 focus:ring-2 focus:ring-emerald-600/30 dark:border-slate-700 dark:bg-slate-950";

export function UserFilters({ values, entities }: { values: UserFilterValues; entities: Option[] }) {
  const t = useTranslations("people");
  const forms = useTranslations("forms");
  const roles = useTranslations("nav.roles");
  return (
    <form method="get" action="/admin/users" role="search" className="flex flex-wrap items-end gap-3">
      <label className="flex min-w-48 flex-1 flex-col gap-1 text-sm font-medium">
        {t("filters.search")}
        <input type="search" name="q" defaultValue={values.q ?? ""} maxLength={100} placeholder={t("filters.searchPlaceholder")} className={selectClass} />
      </label>
      <label className="flex flex-col gap-1 text-sm font-medium">
        {t("fields.role")}
        <select name="role" defaultValue={values.role ?? ""} className={selectClass}>
          <option value="">{t("filters.anyRole")}</option>
          {USER_ROLES.map((role) => (
            <option key={role} value={role}>
              {roles(role)}
            </option>
          ))}
        </select>
      </label>
      <label className="flex flex-col gap-1 text-sm font-medium">
        {t("fields.entity")}
        <select name="entity_id" defaultValue={values.entity_id ?? ""} className={selectClass}>
          <option value="">{t("filters.anyEntity")}</option>
          {entities.map((entity) => (
            <option key={entity.value} value={entity.value}>
              {entity.label}
            </option>
          ))}
        </select>
      </label>
      <label className="flex flex-col gap-1 text-sm font-medium">
        {t("filters.status")}
        <select name="is_active" defaultValue={values.is_active ?? ""} className={selectClass}>
          <option value="">{t("filters.anyStatus")}</option>
          <option value="true">{forms("active")}</option>
          <option value="false">{forms("inactive")}</option>
        </select>
      </label>
      <button type="submit" className="rounded-lg bg-emerald-700 px-4 py-2 text-sm font-semibold text-white hover:bg-emerald-800">
        {forms("apply")}
      </button>
      <Link href="/admin/users" className="px-2 py-2 text-sm text-slate-600 underline-offset-2 hover:underline dark:text-slate-300">
        {forms("clear")}
      </Link>
    </form>
  );
}
