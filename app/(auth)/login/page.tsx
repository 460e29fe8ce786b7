import type { Metadata } from "next";
import { redirect } from "next/navigation";
import { getLocale, getTranslations } from "next-intl/server";
import { SignInForm } from "@/components/auth/sign-in-form";
import { SignInLanguage } from "@/components/auth/sign-in-language";
import { currentPrincipal } from "@/lib/auth/session";

export const dynamic = "force-dynamic";

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getTranslations("signIn"))("metaTitle") };
}

function safeCallback(value: string | string[] | undefined): string {
  const url = typeof value === "string" ? value : "/home";
  // Only same-site paths: an open redirect after sign-in is a phishing tool.
  return url.startsWith("/") && !url.startsWith("//") ? url : "/home";
}

// Nobody is signed in here, so the language is the visitor's (i18n/viewer.ts): the one picked
// below, else the browser's.
export default async function LoginPage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const params = await searchParams;
  const callbackUrl = safeCallback(params.callbackUrl);
  if (await currentPrincipal()) redirect(callbackUrl);
  const t = await getTranslations("signIn");
  return (
    <main className="flex min-h-dvh items-center justify-center bg-slate-50 px-4 dark:bg-slate-950">
      <div className="flex w-full max-w-sm flex-col gap-4">
        <div className="rounded-2xl border border-slate-200 bg-white p-8 shadow-sm dark:border-slate-800 dark:bg-slate-900">
          <h1 className="text-2xl font-bold tracking-tight">{t("title")}</h1>
          <p className="mt-1 text-sm text-slate-600 dark:text-slate-300">{t("lead")}</p>
          <SignInForm callbackUrl={callbackUrl} />
        </div>
        <SignInLanguage locale={await getLocale()} />
      </div>
    </main>
  );
}
