"use client";
// A status shown by its translated name, coloured by what it means for the person.
import { useTranslations } from "next-intl";
import { isKnownStatus } from "./status-codes";

const TONES: Record<string, string> = {
  done: "bg-emerald-100 text-emerald-900 dark:bg-emerald-950 dark:text-emerald-200",
  completed: "bg-emerald-100 text-emerald-900 dark:bg-emerald-950 dark:text-emerald-200",
  approved: "bg-emerald-100 text-emerald-900 dark:bg-emerald-950 dark:text-emerald-200",
  in_progress: "bg-sky-100 text-sky-900 dark:bg-sky-950 dark:text-sky-200",
  in_review: "bg-violet-100 text-violet-900 dark:bg-violet-950 dark:text-violet-200",
  pending_validation: "bg-amber-100 text-amber-900 dark:bg-amber-950 dark:text-amber-200",
  pending_approval: "bg-amber-100 text-amber-900 dark:bg-amber-950 dark:text-amber-200",
  blocked: "bg-red-100 text-red-900 dark:bg-red-950 dark:text-red-200",
  rejected: "bg-red-100 text-red-900 dark:bg-red-950 dark:text-red-200",
  cancelled: "bg-slate-200 text-slate-700 dark:bg-slate-800 dark:text-slate-300",
};

export function StatusBadge({ code }: { code: string | null }) {
  const t = useTranslations("status");
  const key = code ?? "todo";
  return (
    <span className={`inline-flex shrink-0 items-center rounded-full px-2 py-0.5 text-xs font-medium ${TONES[key] ?? "bg-slate-100 text-slate-700 dark:bg-slate-800 dark:text-slate-300"}`}>
      {isKnownStatus(key) ? t(key) : key}
    </span>
  );
}
