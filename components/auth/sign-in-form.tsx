"use client";

import { useRouter } from "next/navigation";
import { useState } from "react";

type Status = { kind: "idle" } | { kind: "pending" } | { kind: "error"; message: string };

/** Posts to next-auth's credentials callback directly, so a 429 can be shown with its wait time. */
async function signIn(email: string, password: string): Promise<{ ok: true } | { ok: false; message: string }> {
  const csrf = (await (await fetch("/api/auth/csrf")).json()) as { csrfToken: string };
  const response = await fetch("/api/auth/callback/credentials", {
    method: "POST",
    headers: { "content-type": "application/x-www-form-urlencoded", "x-auth-return-redirect": "1" },
    body: new URLSearchParams({ email, password, csrfToken: csrf.csrfToken, json: "true" }),
  });
  if (response.status === 429) {
    const wait = Number(response.headers.get("retry-after") ?? 60);
    return { ok: false, message: `Too many failed sign-ins. Try again in ${Math.ceil(wait / 60)} minute(s).` };
  }
  const data = (await response.json().catch(() => ({}))) as { url?: string };
  const error = data.url ? new URL(data.url, window.location.origin).searchParams.get("error") : "unknown";
  if (error) return { ok: false, message: error === "CredentialsSignin" ? "Wrong email or password." : "Sign-in failed. Please try again." };
  return { ok: true };
}

export function SignInForm({ callbackUrl }: { callbackUrl: string }) {
  const router = useRouter();
  const [status, setStatus] = useState<Status>({ kind: "idle" });

  async function onSubmit(form: FormData) {
    setStatus({ kind: "pending" });
    const field = (name: string) => {
      const value = form.get(name);
      return typeof value === "string" ? value : "";
    };
    const result = await signIn(field("email"), field("password")).catch(() => ({
      ok: false as const,
      message: "Could not reach the server. Check your connection and try again.",
    }));
    if (!result.ok) {
      setStatus({ kind: "error", message: result.message });
      return;
    }
    router.replace(callbackUrl);
    router.refresh();
  }

  return (
    <form action={onSubmit} className="mt-6 flex flex-col gap-4" noValidate={false}>
      <label className="flex flex-col gap-1 text-sm font-medium">
        Email
        <input
          name="email"
          type="email"
          autoComplete="username"
          required
          className="rounded-lg border border-slate-300 bg-white px-3 py-2 text-base font-normal outline-none focus:border-emerald-600 focus:ring-2 focus:ring-emerald-600/30 dark:border-slate-700 dark:bg-slate-950"
        />
      </label>
      <label className="flex flex-col gap-1 text-sm font-medium">
        Password
        <input
          name="password"
          type="password"
          autoComplete="current-password"
          required
          maxLength={1024}
          className="rounded-lg border border-slate-300 bg-white px-3 py-2 text-base font-normal outline-none focus:border-emerald-600 focus:ring-2 focus:ring-emerald-600/30 dark:border-slate-700 dark:bg-slate-950"
        />
      </label>
      {status.kind === "error" ? (
        <p role="alert" className="rounded-lg bg-red-50 px-3 py-2 text-sm text-red-800 dark:bg-red-950 dark:text-red-200">
          {status.message}
        </p>
      ) : null}
      <button
        type="submit"
        disabled={status.kind === "pending"}
        className="rounded-lg bg-emerald-700 px-4 py-2 font-semibold text-white hover:bg-emerald-800 disabled:opacity-60"
      >
        {status.kind === "pending" ? "Signing in…" : "Sign in"}
      </button>
    </form>
  );
}
