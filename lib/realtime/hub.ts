// The WebSocket endpoint /api/ws of one replica. Upgrades are authenticated like REST calls
// (session cookie or bearer token); one pump per process reads the events outbox in feed order
// when NOTIFY (or the fallback poll) says there is something new, and hands each event to every
// connection, which filters it by subscription and by what its principal may see. With no socket
// open (or opening) the pump reads nothing: it jumps to the head of the feed when the next one
// arrives, so a replica nobody listens to costs no query per write.
import type { IncomingMessage } from "node:http";
import type { Duplex } from "node:stream";
import { WebSocketServer, type WebSocket } from "ws";
import type { Database } from "../../db/client";
import { ApiError } from "../api/errors";
import { requestFromNode } from "../api/request";
import { roleAllows, scopeAllows } from "../auth/permissions";
import { type Principal, resolvePrincipal } from "../auth/principal";
import { logger } from "../observability/logger";
import { CLOSE, Connection, parseClientMessage } from "./connection";
import { type FeedCursor, cursorOf, feedHead, purgeEvents, readFeed } from "./feed";
import { type Audience, loadAudience } from "./policy";
import { rawText, reauthenticator, refuse, sameOrigin } from "./upgrade";
import { listenForEvents, type Wakeup } from "./wakeup";

export const WS_PATH = "/api/ws";

export type HubOptions = {
  heartbeatMs: number;
  pollMs: number;
  refreshMs: number;
  retentionHours: number;
  batchSize: number;
  maxBufferedBytes: number;
  maxPendingEvents: number;
  maxTopics: number;
  maxMessageBytes: number;
  log: (line: string) => void;
};

const DEFAULTS: HubOptions = {
  heartbeatMs: 30_000,
  pollMs: 1_000,
  refreshMs: 60_000,
  retentionHours: Number(process.env.GROUNDWORK_EVENT_RETENTION_HOURS ?? 72),
  batchSize: 500,
  maxBufferedBytes: 1 << 20,
  maxPendingEvents: 5_000,
  maxTopics: 50,
  maxMessageBytes: 16 * 1024,
  log: (line) => logger.warn({ component: "realtime" }, line),
};

export class RealtimeHub {
  private readonly options: HubOptions;
  private readonly wss: WebSocketServer;
  private readonly connections = new Set<Connection>();
  private cursor: FeedCursor = { txId: 0, id: 0 };
  private wakeup: Wakeup | null = null;
  private timers: NodeJS.Timeout[] = [];
  private pumping: Promise<void> | null = null;
  private again = false;
  private stopped = false;
  /** Upgrades past their first check and not yet a connection: they will listen. */
  private opening = 0;
  /** Nobody listened when events last arrived: the cursor may be behind the feed. */
  private idle = false;
  private resyncing: Promise<void> | null = null;

  constructor(
    private readonly database: Database,
    options: Partial<HubOptions> = {},
  ) {
    this.options = { ...DEFAULTS, ...options };
    this.wss = new WebSocketServer({ noServer: true, maxPayload: this.options.maxMessageBytes });
  }

  get connectionCount(): number {
    return this.connections.size;
  }

  async start(): Promise<void> {
    this.cursor = await feedHead(this.database.db);
    this.wakeup = await listenForEvents(this.database, () => this.wake(), this.options.log);
    const every = (ms: number, job: () => void) => {
      const timer = setInterval(job, ms);
      timer.unref();
      this.timers.push(timer);
    };
    every(this.options.pollMs, () => this.wake());
    every(this.options.heartbeatMs, () => this.heartbeat());
    every(this.options.refreshMs, () => void this.refreshAll());
    every(60 * 60_000, () => void this.purge());
    void this.purge();
  }

  /** Authenticates and upgrades, or answers 401/403 on the raw socket. */
  async handleUpgrade(req: IncomingMessage, socket: Duplex, head: Buffer): Promise<void> {
    if (this.stopped) {
      refuse(socket, 503, "Service Unavailable");
      return;
    }
    // Counted as a listener until it is a connection or its socket closes (refused, failed).
    this.opening += 1;
    let opening = true;
    const opened = () => {
      if (opening) this.opening -= 1;
      opening = false;
    };
    socket.once("close", opened);
    const request = requestFromNode(req);
    let principal: Principal | null;
    try {
      principal = await resolvePrincipal(this.database.db, request);
    } catch (err) {
      // A token over its request limit is told to wait, not that it is invalid.
      if (err instanceof ApiError && err.status === 429) {
        refuse(socket, 429, "Too Many Requests", { "Retry-After": err.headers?.["retry-after"] ?? "60" });
        return;
      }
      principal = null;
    }
    if (!principal) {
      refuse(socket, 401, "Unauthorized");
      return;
    }
    // A browser session may only open the socket from this site's own pages.
    const crossSite = principal.via === "session" && !sameOrigin(request);
    if (crossSite || !roleAllows(principal.role, "tasks:read") || (principal.scopes && !scopeAllows(principal.scopes, "read"))) {
      refuse(socket, 403, "Forbidden");
      return;
    }
    const audience = await loadAudience(this.database.db, principal);
    const reauth = await reauthenticator(this.database, request, principal);
    // The connection starts at the hub's cursor: it must be the feed's head, not where the pump stopped.
    if (this.idle) await this.resync();
    const who = principal;
    this.wss.handleUpgrade(req, socket, head, (ws) => {
      this.accept(ws, who, audience, reauth, new URL(req.url ?? "/", "http://local"));
      opened();
    });
  }

