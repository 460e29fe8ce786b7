import type { ReactNode } from "react";

/** What a page or section shows when there is nothing yet: what it is, and what to do next. */
export function EmptyState({ title, body, action }: { title: string; body?: string; action?: ReactNode }) {
  return (
    <div className="flex flex-col items-center gap-2 rounded-2xl border border-dashed border-slate-300 px-6 py-10 text-center dark:border-slate-700">
      <p className="font-semibold">{title}</p>
      {body ? <p className="max-w-md text-sm text-slate-600 dark:text-slate-400">{body}</p> : null}
      {action ? <div className="mt-2">{action}</div> : null}
    </div>
  );
}
