// One WebSocket per browser tab to /api/ws (same origin, the session cookie authenticates it).
// Topics are reference-counted across the page's components; after a dropped connection the
// client comes back with exponential backoff and resumes from the last event it saw, so nothing
// that happened meanwhile is lost (or it is told to reload when the server no longer has it).
import { backoffDelay, type LiveClientOptions, type LiveEvent, type LiveStatus, OPEN, PING_EVERY_MS, SESSION_ENDED, SILENT_LIMIT_MS, type SocketLike } from "./live-client-socket";
import { LINGER_MS, type Me, TopicSubscriptions } from "./live-client-topics";

export * from "./live-client-socket";
export * from "./live-client-topics";

type Listener<T> = (value: T) => void;

function listen<T>(set: Set<Listener<T>>, listener: Listener<T>): () => void {
  set.add(listener);
  return () => {
    set.delete(listener);
  };
}

export class LiveClient {
  /** "connecting" until the first socket has opened (or could not). */
  status: LiveStatus = "connecting";
  me: Me | null = null;
  /** The id of the last event received: what a reconnect resumes from. */
  lastEventId: number | null = null;

  private socket: SocketLike | null = null;
  private readonly topics = new TopicSubscriptions();
  private holders = 0;
  private attempt = 0;
  private retryTimer: unknown = null;
  private pingTimer: unknown = null;
  private lingerTimer: unknown = null;
  private lastHeard = 0;
  private stopped = false;
  private readonly eventListeners = new Set<Listener<LiveEvent>>();
  private readonly reloadListeners = new Set<Listener<string>>();
  private readonly statusListeners = new Set<Listener<LiveStatus>>();

  constructor(private readonly options: LiveClientOptions) {}

  /** Keeps the connection open while held; returns the release. */
  hold(): () => void {
    this.holders += 1;
    this.ensureConnected();
    let released = false;
    return () => {
      if (released) return;
      released = true;
      this.holders -= 1;
      this.scheduleSync();
    };
  }

  /** Subscribes the topics while held (and keeps the connection open); returns the release. */
  subscribe(topics: readonly string[]): () => void {
    this.topics.want(topics);
    const release = this.hold();
    this.sync();
    let released = false;
    return () => {
      if (released) return;
      released = true;
      this.topics.release(topics);
      release();
    };
  }

  onEvent(listener: Listener<LiveEvent>): () => void {
    return listen(this.eventListeners, listener);
  }

  /** The server no longer has the events since the last one seen: everything shown may be stale. */
  onReload(listener: Listener<string>): () => void {
    return listen(this.reloadListeners, listener);
  }

  onStatus(listener: Listener<LiveStatus>): () => void {
    return listen(this.statusListeners, listener);
  }

  /** The browser went offline or came back. */
  setOnline(online: boolean): void {
    if (online) {
      if (this.status === "offline" && !this.stopped) {
        this.attempt = 0;
        this.clearRetry();
        this.ensureConnected();
      }
      return;
    }
    this.clearRetry();
    this.dropSocket();
    this.setStatus("offline");
  }

  private get needed(): boolean {
    return this.holders > 0 || !this.topics.isEmpty;
  }

  private setStatus(status: LiveStatus): void {
    if (this.status === status) return;
    this.status = status;
    for (const listener of this.statusListeners) listener(status);
  }

  private ensureConnected(): void {
    if (this.stopped || this.socket || this.retryTimer !== null || !this.needed) return;
    if (!this.options.isOnline()) {
      this.setStatus("offline");
      return;
    }
    this.setStatus(this.attempt === 0 && this.lastEventId === null && this.me === null ? "connecting" : "reconnecting");
    const socket = this.options.createSocket(this.options.url());
    this.socket = socket;
    this.topics.clearSubscribed();
    socket.onopen = () => {
      this.lastHeard = this.options.now();
      this.schedulePing();
    };
    socket.onmessage = (message) => {
      if (this.socket !== socket) return;
      this.lastHeard = this.options.now();
      if (typeof message.data === "string") this.handle(message.data);
    };
    socket.onclose = (close) => {
      if (this.socket !== socket) return;
      this.socket = null;
      this.clearPing();
      if (close.code === SESSION_ENDED) {
        this.stopped = true;
        this.setStatus("offline");
        return;
      }
      this.scheduleReconnect();
    };
    socket.onerror = () => {
      // A failed socket also closes; the close handler decides what comes next.
    };
  }

