// The Groundwork server: Next.js on a Node HTTP server. It owns start-up (migrations, first-run
// demo data) and shutdown, and is where the WebSocket endpoint /api/ws attaches.
import { createServer, type IncomingMessage } from "node:http";
import type { Duplex } from "node:stream";
import next from "next";
import { authSecret } from "./lib/auth/secret";
import { closeDatabase, prepareDatabase } from "./lib/platform/startup";
import { RealtimeHub, WS_PATH } from "./lib/realtime/hub";

const dev = process.env.NODE_ENV !== "production";
const port = Number(process.env.PORT ?? 3000);
const hostname = process.env.HOST ?? "0.0.0.0";
const SHUTDOWN_GRACE_MS = 10_000;

async function main() {
  // Configuration errors (a missing secret with DATABASE_URL) stop the start with a clear message.
  authSecret();
  // Without a configured public URL, sign-in redirects follow the Host the browser used.
  if (!process.env.NEXTAUTH_URL) process.env.AUTH_TRUST_HOST ??= "1";
  const database = await prepareDatabase();

  const app = next({ dev, hostname, port });
  await app.prepare();
  const handle = app.getRequestHandler();
  const upgradeNext = app.getUpgradeHandler();

  const trustProxy = process.env.TRUST_PROXY === "1";
  const server = createServer((req, res) => {
    // Without a trusted proxy in front, the client address is the socket's: a client-sent
    // X-Forwarded-For would let anyone pick the address that sign-in limits count against.
    if (!trustProxy) {
      req.headers["x-forwarded-for"] = req.socket.remoteAddress ?? "";
      delete req.headers["x-real-ip"];
    }
    handle(req, res).catch((err: unknown) => {
      console.error("[http] unhandled error", err);
      if (!res.headersSent) {
        res.statusCode = 500;
        res.setHeader("content-type", "application/problem+json");
        res.end(JSON.stringify({ type: "about:blank", title: "Internal Server Error", status: 500 }));
      } else {
        res.destroy();
      }
    });
  });

  const hub = new RealtimeHub(database);
  await hub.start();
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
      console.error("[ws] upgrade failed", err);
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
  console.log(`> Groundwork ready on http://localhost:${port} (${dev ? "development" : "production"})`);

  let stopping = false;
  const shutdown = (signal: string) => {
    if (stopping) return;
    stopping = true;
    console.log(`[server] ${signal}: finishing in-flight requests…`);
    const force = setTimeout(() => {
      console.error("[server] shutdown grace period over: exiting");
      process.exit(1);
    }, SHUTDOWN_GRACE_MS);
    force.unref();
    // Sockets close with a reason first, so clients reconnect elsewhere instead of waiting.
    const hubStopped = hub.stop("server shutting down");
    server.close(() => {
      hubStopped
        .then(() => closeDatabase())
        .then(() => app.close())
        .then(() => process.exit(0))
        .catch((err: unknown) => {
          console.error("[server] error while closing", err);
          process.exit(1);
        });
    });
    server.closeIdleConnections();
  };
  process.on("SIGTERM", () => shutdown("SIGTERM"));
  process.on("SIGINT", () => shutdown("SIGINT"));
}

main().catch((err: unknown) => {
  console.error("[server] failed to start:", err);
  process.exit(1);
});
