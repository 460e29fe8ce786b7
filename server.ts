// The Groundwork server: Next.js on a Node HTTP server. It owns start-up (migrations, first-run
// demo data) and shutdown, and is where the WebSocket endpoint /api/ws attaches.
import { createServer, type IncomingMessage, type ServerResponse } from "node:http";
import { Server as NetServer, type Socket } from "node:net";
import type { Duplex } from "node:stream";
import next from "next";
import { configureProcessDatabase, serverPoolOptions } from "./db/client";
import { startAuditSealer } from "./lib/audit/sealer";
import { authSecret } from "./lib/auth/secret";
import { ApiRouter, serveRoute } from "./lib/api/direct-routes";
import { logger } from "./lib/observability/logger";
import { setOpenWebSocketsSource } from "./lib/observability/metrics";
import { acceptRequestId, runWithRequestContext } from "./lib/observability/request-context";
import { observeRequest } from "./lib/observability/request-log";
import { routeLabelOfPath } from "./lib/observability/route-pattern";
import { markDraining } from "./lib/platform/health";
import { apiSecurityHeaders, isHttps, isPlainApiPath } from "./lib/platform/security-headers";
import { closeDatabase, prepareDatabase } from "./lib/platform/startup";
import { RealtimeHub, WS_PATH } from "./lib/realtime/hub";

const dev = process.env.NODE_ENV !== "production";
const port = Number(process.env.PORT ?? 3000);
const hostname = process.env.HOST ?? "0.0.0.0";
/** The whole shutdown, from SIGTERM to exit: orchestrators send SIGKILL not long after. */
const SHUTDOWN_GRACE_MS = 10_000;
/** In-flight requests get this long to finish; the rest of the grace closes sockets and the database. */
const DRAIN_MS = 7_000;

