"use client";
// The tooltip of every chart: themed like the rest of the page (light and dark), each value
// formatted by the chart that shows it.
import type { ReactNode } from "react";

type Entry = { name?: ReactNode; value?: unknown; color?: string; dataKey?: unknown; payload?: unknown };

export type TooltipFormat = (value: unknown, entry: Entry) => ReactNode;

/** Numbers and text as they are; anything else (a range, nothing) as a dash. */
const plain = (value: unknown): string => (typeof value === "number" || typeof value === "string" ? String(value) : "—");

export function ChartTooltip({ active, label, payload, format }: { active?: boolean; label?: ReactNode; payload?: readonly Entry[]; format?: TooltipFormat }) {
  if (!active || !payload?.length) return null;
  return (
    <div className="rounded-lg border border-slate-200 bg-white px-3 py-2 text-xs text-slate-900 shadow-md dark:border-slate-700 dark:bg-slate-900 dark:text-slate-100">
      {label !== undefined && label !== "" ? <p className="mb-1 font-semibold">{label}</p> : null}
      <ul className="flex flex-col gap-0.5">
        {payload.map((entry, i) => (
          <li key={i} className="flex items-center gap-2">
            <span aria-hidden className="h-2 w-2 rounded-full" style={{ backgroundColor: entry.color }} />
            <span>{entry.name}:</span>
            <span className="font-medium tabular-nums">{format ? format(entry.value, entry) : plain(entry.value)}</span>
          </li>
        ))}
      </ul>
    </div>
  );
}
