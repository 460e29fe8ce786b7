import type { Metadata } from "next";
import Link from "next/link";
import { NAV_ITEMS } from "@/components/shell/app-nav";
import { roleAllows } from "@/lib/auth/permissions";
import { requirePrincipal } from "@/lib/auth/session";

export const metadata: Metadata = { title: "Home" };

export default async function HomePage() {
  const principal = await requirePrincipal(undefined, "/home");
  const destinations = NAV_ITEMS.filter((item) => item.href !== "/home" && roleAllows(principal.role, item.permission));
  return (
    <div className="flex flex-col gap-6">
      <h1 className="text-2xl font-bold tracking-tight">Welcome, {principal.name}</h1>
      {destinations.length > 0 ? (
        <ul className="grid gap-3 sm:grid-cols-2 lg:grid-cols-3">
          {destinations.map((item) => (
            <li key={item.href}>
              <Link
                href={item.href}
                className="block rounded-xl border border-slate-200 bg-white p-4 font-medium hover:border-emerald-600 dark:border-slate-800 dark:bg-slate-900"
              >
                {item.label}
              </Link>
            </li>
          ))}
        </ul>
      ) : null}
    </div>
  );
}
