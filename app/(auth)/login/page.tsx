import type { Metadata } from "next";
import { redirect } from "next/navigation";
import { SignInForm } from "@/components/auth/sign-in-form";
import { currentPrincipal } from "@/lib/auth/session";

export const metadata: Metadata = { title: "Sign in" };
export const dynamic = "force-dynamic";

function safeCallback(value: string | string[] | undefined): string {
  const url = typeof value === "string" ? value : "/home";
  // Only same-site paths: an open redirect after sign-in is a phishing tool.
  return url.startsWith("/") && !url.startsWith("//") ? url : "/home";
}

export default async function LoginPage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const params = await searchParams;
  const callbackUrl = safeCallback(params.callbackUrl);
  if (await currentPrincipal()) redirect(callbackUrl);
  return (
    <main className="flex min-h-dvh items-center justify-center bg-slate-50 px-4 dark:bg-slate-950">
      <div className="w-full max-w-sm rounded-2xl border border-slate-200 bg-white p-8 shadow-sm dark:border-slate-800 dark:bg-slate-900">
        <h1 className="text-2xl font-bold tracking-tight">Sign in to Groundwork</h1>
        <p className="mt-1 text-sm text-slate-600 dark:text-slate-300">Use your work email and password.</p>
        <SignInForm callbackUrl={callbackUrl} />
      </div>
    </main>
  );
}
