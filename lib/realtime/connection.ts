// One WebSocket client: its principal, what it may see, its subscriptions and its place in the
// feed. A reconnecting client names the last event it saw and gets what it missed, in order,
// before anything live; a client that cannot keep up is dropped rather than buffered forever.
import { sql } from "drizzle-orm";
import type { WebSocket } from "ws";
import type { DbOrTx } from "../../db/client";
import type { Principal } from "../auth/principal";
import { cursorOf, cursorOfEventId, type FeedCursor, type FeedEvent, isAfter, readFeed } from "./feed";
import { type Audience, authorizeTopics, loadAudience, mayReceive, type Subscription } from "./policy";

export type ConnectionLimits = { maxBufferedBytes: number; maxPendingEvents: number; maxTopics: number; catchUpPage: number };

/**
 * Close codes a client can act on: 4401 sign in again, 4008 reconnect (too slow), 1001 server going
 * away, 1011 reconnect (a resume failed half way).
 */
export const CLOSE = { sessionEnded: 4401, tooSlow: 4008, goingAway: 1001, badMessage: 4400, resumeFailed: 1011 } as const;

export type ClientMessage =
  | { type: "subscribe"; topics: unknown[]; last_event_id?: number }
  | { type: "unsubscribe"; topics: unknown[] }
  | { type: "ping" };

export function parseClientMessage(text: string): ClientMessage | null {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    return null;
  }
  if (typeof value !== "object" || value === null) return null;
  const message = value as Record<string, unknown>;
  if (message.type === "ping") return { type: "ping" };
  if ((message.type === "subscribe" || message.type === "unsubscribe") && Array.isArray(message.topics)) {
    const last = message.last_event_id;
    if (last !== undefined && !(typeof last === "number" && Number.isSafeInteger(last) && last >= 0)) return null;
    return message.type === "subscribe" ? { type: "subscribe", topics: message.topics, last_event_id: last } : { type: "unsubscribe", topics: message.topics };
  }
  return null;
}

export class Connection {
  readonly subscriptions = new Map<string, Subscription>();
  /** The last feed position this client has been given (or skipped past). */
  cursor: FeedCursor;
  alive = true;
  private audience: Audience;
  private catchingUp = false;
  private pending: FeedEvent[] = [];
  private closed = false;

  constructor(
    readonly ws: WebSocket,
    public principal: Principal,
    audience: Audience,
    start: FeedCursor,
    private readonly limits: ConnectionLimits,
    /** The principal as of now, or null once the session or token that opened the socket ended. */
    readonly reauth: () => Promise<Principal | null>,
  ) {
    this.audience = audience;
    this.cursor = start;
  }

  get isOpen(): boolean {
    return !this.closed && this.ws.readyState === this.ws.OPEN;
  }

  send(message: Record<string, unknown>): void {
    if (!this.isOpen) return;
    if (this.ws.bufferedAmount > this.limits.maxBufferedBytes) {
      this.close(CLOSE.tooSlow, "too slow: reconnect with last_event_id");
      return;
    }
    this.ws.send(JSON.stringify(message));
  }

  close(code: number, reason: string): void {
    if (this.closed) return;
    this.closed = true;
    try {
      this.ws.close(code, reason);
    } catch {
      this.ws.terminate();
    }
    // A peer that never answers the close handshake must not hold the socket.
    setTimeout(() => this.ws.terminate(), 2_000).unref();
  }

  /** A live event from the hub, in feed order. */
  deliver(event: FeedEvent): void {
    if (!isAfter(cursorOf(event), this.cursor)) return;
    if (this.catchingUp) {
      this.pending.push(event);
      if (this.pending.length > this.limits.maxPendingEvents) this.close(CLOSE.tooSlow, "too slow: reconnect with last_event_id");
      return;
    }
    this.cursor = cursorOf(event);
    if (this.wants(event)) this.send(toWire(event));
  }

  private wants(event: FeedEvent): boolean {
    if (!mayReceive(this.audience, event)) return false;
    for (const subscription of this.subscriptions.values()) if (subscription.matches(event)) return true;
    return false;
  }

