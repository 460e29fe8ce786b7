"use client";

// Revokes one API token (DELETE /api/tokens/:id) after an inline confirmation, then refreshes the list.
import { useRouter } from "next/navigation";
import { useTranslations } from "next-intl";
import { useState } from "react";
import { apiFetch, ApiProblem } from "@/components/query/api";
import { ProblemMessage } from "@/components/ui/problem-message";

type Status = { kind: "idle" } | { kind: "confirming" } | { kind: "pending" } | { kind: "error"; problem: ApiProblem };

export function RevokeTokenButton({ tokenId, tokenName }: { tokenId: number; tokenName: string }) {
  const t = useTranslations("tokens.revoke");
  const router = useRouter();
  const [status, setStatus] = useState<Status>({ kind: "idle" });

  async function revoke() {
    setStatus({ kind: "pending" });
    try {
      await apiFetch(`/api/tokens/${tokenId}`, { method: "DELETE" });
      router.refresh();
    } catch (error) {
      setStatus({ kind: "error", problem: error instanceof ApiProblem ? error : new ApiProblem(0, "offline") });
    }
  }

  if (status.kind === "idle") {
    return (
      <button
        type="button"
        onClick={() => setStatus({ kind: "confirming" })}
        aria-label={t("buttonLabel", { name: tokenName })}
        className="rounded-md border border-red-300 px-2 py-1 text-xs font-medium text-red-700 hover:bg-red-50 dark:border-red-800 dark:text-red-300 dark:hover:bg-red-950"
      >
        {t("button")}
      </button>
    );
  }

  return (
    <div className="flex flex-col items-end gap-1">
      <div role="group" aria-label={t("confirmLabel", { name: tokenName })} className="flex flex-wrap items-center justify-end gap-2 text-xs">
        <span>{t("confirm", { name: tokenName })}</span>
        <button
          type="button"
          disabled={status.kind === "pending"}
          onClick={() => void revoke()}
          className="rounded-md bg-red-700 px-2 py-1 font-semibold text-white hover:bg-red-800 disabled:opacity-60"
        >
          {status.kind === "pending" ? t("pending") : t("button")}
        </button>
        <button
          type="button"
          disabled={status.kind === "pending"}
          onClick={() => setStatus({ kind: "idle" })}
          className="rounded-md border border-slate-300 px-2 py-1 font-medium hover:bg-slate-100 disabled:opacity-60 dark:border-slate-700 dark:hover:bg-slate-800"
        >
          {t("cancel")}
        </button>
      </div>
      {status.kind === "error" ? <ProblemMessage problem={status.problem} /> : null}
    </div>
  );
}
