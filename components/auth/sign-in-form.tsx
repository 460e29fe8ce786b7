"use client";
// The sign-in form, in the visitor's language. It submits through onSubmit rather than a form
// action, so a refused sign-in keeps the email that was typed.
import { useRouter } from "next/navigation";
import { useTranslations } from "next-intl";
import { type SubmitEvent, useState } from "react";

type Failure = { key: "wrongCredentials" | "failed" | "offline" } | { key: "tooMany"; minutes: number };
type Status = { kind: "idle" } | { kind: "pending" } | { kind: "error"; failure: Failure };

/** Posts to next-auth's credentials callback directly, so a 429 can be shown with its wait time. */
async function signIn(email: string, password: string): Promise<{ ok: true } | { ok: false; failure: Failure }> {
  const csrf = (await (await fetch("/api/auth/csrf")).json()) as { csrfToken: string };
  const response = await fetch("/api/auth/callback/credentials", {
    method: "POST",
    headers: { "content-type": "application/x-www-form-urlencoded", "x-auth-return-redirect": "1" },
    body: new URLSearchParams({ email, password, csrfToken: csrf.csrfToken, json: "true" }),
  });
  if (response.status === 429) {
    const wait = Number(response.headers.get("retry-after") ?? 60);
    return { ok: false, failure: { key: "tooMany", minutes: Math.max(1, Math.ceil(wait / 60)) } };
  }
  const data = (await response.json().catch(() => ({}))) as { url?: string };
  const error = data.url ? new URL(data.url, window.location.origin).searchParams.get("error") : "unknown";
  if (error) return { ok: false, failure: { key: error === "CredentialsSignin" ? "wrongCredentials" : "failed" } };
  return { ok: true };
}

const INPUT =
  "rounded-lg border border-slate-300 bg-white px-3 py-2 text-base font-normal outline-none focus:border-emerald-600 focus:ring-2 focus:ring-emerald-600/30 dark:border-slate-700 dark:bg-slate-950";

export function SignInForm({ callbackUrl }: { callbackUrl: string }) {
  const t = useTranslations("signIn");
  const router = useRouter();
  const [status, setStatus] = useState<Status>({ kind: "idle" });

  async function onSubmit(event: SubmitEvent<HTMLFormElement>) {
    event.preventDefault();
    const form = new FormData(event.currentTarget);
    setStatus({ kind: "pending" });
    const field = (name: string) => {
      const value = form.get(name);
      return typeof value === "string" ? value : "";
    };
    const result = await signIn(field("email"), field("password")).catch(() => ({ ok: false as const, failure: { key: "offline" as const } }));
    if (!result.ok) {
      setStatus({ kind: "error", failure: result.failure });
      return;
    }
    router.replace(callbackUrl);
    router.refresh();
  }

  const message = (failure: Failure) => (failure.key === "tooMany" ? t("tooMany", { minutes: failure.minutes }) : t(failure.key));
  return (
    <form onSubmit={(event) => void onSubmit(event)} className="mt-6 flex flex-col gap-4">
      <label className="flex flex-col gap-1 text-sm font-medium">
        {t("email")}
        <input name="email" type="email" autoComplete="username" required className={INPUT} />
      </label>
      <label className="flex flex-col gap-1 text-sm font-medium">
        {t("password")}
        <input name="password" type="password" autoComplete="current-password" required maxLength={1024} className={INPUT} />
      </label>
      {status.kind === "error" ? (
        <p role="alert" className="rounded-lg bg-red-50 px-3 py-2 text-sm text-red-800 dark:bg-red-950 dark:text-red-200">
          {message(status.failure)}
        </p>
      ) : null}
      <button
        type="submit"
        disabled={status.kind === "pending"}
        className="rounded-lg bg-emerald-700 px-4 py-2 font-semibold text-white hover:bg-emerald-800 disabled:opacity-60"
      >
        {status.kind === "pending" ? t("pending") : t("submit")}
      </button>
    </form>
  );
}
