"use client";

// Creates an API token through POST /api/tokens and shows it once; after "Done" it is gone for good,
// because the server keeps only its hash.
import { useRouter } from "next/navigation";
import { useId, useState } from "react";
import type { TokenScope } from "@/db/schema";

export type FieldError = { path: string; message: string };
export type Problem = { message: string; fields: FieldError[] };

/** The readable part of an RFC 9457 answer (`detail`, field `errors`), whatever the response held. */
export async function problemOf(response: Response): Promise<Problem> {
  const body = (await response.json().catch(() => null)) as { detail?: unknown; errors?: unknown } | null;
  const fields = Array.isArray(body?.errors)
    ? body.errors.filter((e): e is FieldError => typeof e === "object" && e !== null && typeof (e as FieldError).message === "string")
    : [];
  const message = typeof body?.detail === "string" ? body.detail : `The request failed (HTTP ${response.status}).`;
  return { message, fields };
}

export const NETWORK_PROBLEM: Problem = { message: "Could not reach the server. Check your connection and try again.", fields: [] };

// Kept here rather than imported from the validators, which would pull the Drizzle schema into the browser bundle.
const SCOPES: { scope: TokenScope; label: string; hint: string }[] = [
  { scope: "read", label: "Read", hint: "See what you can see." },
  { scope: "write", label: "Write", hint: "Change what you can change (includes read)." },
  { scope: "admin", label: "Admin", hint: "Administration: templates, users, the audit log." },
];
const EXPIRY_CHOICES = [
  { value: "7", label: "7 days" },
  { value: "30", label: "30 days" },
  { value: "90", label: "90 days" },
  { value: "365", label: "1 year" },
  { value: "never", label: "Never (not recommended)" },
];

const textOf = (value: FormDataEntryValue | null): string => (typeof value === "string" ? value : "");

const inputClass =
  "rounded-lg border border-slate-300 bg-white px-3 py-2 text-base font-normal outline-none focus:border-emerald-600 focus:ring-2 focus:ring-emerald-600/30 aria-invalid:border-red-600 dark:border-slate-700 dark:bg-slate-950";

type Status =
  | { kind: "idle" }
  | { kind: "pending" }
  | { kind: "error"; problem: Problem }
  | { kind: "created"; token: string; name: string };

