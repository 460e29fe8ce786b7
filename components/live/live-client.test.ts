// The tab's live connection against a scripted socket and a manual clock: subscriptions follow
// what the page holds, a dropped connection comes back with growing waits and resumes from the
// last event seen, a reload is passed on, and a session that ended is not retried.
import { describe, expect, it } from "vitest";
import { backoffDelay, BACKOFF, eventMatches, LINGER_MS, LiveClient, type LiveEvent, type SocketLike } from "./live-client";

class FakeSocket implements SocketLike {
  readyState = 0;
  sent: Record<string, unknown>[] = [];
  closedWith: number | null = null;
  onopen: (() => void) | null = null;
  onmessage: ((message: { data: unknown }) => void) | null = null;
  onclose: ((close: { code: number }) => void) | null = null;
  onerror: (() => void) | null = null;
  constructor(readonly url: string) {}
  send(data: string) {
    this.sent.push(JSON.parse(data) as Record<string, unknown>);
  }
  close(code = 1000) {
    this.closedWith = code;
    this.readyState = 3;
  }
  open() {
    this.readyState = 1;
    this.onopen?.();
  }
  receive(message: Record<string, unknown>) {
    this.onmessage?.({ data: JSON.stringify(message) });
  }
  drop(code = 1006) {
    this.readyState = 3;
    this.onclose?.({ code });
  }
}

function harness(options: { online?: boolean } = {}) {
  const sockets: FakeSocket[] = [];
  const timers: { at: number; run: () => void; id: number }[] = [];
  let now = 0;
  let nextId = 1;
  const online = { value: options.online ?? true };
  const client = new LiveClient({
    url: () => "ws://app.test/api/ws",
    createSocket: (url) => {
      const socket = new FakeSocket(url);
      sockets.push(socket);
      return socket;
    },
    setTimeout: (run, ms) => {
      const id = nextId++;
      timers.push({ at: now + ms, run, id });
      return id;
    },
    clearTimeout: (id) => {
      const index = timers.findIndex((t) => t.id === id);
      if (index >= 0) timers.splice(index, 1);
    },
    now: () => now,
    random: () => 1,
    isOnline: () => online.value,
  });
  const advance = (ms: number) => {
    const until = now + ms;
    for (;;) {
      timers.sort((a, b) => a.at - b.at);
      const next = timers[0];
      if (!next || next.at > until) break;
      timers.shift();
      now = next.at;
      next.run();
    }
    now = until;
  };
  const last = () => {
    const socket = sockets.at(-1);
    if (!socket) throw new Error("no socket was opened");
    return socket;
  };
  const welcome = (socket: FakeSocket, lastEventId = 40) => {
    socket.open();
    socket.receive({ type: "welcome", user_id: 7, role: "employee", last_event_id: lastEventId });
  };
  return { client, sockets, last, welcome, advance, online };
}

const event = (id: number, extra: Partial<LiveEvent> = {}): Record<string, unknown> => ({
  type: "event",
  id,
  event: "task.status_changed",
  entity_id: 1,
  user_id: 7,
  project_id: 3,
  actor_id: 7,
  payload: {},
  created_at: "2026-01-01T00:00:00Z",
  ...extra,
});

