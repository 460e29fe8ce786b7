"use client";
// The error state of the admin pages: a plain message (details stay in the server log) and a retry.
import { useTranslations } from "next-intl";
import { useEffect } from "react";

export type AdminArea = "people" | "professions" | "entities";

export function AdminError({ error, reset, area }: { error: Error & { digest?: string }; reset: () => void; area: AdminArea }) {
  const t = useTranslations("forms.loadError");
  const states = useTranslations("states");
  useEffect(() => {
    console.error(error);
  }, [error]);
  return (
    <div role="alert" className="rounded-xl border border-red-200 bg-red-50 p-6 text-red-900 dark:border-red-900 dark:bg-red-950 dark:text-red-100">
      <h1 className="text-lg font-semibold">{t(area)}</h1>
      <p className="mt-1 text-sm">
        {states("errorBody")}
        {error.digest ? ` ${states("errorReference", { digest: error.digest })}` : ""}
      </p>
      <button type="button" onClick={reset} className="mt-4 rounded-lg bg-red-700 px-3 py-2 text-sm font-semibold text-white hover:bg-red-800">
        {states("retry")}
      </button>
    </div>
  );
}