  async subscribe(db: DbOrTx, topics: unknown[], lastEventId: number | undefined, head: () => FeedCursor): Promise<void> {
    if (this.subscriptions.size + topics.length > this.limits.maxTopics) {
      this.send({ type: "error", code: "too_many_topics", message: `At most ${this.limits.maxTopics} topics per connection.` });
      return;
    }
    // A resuming client's live events wait from here on: once its topics are granted, the hub
    // could otherwise send it an event the catch-up is about to send again, out of order.
    const resuming = lastEventId !== undefined;
    if (resuming) this.catchingUp = true;
    let caughtUp = false;
    try {
      const { granted, refused } = await authorizeTopics(db, this.principal, topics);
      for (const subscription of granted) this.subscriptions.set(subscription.topic.name, subscription);
      this.send({ type: "subscribed", topics: granted.map((s) => s.topic.name), refused });
      if (resuming) await this.catchUp(db, lastEventId, head);
      caughtUp = true;
    } finally {
      if (resuming && caughtUp) this.resumeLive();
      else if (resuming) this.abandonResume();
    }
  }

  unsubscribe(topics: unknown[]): void {
    const removed = topics.filter((t): t is string => typeof t === "string" && this.subscriptions.delete(t));
    this.send({ type: "unsubscribed", topics: removed });
  }

  /**
   * Sends what happened after `lastEventId` up to the hub's position, then what arrived live
   * meanwhile. An event no longer kept (past retention) or never seen asks the client to reload.
   */
  private async catchUp(db: DbOrTx, lastEventId: number, head: () => FeedCursor): Promise<void> {
    const from = lastEventId === 0 ? null : await cursorOfEventId(db, lastEventId);
    if (!from) {
      this.send({ type: "reload", reason: "The events since your last one are no longer kept; reload the page's data." });
      return;
    }
    const until = head();
    const where = sql.join(
      [...this.subscriptions.values()].map((s) => sql`(${s.where})`),
      sql` or `,
    );
    let after = from;
    let sent = 0;
    for (;;) {
      if (this.subscriptions.size === 0 || !isAfter(until, after)) break;
      const page = await readFeed(db, after, { limit: this.limits.catchUpPage, until, where });
      for (const event of page.events) {
        if (mayReceive(this.audience, event)) {
          this.send(toWire(event));
          sent += 1;
        }
      }
      if (page.events.length < this.limits.catchUpPage) break;
      after = cursorOf(page.events[page.events.length - 1] as FeedEvent);
    }
    // Live delivery resumes after the later of the client's position and what was caught up.
    this.cursor = isAfter(until, from) ? until : from;
    this.send({ type: "caught_up", count: sent });
  }

  /**
   * A catch-up that failed half way leaves a gap: live events past it would move the client's
   * last_event_id beyond events it never got. The socket closes instead, and the client resumes anew.
   */
  private abandonResume(): void {
    this.catchingUp = false;
    this.pending = [];
    this.close(CLOSE.resumeFailed, "could not resume: reconnect with last_event_id");
  }

  /** Sends what arrived live during a catch-up, skipping what the catch-up already covered. */
  private resumeLive(): void {
    this.catchingUp = false;
    const pending = this.pending;
    this.pending = [];
    for (const event of pending) this.deliver(event);
  }

  /** Re-reads what the principal may see; subscriptions they lost are dropped and reported. */
  async refresh(db: DbOrTx, principal: Principal): Promise<void> {
    this.principal = principal;
    this.audience = await loadAudience(db, principal);
    const names = [...this.subscriptions.keys()];
    const { granted, refused } = await authorizeTopics(db, principal, names);
    this.subscriptions.clear();
    for (const subscription of granted) this.subscriptions.set(subscription.topic.name, subscription);
    if (refused.length) this.send({ type: "unsubscribed", topics: refused.map((r) => r.topic), reason: "no longer visible to you" });
  }
}

/** The shape a client receives: the event id is what it sends back as last_event_id. */
export function toWire(event: FeedEvent): Record<string, unknown> {
  return {
    type: "event",
    id: event.id,
    event: event.type,
    entity_id: event.entityId,
    user_id: event.userId,
    project_id: event.projectId,
    actor_id: event.actorId,
    payload: event.payload,
    created_at: event.createdAt,
  };
}
