"use client";
// The header's sign of live updates: connected, (re)connecting or offline. It also keeps the tab's
// connection open with the person's own topic, so every page's cached reads follow their changes,
// and re-renders the page when the server says the events since the last one are gone.
import { useRouter } from "next/navigation";
import { useTranslations } from "next-intl";
import { useEffect } from "react";
import { liveClient, type LiveStatus, useLiveTopics } from "./use-live";

const DOT: Record<LiveStatus, string> = {
  connected: "bg-emerald-500",
  connecting: "bg-amber-500 motion-safe:animate-pulse",
  reconnecting: "bg-amber-500 motion-safe:animate-pulse",
  offline: "bg-slate-400 dark:bg-slate-500",
};

export function LiveIndicator() {
  const t = useTranslations("live");
  const router = useRouter();
  const status = useLiveTopics(["user:me"]);
  useEffect(() => liveClient()?.onReload(() => router.refresh()), [router]);
  return (
    <span
      role="status"
      data-testid="live-indicator"
      data-state={status}
      title={t(`long.${status}`)}
      className="inline-flex items-center gap-1.5 rounded-full border border-slate-200 px-2 py-0.5 text-xs text-slate-700 dark:border-slate-700 dark:text-slate-300"
    >
      <span aria-hidden className={`h-2 w-2 rounded-full ${DOT[status]}`} />
      <span aria-hidden className="hidden sm:inline">
        {t(`short.${status}`)}
      </span>
      <span className="sr-only">{t(`long.${status}`)}</span>
    </span>
  );
}
