"use client";
// Sends a form's JSON to the REST API and turns an RFC 9457 problem+json answer into a message
// and per-field errors, so every admin form shows the server's zod issues beside the right input.
// The server's own reason is shown as it comes; what the browser adds is in the reader's language.
import { useRouter } from "next/navigation";
import { useTranslations } from "next-intl";
import { useState } from "react";

export type SubmitState =
  | { kind: "idle" }
  | { kind: "pending" }
  | { kind: "done"; message: string }
  | { kind: "error"; message: string; fieldErrors: Record<string, string> };

type Problem = { detail?: string; title?: string; errors?: { path?: string; message?: string }[] };

export type SubmitOptions = {
  body?: unknown;
  /** Sent as If-Match, so a stale form is refused (412) instead of overwriting a newer change. */
  ifMatch?: number;
  /** Shown after success; the page data is refreshed from the server either way. */
  successMessage?: string;
  onSuccess?: (data: unknown) => void;
};

type Texts = { conflict: string; reloadHint: string; failed: (status: number) => string };

async function problemOf(response: Response, texts: Texts): Promise<{ message: string; fieldErrors: Record<string, string> }> {
  const problem = (await response.json().catch(() => ({}))) as Problem;
  const fieldErrors: Record<string, string> = {};
  const general: string[] = [];
  for (const issue of problem.errors ?? []) {
    if (!issue.message) continue;
    // Issues of the body as a whole (an unknown key) have no field to sit beside.
    if (!issue.path || issue.path === "(root)") general.push(issue.message);
    // The first issue per field is enough to act on; more would crowd the form.
    else if (!(issue.path in fieldErrors)) fieldErrors[issue.path] = issue.message;
  }
  if (response.status === 412 || response.status === 409) {
    return { message: `${problem.detail ?? texts.conflict} ${texts.reloadHint}`, fieldErrors };
  }
  const message = problem.detail ?? problem.title ?? texts.failed(response.status);
  return { message: [message, ...general].join(" "), fieldErrors };
}

export function useApiSubmit() {
  const t = useTranslations("forms");
  const states = useTranslations("states");
  const router = useRouter();
  const [state, setState] = useState<SubmitState>({ kind: "idle" });

  async function submit(method: "POST" | "PATCH" | "DELETE", url: string, options: SubmitOptions = {}): Promise<boolean> {
    setState({ kind: "pending" });
    const headers: Record<string, string> = { accept: "application/json" };
    if (options.body !== undefined) headers["content-type"] = "application/json";
    if (options.ifMatch !== undefined) headers["if-match"] = `"${options.ifMatch}"`;
    let response: Response;
    try {
      response = await fetch(url, {
        method,
        headers,
        body: options.body === undefined ? undefined : JSON.stringify(options.body),
        credentials: "same-origin",
      });
    } catch {
      setState({ kind: "error", message: states("offline"), fieldErrors: {} });
      return false;
    }
    if (!response.ok) {
      const texts: Texts = { conflict: t("conflict"), reloadHint: states("reloadHint"), failed: (status) => t("failed", { status }) };
      setState({ kind: "error", ...(await problemOf(response, texts)) });
      return false;
    }
    const data: unknown = response.status === 204 ? null : await response.json().catch(() => null);
    setState({ kind: "done", message: options.successMessage ?? t("saved") });
    options.onSuccess?.(data);
    router.refresh();
    return true;
  }

  const fieldError = (name: string): string | undefined => (state.kind === "error" ? state.fieldErrors[name] : undefined);
  return { state, submit, fieldError, pending: state.kind === "pending" };
}