async function main() {
  // Configuration errors (a missing secret with DATABASE_URL) stop the start with a clear message.
  authSecret();
  // Without a configured public URL, sign-in redirects follow the Host the browser used.
  if (!process.env.NEXTAUTH_URL) process.env.AUTH_TRUST_HOST ??= "1";
  // A request never waits forever on a database that went away (see docs/operations.md).
  configureProcessDatabase(serverPoolOptions());
  const database = await prepareDatabase();

  const app = next({ dev, hostname, port });
  await app.prepare();
  const handle = app.getRequestHandler();
  // The JSON API's route handlers are called from here, without Next's router in between
  // (lib/api/direct-routes.ts); pages, next-auth and /api/docs go through Next.
  const api = new ApiRouter(await directRoutes());
  const upgradeNext = app.getUpgradeHandler();

  const trustProxy = process.env.TRUST_PROXY === "1";
  let stopping = false;
  const inFlight = new Set<ServerResponse>();
  let drained: (() => void) | null = null;

  const server = createServer((req, res) => {
    const started = performance.now();
    // Without a trusted proxy in front, the client address is the socket's: a client-sent
    // X-Forwarded-For would let anyone pick the address that sign-in limits count against.
    if (!trustProxy) {
      req.headers["x-forwarded-for"] = req.socket.remoteAddress ?? "";
      delete req.headers["x-real-ip"];
    }
    // One id for the request end to end: the route wrapper reads the same header.
    const requestId = acceptRequestId(req.headers["x-request-id"]);
    req.headers["x-request-id"] = requestId;
    res.setHeader("x-request-id", requestId);
    // JSON API answers carry their security headers from here; pages get theirs from proxy.ts.
    const pathname = (req.url ?? "/").split("?")[0] ?? "/";
    const plainApi = isPlainApiPath(pathname);
    const route = plainApi ? api.match(pathname) : null;
    if (plainApi) {
      const forwarded = req.headers["x-forwarded-proto"];
      const https = isHttps(Array.isArray(forwarded) ? forwarded[0] : forwarded, "encrypted" in req.socket ? "https" : "http");
      for (const [name, value] of Object.entries(apiSecurityHeaders(https))) res.setHeader(name, value);
    }
    // While shutting down, each answer closes its connection: the client reconnects elsewhere.
    if (stopping) res.setHeader("connection", "close");
    inFlight.add(res);
    const context = { requestId, logged: false };
    res.once("close", () => {
      inFlight.delete(res);
      // API routes log themselves with the caller (lib/api/handler.ts); this covers the rest.
      if (!context.logged) {
        observeRequest({
          requestId,
          method: req.method ?? "GET",
          route: route?.route.pattern ?? routeLabelOfPath(pathname),
          status: res.statusCode,
          durationMs: performance.now() - started,
          aborted: !res.writableFinished,
        }, context);
      }
      if (stopping && inFlight.size === 0) drained?.();
    });
    void runWithRequestContext(context, () =>
      (route ? serveRoute(req, res, route) : handle(req, res)).catch((err: unknown) => {
        logger.error({ err, request_id: requestId }, "unhandled error while serving a request");
        if (!res.headersSent) {
          res.statusCode = 500;
          res.setHeader("content-type", "application/problem+json");
          res.end(JSON.stringify({ type: "about:blank", title: "Internal Server Error", status: 500 }));
        } else {
          res.destroy();
        }
      }),
    );
  });
  // Every socket, upgraded ones included, so none outlives the shutdown.
  const sockets = new Set<Socket>();
  server.on("connection", (socket: Socket) => {
    sockets.add(socket);
    socket.once("close", () => sockets.delete(socket));
  });

  const hub = new RealtimeHub(database);
  await hub.start();
  // Audit rows join the hash chain within a second of their commit (lib/audit/sealer.ts).
  const sealer = startAuditSealer(database.db, {
    intervalMs: auditSealInterval(),
    log: (err, unavailable) => (unavailable ? logger.warn({ err }, "audit sealing waits for the database") : logger.error({ err }, "audit sealing failed")),
  });
  setOpenWebSocketsSource(() => hub.connectionCount);
  // /api/ws is the live feed; other upgrades (Next's HMR in development) stay with Next.
  const isLiveFeed = (req: IncomingMessage) => (req.url ?? "").split("?")[0] === WS_PATH;
  let nextListens = false;
  const onUpgrade = (req: IncomingMessage, socket: Duplex, head: Buffer) => {
    if (!isLiveFeed(req)) {
      // Once Next listens on the server itself, it answers its own upgrades.
      if (!nextListens) upgradeNext(req, socket, head).catch(() => socket.destroy());
      return;
    }
    hub.handleUpgrade(req, socket, head).catch((err: unknown) => {
      logger.error({ err }, "WebSocket upgrade failed");
      socket.destroy();
    });
  };
  // Next adds an upgrade listener of its own to the server on the first request, which would close
  // /api/ws sockets while they are being authenticated: any listener but ours is re-added wrapped,
  // so it only sees the other paths.
  type UpgradeListener = (req: IncomingMessage, socket: Duplex, head: Buffer) => void;
  const wrapped = new WeakSet<UpgradeListener>();
  server.on("newListener", (event: string | symbol, listener: UpgradeListener) => {
    if (event !== "upgrade" || listener === onUpgrade || wrapped.has(listener)) return;
    queueMicrotask(() => {
      server.removeListener("upgrade", listener);
      const forOthers: UpgradeListener = (req, socket, head) => {
        if (!isLiveFeed(req)) listener(req, socket, head);
      };
      wrapped.add(forOthers);
      nextListens = true;
      server.on("upgrade", forOthers);
    });
  });
  server.on("upgrade", onUpgrade);

  await new Promise<void>((resolve) => server.listen(port, hostname, resolve));
  logger.info({ port, mode: dev ? "development" : "production", database: database.kind }, `Groundwork ready on http://localhost:${port}`);

  const shutdown = async (signal: string) => {
    if (stopping) return;
    stopping = true;
    const began = performance.now();
    const elapsed = () => Math.round(performance.now() - began);
    const force = setTimeout(() => {
      logger.error({ signal, in_flight: inFlight.size, elapsed_ms: elapsed() }, "shutdown: grace period over, exiting");
      process.exit(1);
    }, SHUTDOWN_GRACE_MS);
    force.unref();

    // 1. Readiness answers 503 and no new connection is accepted. The net-level close leaves
    //    idle keep-alive connections open (http's close() would drop them at once, racing a
    //    client that is just sending on one): each request still arriving on one is answered,
    //    with Connection: close.
    markDraining();
    NetServer.prototype.close.call(server);
    for (const res of inFlight) if (!res.headersSent) res.setHeader("connection", "close");
    logger.info({ signal, in_flight: inFlight.size, websockets: hub.connectionCount }, "shutdown: stopped accepting connections");

    // 2. Live sockets close with a reason, so clients reconnect to another replica at once; the
    //    LISTEN connection is released.
    if (!(await settlesWithin(hub.stop("server shutting down"), 2_000))) logger.warn("shutdown: the live feed did not stop within 2 s");
    logger.info({ elapsed_ms: elapsed() }, "shutdown: WebSockets closed");

    // 3. Requests already received finish.
    const allAnswered = await new Promise<boolean>((resolve) => {
      if (inFlight.size === 0) {
        resolve(true);
        return;
      }
      drained = () => resolve(true);
      setTimeout(() => resolve(inFlight.size === 0), DRAIN_MS - elapsed()).unref();
    });
    if (!allAnswered) logger.error({ in_flight: inFlight.size }, "shutdown: requests still running after the drain period; abandoning them");
    logger.info({ elapsed_ms: elapsed() }, "shutdown: in-flight requests finished");

    // 4. Connections left (idle keep-alive ones, sockets whose close handshake is pending) end.
    server.closeIdleConnections();
    for (const socket of sockets) socket.destroy();

    // 5. The audit rows of the last requests join the chain, then the database is released: the
    //    requests above needed it. A database that went away
    //    may never acknowledge; the grace timer still ends the process.
    if (!(await settlesWithin(sealer.stop(), 1_000))) logger.warn("shutdown: the audit rows left were not sealed within 1 s; the next start seals them");
    const released = await settlesWithin(closeDatabase(), SHUTDOWN_GRACE_MS - 1_000 - elapsed());
    logger.info({ elapsed_ms: elapsed(), released }, "shutdown: database released");
    const nextClosed = await settlesWithin(app.close(), 1_000);
    const clean = allAnswered && released && nextClosed;
    logger.info({ elapsed_ms: elapsed(), exit_code: clean ? 0 : 1 }, "shutdown: complete");
    process.exit(clean ? 0 : 1);
  };
  process.on("SIGTERM", () => void shutdown("SIGTERM"));
  process.on("SIGINT", () => void shutdown("SIGINT"));
}

