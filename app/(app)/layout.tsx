import { AppNav } from "@/components/shell/app-nav";
import { QueryProvider } from "@/components/query/query-provider";
import { requirePrincipal } from "@/lib/auth/session";
import { getViewer } from "@/i18n/viewer";

export const dynamic = "force-dynamic";

export default async function SignedInLayout({ children }: { children: React.ReactNode }) {
  const principal = await requirePrincipal();
  const { locale } = await getViewer();
  return (
    <QueryProvider>
      <div className="min-h-dvh bg-slate-50 dark:bg-slate-950">
        <AppNav principal={principal} locale={locale} />
        <main id="main" className="mx-auto max-w-6xl px-4 py-6 sm:py-8">
          {children}
        </main>
      </div>
    </QueryProvider>
  );
}
