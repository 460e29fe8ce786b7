"use client";
// Live updates for a page drawn by server components: subscribes the topics and, with `refresh`,
// re-renders the page when one of their events arrives. Renders nothing.
import { type LiveTopic, useLiveTopics } from "./use-live";

export function LiveTopics({ topics, refresh = false }: { topics: LiveTopic[]; refresh?: boolean }) {
  useLiveTopics(topics, { refresh });
  return null;
}
