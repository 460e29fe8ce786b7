import type { Metadata } from "next";
import Link from "next/link";
import { readiness } from "@/lib/platform/health";

export const dynamic = "force-dynamic";
export const metadata: Metadata = { title: "System status" };

export default async function StatusPage() {
  const result = await readiness();
  return (
    <main className="mx-auto flex max-w-xl flex-col gap-6 px-6 py-16">
      <Link href="/" className="text-sm text-slate-600 hover:underline dark:text-slate-300">
        ← Groundwork
      </Link>
      <h1 className="text-3xl font-bold tracking-tight">System status</h1>
      <div
        role="status"
        className={`rounded-xl border p-5 ${
          result.ready
            ? "border-emerald-300 bg-emerald-50 text-emerald-900 dark:border-emerald-800 dark:bg-emerald-950 dark:text-emerald-100"
            : "border-red-300 bg-red-50 text-red-900 dark:border-red-800 dark:bg-red-950 dark:text-red-100"
        }`}
      >
        <p className="font-semibold">{result.ready ? "All systems operational" : "Degraded: the database is not reachable"}</p>
        <dl className="mt-3 grid grid-cols-2 gap-y-1 text-sm">
          <dt>Database</dt>
          <dd>{result.database.kind === "postgres" ? "PostgreSQL" : "Embedded (PGlite)"}</dd>
          {result.ready ? (
            <>
              <dt>Response time</dt>
              <dd>{result.database.latencyMs} ms</dd>
              <dt>Schema migrations</dt>
              <dd>{result.database.migrations}</dd>
            </>
          ) : null}
        </dl>
      </div>
    </main>
  );
}
