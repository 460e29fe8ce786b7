"use client";

// Revokes one API token (DELETE /api/tokens/:id) after an inline confirmation, then refreshes the list.
import { useRouter } from "next/navigation";
import { useState } from "react";
import { NETWORK_PROBLEM, problemOf } from "./create-token-form";

type Status = { kind: "idle" } | { kind: "confirming" } | { kind: "pending" } | { kind: "error"; message: string };

export function RevokeTokenButton({ tokenId, tokenName }: { tokenId: number; tokenName: string }) {
  const router = useRouter();
  const [status, setStatus] = useState<Status>({ kind: "idle" });

  async function revoke() {
    setStatus({ kind: "pending" });
    try {
      const response = await fetch(`/api/tokens/${tokenId}`, { method: "DELETE" });
      if (!response.ok) {
        setStatus({ kind: "error", message: (await problemOf(response)).message });
        return;
      }
      router.refresh();
    } catch {
      setStatus({ kind: "error", message: NETWORK_PROBLEM.message });
    }
  }

  if (status.kind === "idle") {
    return (
      <button
        type="button"
        onClick={() => setStatus({ kind: "confirming" })}
        aria-label={`Revoke token ${tokenName}`}
        className="rounded-md border border-red-300 px-2 py-1 text-xs font-medium text-red-700 hover:bg-red-50 dark:border-red-800 dark:text-red-300 dark:hover:bg-red-950"
      >
        Revoke
      </button>
    );
  }

  return (
    <div className="flex flex-col items-end gap-1">
      <div role="group" aria-label={`Confirm revoking ${tokenName}`} className="flex flex-wrap items-center justify-end gap-2 text-xs">
        <span>Revoke “{tokenName}”? Clients using it stop working at once.</span>
        <button
          type="button"
          disabled={status.kind === "pending"}
          onClick={() => void revoke()}
          className="rounded-md bg-red-700 px-2 py-1 font-semibold text-white hover:bg-red-800 disabled:opacity-60"
        >
          {status.kind === "pending" ? "Revoking…" : "Revoke"}
        </button>
        <button
          type="button"
          disabled={status.kind === "pending"}
          onClick={() => setStatus({ kind: "idle" })}
          className="rounded-md border border-slate-300 px-2 py-1 font-medium hover:bg-slate-100 disabled:opacity-60 dark:border-slate-700 dark:hover:bg-slate-800"
        >
          Cancel
        </button>
      </div>
      {status.kind === "error" ? (
        <p role="alert" className="text-xs text-red-700 dark:text-red-300">
          {status.message}
        </p>
      ) : null}
    </div>
  );
}
