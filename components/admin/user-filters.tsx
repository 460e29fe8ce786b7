// Search and filters for the people list: a plain GET form, so it works before any script loads
// and every filtered view has a shareable URL.
import Link from "next/link";
import type { Option } from "./form-controls";

export type UserFilterValues = { q?: string; role?: string; entity_id?: string; is_active?: string };

const selectClass =
  "rounded-lg border border-slate-300 bg-white px-3 py-2 text-sm outline-none focus:border-emerald-600 focus:ring-2 focus:ring-emerald-600/30 dark:border-slate-700 dark:bg-slate-950";

export function UserFilters({ values, entities }: { values: UserFilterValues; entities: Option[] }) {
  return (
    <form method="get" action="/admin/users" role="search" className="flex flex-wrap items-end gap-3">
      <label className="flex min-w-48 flex-1 flex-col gap-1 text-sm font-medium">
        Search
        <input type="search" name="q" defaultValue={values.q ?? ""} maxLength={100} placeholder="Name or email" className={selectClass} />
      </label>
      <label className="flex flex-col gap-1 text-sm font-medium">
        Role
        <select name="role" defaultValue={values.role ?? ""} className={selectClass}>
          <option value="">Any role</option>
          <option value="admin">Admin</option>
          <option value="manager">Manager</option>
          <option value="employee">Employee</option>
        </select>
      </label>
      <label className="flex flex-col gap-1 text-sm font-medium">
        Entity
        <select name="entity_id" defaultValue={values.entity_id ?? ""} className={selectClass}>
          <option value="">Any entity</option>
          {entities.map((entity) => (
            <option key={entity.value} value={entity.value}>
              {entity.label}
            </option>
          ))}
        </select>
      </label>
      <label className="flex flex-col gap-1 text-sm font-medium">
        Status
        <select name="is_active" defaultValue={values.is_active ?? ""} className={selectClass}>
          <option value="">Any status</option>
          <option value="true">Active</option>
          <option value="false">Deactivated</option>
        </select>
      </label>
      <button type="submit" className="rounded-lg bg-emerald-700 px-4 py-2 text-sm font-semibold text-white hover:bg-emerald-800">
        Apply
      </button>
      <Link href="/admin/users" className="px-2 py-2 text-sm text-slate-600 underline-offset-2 hover:underline dark:text-slate-300">
        Clear
      </Link>
    </form>
  );
}
