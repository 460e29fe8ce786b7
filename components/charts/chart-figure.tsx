// A chart with its title and caption: the figure names the chart for screen readers, and the
// caption says what is drawn and how it is computed.
import type { ReactNode } from "react";

export function ChartFigure({ id, title, caption, children, testId }: { id: string; title: string; caption?: ReactNode; children: ReactNode; testId?: string }) {
  return (
    <figure
      aria-labelledby={`${id}-title`}
      data-testid={testId}
      className="flex min-w-0 flex-col gap-3 rounded-2xl border border-slate-200 bg-white p-4 shadow-sm dark:border-slate-800 dark:bg-slate-900"
    >
      <h2 id={`${id}-title`} className="font-semibold">
        {title}
      </h2>
      <div className="min-w-0 text-slate-600 dark:text-slate-400">{children}</div>
      {caption ? <figcaption className="text-xs text-slate-600 dark:text-slate-400">{caption}</figcaption> : null}
    </figure>
  );
}
