// A labelled progress bar: done of total, as a percentage that screen readers announce.
export function percentOf(done: number, total: number): number {
  return total > 0 ? Math.round((done / total) * 100) : 0;
}

export function ProgressBar({
  done,
  total,
  label,
  tone = "brand",
  size = "md",
}: {
  done: number;
  total: number;
  label: string;
  tone?: "brand" | "danger" | "muted";
  size?: "sm" | "md";
}) {
  const percent = percentOf(done, total);
  const fill = tone === "danger" ? "bg-red-600 dark:bg-red-500" : tone === "muted" ? "bg-slate-400" : "bg-emerald-600 dark:bg-emerald-500";
  return (
    <div
      role="progressbar"
      aria-label={label}
      aria-valuemin={0}
      aria-valuemax={100}
      aria-valuenow={percent}
      aria-valuetext={`${percent}% (${done}/${total})`}
      className={`w-full overflow-hidden rounded-full bg-slate-200 dark:bg-slate-800 ${size === "sm" ? "h-1.5" : "h-2.5"}`}
    >
      <div className={`h-full rounded-full transition-[width] duration-500 ${fill}`} style={{ width: `${percent}%` }} />
    </div>
  );
}
