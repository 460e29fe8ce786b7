import Link from "next/link";
import type { Principal } from "@/lib/auth/principal";
import { roleAllows, type Permission } from "@/lib/auth/permissions";
import { SignOutButton } from "./sign-out-button";

type NavItem = { href: string; label: string; permission: Permission };

/** Navigation shows only what the role may open; the pages check again on the server. */
export const NAV_ITEMS: NavItem[] = [
  { href: "/home", label: "Home", permission: "me:read" },
  { href: "/admin/users", label: "People", permission: "users:read" },
  { href: "/admin/entities", label: "Organisation", permission: "entities:write" },
  { href: "/admin/professions", label: "Professions", permission: "professions:write" },
  { href: "/admin/audit", label: "Audit log", permission: "audit:read" },
  { href: "/settings/tokens", label: "API tokens", permission: "tokens:manage" },
];

export function AppNav({ principal }: { principal: Principal }) {
  const items = NAV_ITEMS.filter((item) => roleAllows(principal.role, item.permission));
  return (
    <header className="border-b border-slate-200 bg-white dark:border-slate-800 dark:bg-slate-900">
      <div className="mx-auto flex max-w-6xl flex-wrap items-center gap-x-6 gap-y-2 px-4 py-3">
        <Link href="/home" className="font-semibold tracking-tight">
          Groundwork
        </Link>
        <nav aria-label="Main" className="flex flex-1 flex-wrap gap-1 text-sm">
          {items.map((item) => (
            <Link
              key={item.href}
              href={item.href}
              className="rounded-md px-2 py-1 text-slate-600 hover:bg-slate-100 hover:text-slate-900 dark:text-slate-300 dark:hover:bg-slate-800 dark:hover:text-white"
            >
              {item.label}
            </Link>
          ))}
        </nav>
        <div className="flex items-center gap-3 text-sm">
          <span className="text-slate-600 dark:text-slate-300">
            {principal.name} <span className="rounded bg-slate-100 px-1.5 py-0.5 text-xs dark:bg-slate-800">{principal.role}</span>
          </span>
          <SignOutButton />
        </div>
      </div>
    </header>
  );
}
