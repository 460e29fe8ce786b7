// The topic side of the live client: which topics the page's components hold (counted, so two
// components can share one), which the socket is subscribed to, and which events match them.
import type { LiveEvent } from "./live-client-socket";

/** `user:me` and `team:me` stand for the signed-in person, known once the server has said who that is. */
export type LiveTopic = "user:me" | "team:me" | `${"user" | "project" | "entity" | "team"}:${number}`;

/** Topics released during a page change are kept this long, in case the next page wants them too. */
export const LINGER_MS = 3_000;

export type Me = { id: number; role: string };

/** Whether an event belongs to one of the topics (entity and team membership is the server's to know). */
export function eventMatches(event: Pick<LiveEvent, "user_id" | "project_id">, topics: readonly string[], me: number | null): boolean {
  return topics.some((topic) => {
    const [kind, id] = topic.split(":");
    const target = id === "me" ? me : Number(id);
    if (kind === "user") return target !== null && event.user_id === target;
    if (kind === "project") return event.project_id === target;
    return true;
  });
}

export class TopicSubscriptions {
  private readonly wanted = new Map<string, number>();
  private subscribed = new Set<string>();

  /** Whether any component holds a topic. */
  get isEmpty(): boolean {
    return this.wanted.size === 0;
  }

  want(topics: readonly string[]): void {
    for (const topic of topics) this.wanted.set(topic, (this.wanted.get(topic) ?? 0) + 1);
  }

  release(topics: readonly string[]): void {
    for (const topic of topics) {
      const left = (this.wanted.get(topic) ?? 1) - 1;
      if (left > 0) this.wanted.set(topic, left);
      else this.wanted.delete(topic);
    }
  }

  /** A new socket starts with no subscriptions. */
  clearSubscribed(): void {
    this.subscribed = new Set();
  }

  /** What the socket must subscribe and unsubscribe to match the wanted topics; both are counted as done. */
  changes(me: Me): { added: string[]; removed: string[] } {
    const wanted = resolvedTopics(this.wanted.keys(), me);
    const added = [...wanted].filter((t) => !this.subscribed.has(t));
    for (const topic of added) this.subscribed.add(topic);
    const removed = [...this.subscribed].filter((t) => !wanted.has(t));
    for (const topic of removed) this.subscribed.delete(topic);
    return { added, removed };
  }
}

/** The topics with `me` aliases resolved. */
function resolvedTopics(topics: Iterable<string>, me: Me): Set<string> {
  const names = new Set<string>();
  for (const topic of topics) {
    if (topic === "user:me") names.add(`user:${me.id}`);
    else if (topic === "team:me") {
      if (me.role !== "employee") names.add(`team:${me.id}`);
    } else names.add(topic);
  }
  return names;
}
