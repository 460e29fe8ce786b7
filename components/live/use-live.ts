"use client";
// Live updates in React: `useLiveTopics(topics)` subscribes a page's topics while it is mounted
// and keeps the query cache current (each event invalidates the reads it changes, a "reload"
// invalidates everything); with `refresh` it also re-renders the page's server components.
// Every caller shares the tab's one connection (live-client.ts).
import { type QueryClient, useQueryClient } from "@tanstack/react-query";
import { useRouter } from "next/navigation";
import { useEffect, useRef, useSyncExternalStore } from "react";
import { keysForEvents } from "./live-cache";
import { eventMatches, LiveClient, type LiveEvent, type LiveStatus, type LiveTopic, type SocketLike } from "./live-client";

export type { LiveEvent, LiveStatus, LiveTopic } from "./live-client";

/** Events arriving this close together (a cascade, a catch-up) cause one round of refetches. */
const BATCH_MS = 100;
const REFRESH_DEBOUNCE_MS = 300;

let shared: LiveClient | null = null;

/** The tab's live connection; null while rendering on the server. */
export function liveClient(): LiveClient | null {
  if (typeof window === "undefined") return null;
  if (!shared) {
    const client = new LiveClient({
      url: () => `${window.location.protocol === "https:" ? "wss" : "ws"}://${window.location.host}/api/ws`,
      createSocket: (url) => new WebSocket(url) as unknown as SocketLike,
      setTimeout: (run, ms) => window.setTimeout(run, ms),
      clearTimeout: (timer) => window.clearTimeout(timer as number),
      now: () => Date.now(),
      random: () => Math.random(),
      isOnline: () => window.navigator.onLine,
    });
    window.addEventListener("online", () => client.setOnline(true));
    window.addEventListener("offline", () => client.setOnline(false));
    shared = client;
  }
  return shared;
}

type Attachment = { holders: number; detach: () => void };
const attached = new WeakMap<QueryClient, Attachment>();

/** One cache listener per query client, however many components ask for live updates. */
function attachCache(client: LiveClient, queryClient: QueryClient): () => void {
  let attachment = attached.get(queryClient);
  if (!attachment) {
    let pending: LiveEvent[] = [];
    let timer: number | null = null;
    const flush = () => {
      timer = null;
      const keys = keysForEvents(pending);
      pending = [];
      for (const queryKey of keys) void queryClient.invalidateQueries({ queryKey });
    };
    const offEvent = client.onEvent((event) => {
      pending.push(event);
      timer ??= window.setTimeout(flush, BATCH_MS);
    });
    const offReload = client.onReload(() => void queryClient.invalidateQueries());
    const created: Attachment = {
      holders: 0,
      detach: () => {
        offEvent();
        offReload();
        if (timer !== null) window.clearTimeout(timer);
      },
    };
    attached.set(queryClient, created);
    attachment = created;
  }
  const current = attachment;
  current.holders += 1;
  return () => {
    current.holders -= 1;
    if (current.holders === 0) {
      current.detach();
      attached.delete(queryClient);
    }
  };
}

const subscribeStatus = (onChange: () => void) => liveClient()?.onStatus(onChange) ?? (() => undefined);
const statusNow = (): LiveStatus => liveClient()?.status ?? "connecting";
const statusOnServer = (): LiveStatus => "connecting";

/** The connection's state: connecting, connected, reconnecting or offline. */
export function useLiveStatus(): LiveStatus {
  return useSyncExternalStore(subscribeStatus, statusNow, statusOnServer);
}

export type LiveOptions = {
  /** Re-render the page's server components when an event of these topics arrives (or on reload). */
  refresh?: boolean;
  /** Called with each event of these topics, after the cache was told about it. */
  onEvent?: (event: LiveEvent) => void;
};

/**
 * Subscribes `topics` while the calling component is mounted: `user:me`, `team:me` (managers and
 * admins: their direct reports), `user:<id>`, `project:<id>`, `entity:<id>`, `team:<id>`.
 */
export function useLiveTopics(topics: readonly LiveTopic[], options: LiveOptions = {}): LiveStatus {
  const queryClient = useQueryClient();
  const router = useRouter();
  const onEvent = useRef(options.onEvent);
  useEffect(() => {
    onEvent.current = options.onEvent;
  });
  const key = [...new Set(topics)].sort().join(",");
  const refresh = options.refresh === true;

  useEffect(() => {
    const client = liveClient();
    if (!client) return;
    const names = key ? key.split(",") : [];
    const release = client.subscribe(names);
    const detach = attachCache(client, queryClient);
    let refreshTimer: number | null = null;
    const refreshSoon = () => {
      if (!refresh) return;
      if (refreshTimer !== null) window.clearTimeout(refreshTimer);
      refreshTimer = window.setTimeout(() => {
        refreshTimer = null;
        router.refresh();
      }, REFRESH_DEBOUNCE_MS);
    };
    const offEvent = client.onEvent((event) => {
      if (!eventMatches(event, names, client.me?.id ?? null)) return;
      onEvent.current?.(event);
      refreshSoon();
    });
    const offReload = client.onReload(refreshSoon);
    return () => {
      offEvent();
      offReload();
      if (refreshTimer !== null) window.clearTimeout(refreshTimer);
      detach();
      release();
    };
  }, [key, refresh, queryClient, router]);

  return useLiveStatus();
}