export function CreateTokenForm({ canGrantAdmin }: { canGrantAdmin: boolean }) {
  const router = useRouter();
  const id = useId();
  const [status, setStatus] = useState<Status>({ kind: "idle" });
  const [formKey, setFormKey] = useState(0);
  const fieldError = (path: string) => (status.kind === "error" ? status.problem.fields.find((f) => f.path === path)?.message : undefined);

  async function onSubmit(form: FormData) {
    setStatus({ kind: "pending" });
    const expiry = textOf(form.get("expiry")) || "90";
    const body = {
      name: textOf(form.get("name")),
      scopes: form.getAll("scopes").map(textOf),
      ...(expiry === "never" ? {} : { expires_in_days: Number(expiry) }),
    };
    try {
      const response = await fetch("/api/tokens", { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify(body) });
      if (!response.ok) {
        setStatus({ kind: "error", problem: await problemOf(response) });
        return;
      }
      const created = (await response.json()) as { token: string; name: string };
      setStatus({ kind: "created", token: created.token, name: created.name });
      setFormKey((key) => key + 1);
      router.refresh();
    } catch {
      setStatus({ kind: "error", problem: NETWORK_PROBLEM });
    }
  }

  const nameError = fieldError("name");
  const scopesError = fieldError("scopes");
  const expiryError = fieldError("expires_in_days") ?? fieldError("expires_at");

  return (
    <div className="mt-3 flex flex-col gap-4">
      {status.kind === "created" ? <NewTokenNotice token={status.token} name={status.name} onDone={() => setStatus({ kind: "idle" })} /> : null}
      <form key={formKey} action={onSubmit} className="grid gap-4 sm:grid-cols-2">
        <label className="flex flex-col gap-1 text-sm font-medium">
          Name
          <input
            name="name"
            required
            maxLength={100}
            placeholder="e.g. CI pipeline"
            aria-invalid={nameError ? true : undefined}
            aria-describedby={nameError ? `${id}-name-error` : undefined}
            className={inputClass}
          />
          {nameError ? (
            <span id={`${id}-name-error`} className="text-xs font-normal text-red-700 dark:text-red-300">
              {nameError}
            </span>
          ) : null}
        </label>
        <label className="flex flex-col gap-1 text-sm font-medium">
          Expires
          <select name="expiry" defaultValue="90" aria-invalid={expiryError ? true : undefined} className={inputClass}>
            {EXPIRY_CHOICES.map((choice) => (
              <option key={choice.value} value={choice.value}>
                {choice.label}
              </option>
            ))}
          </select>
          {expiryError ? <span className="text-xs font-normal text-red-700 dark:text-red-300">{expiryError}</span> : null}
        </label>
        <fieldset className="flex flex-col gap-2 sm:col-span-2" aria-describedby={scopesError ? `${id}-scopes-error` : undefined}>
          <legend className="mb-1 text-sm font-medium">Scopes</legend>
          {SCOPES.filter((s) => s.scope !== "admin" || canGrantAdmin).map((s) => (
            <label key={s.scope} className="flex items-start gap-2 text-sm">
              <input type="checkbox" name="scopes" value={s.scope} defaultChecked={s.scope === "read"} className="mt-0.5 size-4 accent-emerald-700" />
              <span>
                <span className="font-medium">{s.label}</span> <span className="text-slate-600 dark:text-slate-300">— {s.hint}</span>
              </span>
            </label>
          ))}
          {scopesError ? (
            <span id={`${id}-scopes-error`} className="text-xs text-red-700 dark:text-red-300">
              {scopesError}
            </span>
          ) : null}
        </fieldset>
        {status.kind === "error" ? (
          <div role="alert" className="rounded-lg bg-red-50 px-3 py-2 text-sm text-red-800 sm:col-span-2 dark:bg-red-950 dark:text-red-200">
            <p>{status.problem.message}</p>
            {status.problem.fields.length > 0 ? (
              <ul className="mt-1 list-disc pl-5">
                {status.problem.fields.map((f) => (
                  <li key={`${f.path}:${f.message}`}>{f.message}</li>
                ))}
              </ul>
            ) : null}
          </div>
        ) : null}
        <div className="sm:col-span-2">
          <button
            type="submit"
            disabled={status.kind === "pending"}
            className="rounded-lg bg-emerald-700 px-4 py-2 font-semibold text-white hover:bg-emerald-800 disabled:opacity-60"
          >
            {status.kind === "pending" ? "Creating…" : "Create token"}
          </button>
        </div>
      </form>
    </div>
  );
}

function NewTokenNotice({ token, name, onDone }: { token: string; name: string; onDone: () => void }) {
  const [copy, setCopy] = useState<"idle" | "copied" | "failed">("idle");
  const fieldId = useId();

  async function copyToken() {
    try {
      await navigator.clipboard.writeText(token);
      setCopy("copied");
    } catch {
      // The Clipboard API needs a secure context and permission; selecting the text still lets the user copy it.
      setCopy("failed");
    }
  }

  return (
    <div role="status" className="flex flex-col gap-2 rounded-lg border border-amber-300 bg-amber-50 p-3 text-sm dark:border-amber-700 dark:bg-amber-950">
      <p className="font-semibold">Token “{name}” created. Copy it now: it will not be shown again.</p>
      <p>Groundwork keeps only a fingerprint of it. Anyone holding it can act as you within its scopes, so store it like a password.</p>
      <label htmlFor={fieldId} className="sr-only">
        Your new API token
      </label>
      <div className="flex flex-wrap gap-2">
        <input
          id={fieldId}
          readOnly
          value={token}
          onFocus={(event) => event.currentTarget.select()}
          className="min-w-0 flex-1 rounded-lg border border-slate-300 bg-white px-3 py-2 font-mono text-xs dark:border-slate-700 dark:bg-slate-950"
        />
        <button type="button" onClick={() => void copyToken()} className="rounded-lg bg-slate-900 px-3 py-2 font-semibold text-white hover:bg-slate-700 dark:bg-slate-100 dark:text-slate-900">
          {copy === "copied" ? "Copied" : "Copy"}
        </button>
        <button type="button" onClick={onDone} className="rounded-lg border border-slate-300 px-3 py-2 font-medium hover:bg-white dark:border-slate-700 dark:hover:bg-slate-900">
          Done
        </button>
      </div>
      <p aria-live="polite" className="text-xs">
        {copy === "copied" ? "Copied to the clipboard." : copy === "failed" ? "Copying failed: select the token and copy it by hand." : ""}
      </p>
    </div>
  );
}
