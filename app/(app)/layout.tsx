import { AppNav } from "@/components/shell/app-nav";
import { requirePrincipal } from "@/lib/auth/session";

export const dynamic = "force-dynamic";

export default async function SignedInLayout({ children }: { children: React.ReactNode }) {
  const principal = await requirePrincipal();
  return (
    <div className="min-h-dvh bg-slate-50 dark:bg-slate-950">
      <AppNav principal={principal} />
      <main className="mx-auto max-w-6xl px-4 py-8">{children}</main>
    </div>
  );
}
