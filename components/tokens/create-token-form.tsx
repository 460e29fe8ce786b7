"use client";
// Creates an API token through POST /api/tokens and shows it once; after "Done" it is gone for good,
// because the server keeps only its hash. The body is checked with the API's own schema first and
// the server's field issues show beside the fields. The form submits through onSubmit, not a form
// action: React resets a form after its action runs, which would wipe what was typed on a refusal.
import { useRouter } from "next/navigation";
import { useTranslations } from "next-intl";
import { type SubmitEvent, useId, useState } from "react";
import { apiFetch, ApiProblem } from "@/components/query/api";
import { useFieldMessages } from "@/components/task/field-messages";
import { ProblemMessage } from "@/components/ui/problem-message";
import { TOKEN_SCOPES } from "@/db/schema";
import { createTokenBody, TOKEN_EXPIRY_CHOICES, TOKEN_NAME_MAX } from "@/lib/auth/token-validators";

const DEFAULT_EXPIRY = "90";

const textOf = (value: FormDataEntryValue | null): string => (typeof value === "string" ? value : "");

const inputClass =
  "rounded-lg border border-slate-300 bg-white px-3 py-2 text-base font-normal outline-none focus:border-emerald-600 focus:ring-2 focus:ring-emerald-600/30 aria-invalid:border-red-600 dark:border-slate-700 dark:bg-slate-950";

type Status =
  | { kind: "idle" }
  | { kind: "pending" }
  | { kind: "refused"; fields: Record<string, string>; problem: ApiProblem | null }
  | { kind: "created"; token: string; name: string };