  private scheduleReconnect(): void {
    if (!this.needed || this.stopped) {
      this.setStatus("offline");
      return;
    }
    if (!this.options.isOnline()) {
      this.setStatus("offline");
      return;
    }
    this.setStatus("reconnecting");
    const delay = backoffDelay(this.attempt, this.options.random);
    this.attempt += 1;
    this.retryTimer = this.options.setTimeout(() => {
      this.retryTimer = null;
      this.ensureConnected();
    }, delay);
  }

  private clearRetry(): void {
    if (this.retryTimer !== null) this.options.clearTimeout(this.retryTimer);
    this.retryTimer = null;
  }

  private schedulePing(): void {
    this.clearPing();
    this.pingTimer = this.options.setTimeout(() => {
      this.pingTimer = null;
      const socket = this.socket;
      if (!socket) return;
      if (this.options.now() - this.lastHeard > SILENT_LIMIT_MS) {
        // Half-open (a laptop that slept, a dropped network): close and come back.
        this.socket = null;
        socket.close(4000, "silent");
        this.scheduleReconnect();
        return;
      }
      this.send({ type: "ping" });
      this.schedulePing();
    }, PING_EVERY_MS);
  }

  private clearPing(): void {
    if (this.pingTimer !== null) this.options.clearTimeout(this.pingTimer);
    this.pingTimer = null;
  }

  private dropSocket(): void {
    const socket = this.socket;
    this.socket = null;
    this.clearPing();
    if (socket) socket.close(1000, "done");
  }

  private send(message: Record<string, unknown>): void {
    if (this.socket?.readyState === OPEN) this.socket.send(JSON.stringify(message));
  }

  private handle(text: string): void {
    let message: Record<string, unknown>;
    try {
      message = JSON.parse(text) as Record<string, unknown>;
    } catch {
      return;
    }
    switch (message.type) {
      case "welcome": {
        this.me = { id: Number(message.user_id), role: String(message.role) };
        this.attempt = 0;
        const resumeFrom = this.lastEventId;
        // Nothing seen yet: live from here on, and a later reconnect resumes from where the server was.
        if (resumeFrom === null && typeof message.last_event_id === "number" && message.last_event_id > 0) this.lastEventId = message.last_event_id;
        this.setStatus("connected");
        this.sync(resumeFrom);
        return;
      }
      case "event": {
        const event = message as unknown as LiveEvent & { type: string };
        if (typeof event.id !== "number") return;
        this.lastEventId = event.id;
        for (const listener of this.eventListeners) listener(event);
        return;
      }
      case "reload": {
        const reason = typeof message.reason === "string" ? message.reason : "";
        for (const listener of this.reloadListeners) listener(reason);
        return;
      }
      default:
        return;
    }
  }

  /**
   * Brings the socket's subscriptions in line with what the page wants. After a reconnect the
   * first subscribe carries last_event_id, so the server sends what was missed before anything live.
   */
  private sync(resumeFrom: number | null = null): void {
    this.clearLinger();
    this.ensureConnected();
    if (!this.me || this.socket?.readyState !== OPEN) return;
    const { added, removed } = this.topics.changes(this.me);
    if (added.length) this.send({ type: "subscribe", topics: added, ...(resumeFrom !== null && resumeFrom > 0 ? { last_event_id: resumeFrom } : {}) });
    if (removed.length) this.send({ type: "unsubscribe", topics: removed });
  }

  /** Releases take effect a moment later, so a page change does not unsubscribe and resubscribe. */
  private scheduleSync(): void {
    this.clearLinger();
    this.lingerTimer = this.options.setTimeout(() => {
      this.lingerTimer = null;
      if (!this.needed) {
        this.clearRetry();
        this.dropSocket();
        this.setStatus("offline");
        return;
      }
      this.sync();
    }, LINGER_MS);
  }

  private clearLinger(): void {
    if (this.lingerTimer !== null) this.options.clearTimeout(this.lingerTimer);
    this.lingerTimer = null;
  }
}
