"use client";
// One status column: a drop target announcing how many tasks it holds.
import { useDroppable } from "@dnd-kit/core";
import { useTranslations } from "next-intl";
import type { ReactNode } from "react";
import { isKnownStatus } from "@/components/ui/status-codes";

export function BoardColumn({ code, count, children }: { code: string; count: number; children: ReactNode }) {
  const t = useTranslations("status");
  const b = useTranslations("board");
  const { setNodeRef, isOver } = useDroppable({ id: code });
  const label = isKnownStatus(code) ? t(code) : code;
  return (
    <section
      ref={setNodeRef}
      aria-label={b("column", { status: label, count })}
      data-testid={`column-${code}`}
      className={`relative flex w-[17rem] shrink-0 flex-col gap-2 self-start rounded-2xl border p-2 transition-colors sm:w-72 ${
        isOver ? "border-emerald-500 bg-emerald-50 dark:bg-emerald-950/40" : "border-slate-200 bg-slate-100/70 dark:border-slate-800 dark:bg-slate-900/50"
      }`}
    >
      <h2 className="flex items-center justify-between px-1 pt-1 text-sm font-semibold">
        {label}
        <span className="rounded-full bg-white px-2 text-xs tabular-nums text-slate-700 dark:bg-slate-800 dark:text-slate-300">{count}</span>
      </h2>
      <div className="flex max-h-[70vh] min-h-32 flex-col gap-2 overflow-y-auto p-0.5">{children}</div>
    </section>
  );
}