export function CreateTokenForm({ canGrantAdmin }: { canGrantAdmin: boolean }) {
  const t = useTranslations("tokens.form");
  const messageOf = useFieldMessages();
  const router = useRouter();
  const id = useId();
  const [status, setStatus] = useState<Status>({ kind: "idle" });
  // A new key after a created token empties the form for the next one; a refusal keeps it as typed.
  const [formKey, setFormKey] = useState(0);

  /** The first issue on a field or anything inside it ("scopes.1" belongs to "scopes"). */
  const fieldError = (path: string): string | undefined => {
    if (status.kind !== "refused") return undefined;
    const key = Object.keys(status.fields).find((k) => k === path || k.startsWith(`${path}.`));
    return key === undefined ? undefined : status.fields[key];
  };

  async function create(body: unknown) {
    setStatus({ kind: "pending" });
    try {
      const created = await apiFetch<{ token: string; name: string }>("/api/tokens", { method: "POST", body });
      setStatus({ kind: "created", token: created.token, name: created.name });
      setFormKey((key) => key + 1);
      router.refresh();
    } catch (error) {
      const problem = error instanceof ApiProblem ? error : new ApiProblem(0, "offline");
      setStatus({ kind: "refused", fields: problem.fieldErrors, problem });
    }
  }

  function submit(event: SubmitEvent<HTMLFormElement>) {
    event.preventDefault();
    const form = new FormData(event.currentTarget);
    const expiry = textOf(form.get("expiry")) || DEFAULT_EXPIRY;
    const body = {
      name: textOf(form.get("name")),
      scopes: form.getAll("scopes").map(textOf),
      ...(expiry === "never" ? {} : { expires_in_days: Number(expiry) }),
    };
    const parsed = createTokenBody.safeParse(body);
    if (!parsed.success) {
      const fields: Record<string, string> = {};
      for (const issue of parsed.error.issues) {
        const path = issue.path.map(String).join(".") || "(root)";
        const missing = issue.code === "too_small" && Number(issue.minimum) <= 1;
        fields[path] ??= missing && path === "name" ? t("nameRequired") : missing && path === "scopes" ? t("scopesRequired") : messageOf(issue);
      }
      setStatus({ kind: "refused", fields, problem: null });
      return;
    }
    void create(body);
  }

  const nameError = fieldError("name");
  const scopesError = fieldError("scopes");
  const expiryError = fieldError("expires_in_days") ?? fieldError("expires_at");
  const unplaced = status.kind === "refused" && status.problem !== null && !nameError && !scopesError && !expiryError;

  return (
    <div className="mt-3 flex flex-col gap-4">
      {status.kind === "created" ? <NewTokenNotice token={status.token} name={status.name} onDone={() => setStatus({ kind: "idle" })} /> : null}
      <form key={formKey} onSubmit={submit} noValidate aria-label={t("label")} className="grid gap-4 sm:grid-cols-2">
        <label className="flex flex-col gap-1 text-sm font-medium">
          {t("name")}
          <input
            name="name"
            required
            maxLength={TOKEN_NAME_MAX}
            placeholder={t("namePlaceholder")}
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
          {t("expires")}
          <select
            name="expiry"
            defaultValue={DEFAULT_EXPIRY}
            aria-invalid={expiryError ? true : undefined}
            aria-describedby={expiryError ? `${id}-expiry-error` : undefined}
            className={inputClass}
          >
            {TOKEN_EXPIRY_CHOICES.map((days) => (
              <option key={days ?? "never"} value={days ?? "never"}>
                {days === null ? t("expiry.never") : t(`expiry.${days}`)}
              </option>
            ))}
          </select>
          {expiryError ? (
            <span id={`${id}-expiry-error`} className="text-xs font-normal text-red-700 dark:text-red-300">
              {expiryError}
            </span>
          ) : null}
        </label>
        <fieldset className="flex flex-col gap-2 sm:col-span-2" aria-describedby={scopesError ? `${id}-scopes-error` : undefined}>
          <legend className="mb-1 text-sm font-medium">{t("scopes")}</legend>
          {TOKEN_SCOPES.filter((scope) => scope !== "admin" || canGrantAdmin).map((scope) => (
            <label key={scope} className="flex items-start gap-2 text-sm">
              <input type="checkbox" name="scopes" value={scope} defaultChecked={scope === "read"} className="mt-0.5 size-4 accent-emerald-700" />
              <span>
                <span className="font-medium">{t(`scope.${scope}.label`)}</span>{" "}
                <span className="text-slate-600 dark:text-slate-300">— {t(`scope.${scope}.hint`)}</span>
              </span>
            </label>
          ))}
          {scopesError ? (
            <span id={`${id}-scopes-error`} className="text-xs text-red-700 dark:text-red-300">
              {scopesError}
            </span>
          ) : null}
        </fieldset>
        {unplaced ? (
          <div className="sm:col-span-2">
            <ProblemMessage problem={status.problem} />
          </div>
        ) : null}
        <div className="sm:col-span-2">
          <button
            type="submit"
            disabled={status.kind === "pending"}
            className="rounded-lg bg-emerald-700 px-4 py-2 font-semibold text-white hover:bg-emerald-800 disabled:opacity-60"
          >
            {status.kind === "pending" ? t("pending") : t("submit")}
          </button>
        </div>
      </form>
    </div>
  );
}

function NewTokenNotice({ token, name, onDone }: { token: string; name: string; onDone: () => void }) {
  const t = useTranslations("tokens.created");
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
      <p className="font-semibold">{t("title", { name })}</p>
      <p>{t("body")}</p>
      <label htmlFor={fieldId} className="sr-only">
        {t("fieldLabel")}
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
          {copy === "copied" ? t("copied") : t("copy")}
        </button>
        <button type="button" onClick={onDone} className="rounded-lg border border-slate-300 px-3 py-2 font-medium hover:bg-white dark:border-slate-700 dark:hover:bg-slate-900">
          {t("done")}
        </button>
      </div>
      <p aria-live="polite" className="text-xs">
        {copy === "copied" ? t("copiedNote") : copy === "failed" ? t("copyFailed") : ""}
      </p>
    </div>
  );
}