describe("LiveClient", () => {
  it("opens one socket for the tab and subscribes every topic, with `me` resolved from the welcome", () => {
    const { client, sockets, last, welcome } = harness();
    client.subscribe(["user:me", "project:3"]);
    client.subscribe(["project:3", "team:me"]);
    expect(sockets).toHaveLength(1);
    expect(client.status).toBe("connecting");
    welcome(last());
    expect(client.status).toBe("connected");
    // An employee has no team: team:me is not asked for.
    expect(last().sent).toEqual([{ type: "subscribe", topics: ["user:7", "project:3"] }]);
  });

  it("subscribes a topic added later on its own, and unsubscribes a released one only after a moment", () => {
    const { client, last, welcome, advance } = harness();
    const releasePage = client.subscribe(["user:me"]);
    welcome(last());
    const releaseProject = client.subscribe(["project:9"]);
    expect(last().sent.at(-1)).toEqual({ type: "subscribe", topics: ["project:9"] });
    releaseProject();
    expect(last().sent.at(-1)).toEqual({ type: "subscribe", topics: ["project:9"] });
    advance(LINGER_MS);
    expect(last().sent.at(-1)).toEqual({ type: "unsubscribe", topics: ["project:9"] });
    // A topic still held by another component stays.
    releasePage();
    advance(LINGER_MS);
    expect(last().closedWith).toBe(1000);
  });

  it("keeps a topic released and taken again within the moment, without a round trip", () => {
    const { client, last, welcome, advance } = harness();
    client.hold();
    const first = client.subscribe(["project:9"]);
    welcome(last());
    const before = last().sent.length;
    first();
    client.subscribe(["project:9"]);
    advance(LINGER_MS);
    expect(last().sent.length).toBe(before);
  });

  it("hands each event to the listeners and remembers its id", () => {
    const { client, last, welcome } = harness();
    const seen: number[] = [];
    client.onEvent((e) => seen.push(e.id));
    client.subscribe(["user:me"]);
    welcome(last());
    last().receive(event(41));
    last().receive(event(39));
    expect(seen).toEqual([41, 39]);
    // Delivery is in commit order, not id order: the last one received is where to resume.
    expect(client.lastEventId).toBe(39);
  });

  it("reconnects after a drop with growing waits and resumes from the last event it saw", () => {
    const { client, sockets, last, welcome, advance } = harness();
    client.subscribe(["user:me", "project:3"]);
    welcome(last());
    last().receive(event(45));
    last().drop();
    expect(client.status).toBe("reconnecting");
    advance(BACKOFF.baseMs - 1);
    expect(sockets).toHaveLength(1);
    advance(1);
    expect(sockets).toHaveLength(2);
    // The second try fails too: the wait doubles.
    last().drop();
    advance(2 * BACKOFF.baseMs - 1);
    expect(sockets).toHaveLength(2);
    advance(1);
    expect(sockets).toHaveLength(3);
    welcome(last(), 60);
    expect(client.status).toBe("connected");
    expect(last().sent).toEqual([{ type: "subscribe", topics: ["user:7", "project:3"], last_event_id: 45 }]);
    expect(client.lastEventId).toBe(45);
  });

  it("resumes from the server's position at the first welcome when no event arrived before the drop", () => {
    const { client, last, welcome, advance } = harness();
    client.subscribe(["user:me"]);
    welcome(last(), 40);
    last().drop();
    advance(BACKOFF.baseMs);
    welcome(last(), 52);
    expect(last().sent).toEqual([{ type: "subscribe", topics: ["user:7"], last_event_id: 40 }]);
  });

  it("sends no last_event_id on the very first subscribe, and none of 0", () => {
    const { client, last, welcome, advance } = harness();
    client.subscribe(["user:me"]);
    welcome(last(), 0);
    expect(last().sent).toEqual([{ type: "subscribe", topics: ["user:7"] }]);
    last().drop();
    advance(BACKOFF.baseMs);
    welcome(last(), 0);
    expect(last().sent).toEqual([{ type: "subscribe", topics: ["user:7"] }]);
  });

  it("passes a reload on to its listeners", () => {
    const { client, last, welcome } = harness();
    const reasons: string[] = [];
    client.onReload((reason) => reasons.push(reason));
    client.subscribe(["user:me"]);
    welcome(last());
    last().receive({ type: "reload", reason: "gone" });
    expect(reasons).toEqual(["gone"]);
  });

  it("stops after the server ended the session, instead of being refused again and again", () => {
    const { client, sockets, last, welcome, advance } = harness();
    client.subscribe(["user:me"]);
    welcome(last());
    last().drop(4401);
    expect(client.status).toBe("offline");
    advance(10 * BACKOFF.maxMs);
    expect(sockets).toHaveLength(1);
  });

  it("waits while the browser is offline and connects at once when it is back", () => {
    const { client, sockets, last, welcome, online } = harness();
    client.subscribe(["user:me"]);
    welcome(last());
    online.value = false;
    client.setOnline(false);
    expect(client.status).toBe("offline");
    expect(last().closedWith).toBe(1000);
    online.value = true;
    client.setOnline(true);
    expect(sockets).toHaveLength(2);
    expect(client.status).toBe("reconnecting");
  });

  it("closes a connection that went silent and opens a new one", () => {
    const { client, sockets, last, welcome, advance } = harness();
    client.subscribe(["user:me"]);
    welcome(last());
    const first = last();
    advance(25_000);
    expect(first.sent.at(-1)).toEqual({ type: "ping" });
    advance(50_000);
    expect(first.closedWith).toBe(4000);
    advance(BACKOFF.baseMs);
    expect(sockets).toHaveLength(2);
  });

  it("reports status changes to its listeners", () => {
    const { client, last, welcome } = harness();
    const states: string[] = [];
    client.onStatus((s) => states.push(s));
    client.subscribe(["user:me"]);
    welcome(last());
    last().drop();
    expect(states).toEqual(["connected", "reconnecting"]);
  });
});

describe("backoffDelay", () => {
  it("doubles from the base to the ceiling, never past it", () => {
    expect([0, 1, 2, 3, 4, 5, 6, 20].map((n) => backoffDelay(n, () => 1))).toEqual([1_000, 2_000, 4_000, 8_000, 16_000, 30_000, 30_000, 30_000]);
  });

  it("spreads reconnects over the upper half of the wait", () => {
    expect(backoffDelay(3, () => 0)).toBe(4_000);
    expect(backoffDelay(3, () => 0.5)).toBe(6_000);
  });
});

describe("eventMatches", () => {
  const e = { user_id: 7, project_id: 3 };
  it("matches a user topic by the event's user and a project topic by its project", () => {
    expect(eventMatches(e, ["user:me"], 7)).toBe(true);
    expect(eventMatches(e, ["user:8"], 7)).toBe(false);
    expect(eventMatches(e, ["project:3"], 7)).toBe(true);
    expect(eventMatches(e, ["project:4"], 7)).toBe(false);
    expect(eventMatches(e, ["user:me"], null)).toBe(false);
  });
});