  private accept(ws: WebSocket, principal: Principal, audience: Audience, reauth: () => Promise<Principal | null>, url: URL): void {
    const { maxBufferedBytes, maxPendingEvents, maxTopics, batchSize } = this.options;
    const limits = { maxBufferedBytes, maxPendingEvents, maxTopics, catchUpPage: batchSize };
    const connection = new Connection(ws, principal, audience, this.cursor, limits, reauth);
    this.connections.add(connection);
    ws.on("pong", () => (connection.alive = true));
    ws.on("close", () => this.connections.delete(connection));
    ws.on("error", () => this.connections.delete(connection));
    // Messages are handled one at a time, so a subscribe finishes before the next is read.
    let queue = Promise.resolve();
    ws.on("message", (data, isBinary) => {
      queue = queue.then(() => this.onMessage(connection, isBinary ? null : rawText(data))).catch((err: unknown) => {
        this.options.log(`[realtime] message failed: ${(err as Error).message}`);
        connection.send({ type: "error", code: "internal", message: "The request could not be handled; try again." });
      });
    });
    connection.send({ type: "welcome", user_id: principal.userId, role: principal.role, last_event_id: this.cursor.id });

    const topics = url.searchParams.get("topics");
    const last = url.searchParams.get("last_event_id");
    if (topics) {
      const lastEventId = last !== null && /^[0-9]{1,15}$/.test(last) ? Number(last) : undefined;
      queue = queue
        .then(() => connection.subscribe(this.database.db, topics.split(","), lastEventId, () => this.cursor))
        .catch((err: unknown) => this.options.log(`[realtime] subscribing from the URL failed: ${(err as Error).message}`));
    }
  }

  private async onMessage(connection: Connection, text: string | null): Promise<void> {
    const message = text === null ? null : parseClientMessage(text);
    if (!message) {
      connection.send({ type: "error", code: "bad_message", message: 'Send JSON: {"type":"subscribe","topics":["user:1"],"last_event_id":0}.' });
      return;
    }
    if (message.type === "ping") connection.send({ type: "pong" });
    else if (message.type === "unsubscribe") connection.unsubscribe(message.topics);
    else await connection.subscribe(this.database.db, message.topics, message.last_event_id, () => this.cursor);
  }

  /** Runs the pump now, or once more after the run in progress. */
  wake(): void {
    if (this.stopped) return;
    if (this.pumping) {
      this.again = true;
      return;
    }
    this.pumping = this.pump()
      .catch((err: unknown) => this.options.log(`[realtime] reading events failed: ${(err as Error).message}`))
      .finally(() => {
        this.pumping = null;
        if (this.again) {
          this.again = false;
          this.wake();
        }
      });
  }

  private async pump(): Promise<void> {
    for (;;) {
      if (this.connections.size === 0 && this.opening === 0) {
        this.idle = true;
        return;
      }
      if (this.idle) await this.resync();
      const page = await readFeed(this.database.db, this.cursor, { limit: this.options.batchSize });
      for (const event of page.events) {
        this.cursor = cursorOf(event);
        for (const connection of this.connections) connection.deliver(event);
      }
      if (page.events.length === this.options.batchSize) continue;
      // Newer events wait on an older transaction still running: look again very soon.
      if (page.heldBack) setTimeout(() => this.wake(), 20).unref();
      return;
    }
  }

  /** Moves the cursor to the feed's head after a time nobody listened (one move at a time). */
  private resync(): Promise<void> {
    this.resyncing ??= feedHead(this.database.db)
      .then((head) => {
        this.cursor = head;
        this.idle = false;
      })
      .finally(() => {
        this.resyncing = null;
      });
    return this.resyncing;
  }

  private heartbeat(): void {
    for (const connection of this.connections) {
      if (!connection.alive) {
        connection.ws.terminate();
        this.connections.delete(connection);
        continue;
      }
      connection.alive = false;
      connection.ws.ping();
    }
  }

  /** Deactivated users and revoked sessions or tokens lose their sockets; scopes are re-read. */
  private async refreshAll(): Promise<void> {
    for (const connection of this.connections) {
      try {
        const principal = await connection.reauth();
        if (!principal) connection.close(CLOSE.sessionEnded, "session ended: sign in again");
        else await connection.refresh(this.database.db, principal);
      } catch (err) {
        this.options.log(`[realtime] refreshing a connection failed: ${(err as Error).message}`);
      }
    }
  }

  private async purge(): Promise<void> {
    try {
      await purgeEvents(this.database.db, new Date(Date.now() - this.options.retentionHours * 3_600_000));
    } catch (err) {
      this.options.log(`[realtime] purging old events failed: ${(err as Error).message}`);
    }
  }

  /** Closes every socket with a reason and releases the LISTEN connection. */
  async stop(reason = "server shutting down"): Promise<void> {
    this.stopped = true;
    logger.info({ component: "realtime", connections: this.connections.size, reason }, "closing WebSocket connections");
    for (const timer of this.timers) clearInterval(timer);
    for (const connection of this.connections) connection.close(CLOSE.goingAway, reason);
    await this.pumping;
    await this.wakeup?.close();
    this.wss.close();
  }
}
