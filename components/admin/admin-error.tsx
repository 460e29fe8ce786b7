"use client";
// The error state of the admin pages: a plain message (details stay in the server log) and a retry.
import { useEffect } from "react";

export function AdminError({ error, reset, what }: { error: Error & { digest?: string }; reset: () => void; what: string }) {
  useEffect(() => {
    console.error(error);
  }, [error]);
  return (
    <div role="alert" className="rounded-xl border border-red-200 bg-red-50 p-6 text-red-900 dark:border-red-900 dark:bg-red-950 dark:text-red-100">
      <h1 className="text-lg font-semibold">Could not load {what}</h1>
      <p className="mt-1 text-sm">Something went wrong on our side.{error.digest ? ` Reference: ${error.digest}.` : ""}</p>
      <button type="button" onClick={reset} className="mt-4 rounded-lg bg-red-700 px-3 py-2 text-sm font-semibold text-white hover:bg-red-800">
        Try again
      </button>
    </div>
  );
}