/** Every app/api route file: the documented ones, the OpenAPI document and the catch-all 404. */
async function directRoutes() {
  const [{ ROUTE_MODULES }, openapi, noSuchRoute] = await Promise.all([
    import("./lib/api/route-registry.generated"),
    import("./app/api/openapi.json/route"),
    import("./app/api/[...path]/route"),
  ]);
  return [...ROUTE_MODULES, { path: "/api/openapi.json", module: openapi }, { path: "/api/[...path]", module: noSuchRoute }];
}

/** GROUNDWORK_AUDIT_SEAL_MS: milliseconds between sealing rounds, 1000 unless a whole number ≥ 10 is given. */
function auditSealInterval(): number {
  const raw = process.env.GROUNDWORK_AUDIT_SEAL_MS;
  if (raw === undefined || raw === "") return 1_000;
  const ms = Number(raw);
  if (Number.isSafeInteger(ms) && ms >= 10) return ms;
  logger.warn({ value: raw }, "GROUNDWORK_AUDIT_SEAL_MS must be a whole number of milliseconds (10 or more); sealing every 1000 ms");
  return 1_000;
}

/** Whether `work` settled without an error within `ms`. */
async function settlesWithin(work: Promise<unknown>, ms: number): Promise<boolean> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<boolean>((resolve) => {
    timer = setTimeout(() => resolve(false), Math.max(0, ms));
  });
  const settled = work.then(
    () => true,
    (err: unknown) => {
      logger.error({ err }, "shutdown: a step failed");
      return false;
    },
  );
  return Promise.race([settled, timeout]).finally(() => clearTimeout(timer));
}

main().catch((err: unknown) => {
  logger.fatal({ err }, "server failed to start");
  process.exit(1);
});
