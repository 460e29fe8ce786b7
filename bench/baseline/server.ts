// The benchmark's reference server: node:http and pg, nothing else. It answers the benchmarked
// endpoints with the SQL the app runs for them (same statements, same transactions, same pool size
// and connection settings) and roughly the same JSON, so the app/baseline ratio is the cost of
// everything around the SQL (and it seals the audit rows its writes leave, as the app does). Started by
// bench/run.ts: DATABASE_URL, PORT, DATABASE_POOL_SIZE.
import { createServer, type IncomingMessage, type ServerResponse } from "node:http";
import pg from "pg";
import { authenticate, HttpError, type Principal } from "./common";
import { evaluate } from "./evaluation";
import { startOnboarding } from "./onboarding";
import { updateProgress } from "./progress";
import { myTasks, taskDetail } from "./reads";
import { entityScores, teamScores } from "./scores";

// Dates stay 'YYYY-MM-DD' strings, as Drizzle's date columns read them; timestamps are Dates.
pg.types.setTypeParser(pg.types.builtins.DATE, (value: string) => value);
const url = process.env.DATABASE_URL;
if (!url) throw new Error("DATABASE_URL is required");
const statementTimeoutMs = Number(process.env.DATABASE_STATEMENT_TIMEOUT_MS ?? 30_000);
// The app's pool (db/client.ts openPostgres with serverPoolOptions): same size, timeouts and JIT setting.
const pool = new pg.Pool({
  connectionString: url,
  max: Number(process.env.DATABASE_POOL_SIZE ?? 10),
  application_name: "gw-bench-baseline",
  connectionTimeoutMillis: 5_000,
  idleTimeoutMillis: 30_000,
  keepAlive: true,
  keepAliveInitialDelayMillis: 10_000,
  options: "-c jit=off",
  ...(statementTimeoutMs > 0 ? { statement_timeout: statementTimeoutMs, query_timeout: statementTimeoutMs + 5_000 } : {}),
});
pool.on("error", () => undefined);

type Handler = (pool: pg.Pool, principal: Principal, input: { match: RegExpExecArray; query: URLSearchParams; body: unknown }) => Promise<[number, unknown]>;
const routes: { method: string; pattern: RegExp; handler: Handler }[] = [
  { method: "GET", pattern: /^\/api\/tasks$/, handler: (p, who, { query }) => myTasks(p, who, query) },
  { method: "GET", pattern: /^\/api\/tasks\/(\d+)$/, handler: (p, who, { match }) => taskDetail(p, who, Number(match[1])) },
  { method: "POST", pattern: /^\/api\/progress\/update$/, handler: (p, who, { body }) => updateProgress(p, who, body) },
  { method: "POST", pattern: /^\/api\/onboarding\/start$/, handler: (p, who, { body }) => startOnboarding(p, who, body) },
  { method: "GET", pattern: /^\/api\/scores\/team$/, handler: (p, who, { query }) => teamScores(p, who, query) },
  { method: "GET", pattern: /^\/api\/scores\/entities\/(\d+)$/, handler: (p, who, { match }) => entityScores(p, who, Number(match[1])) },
  { method: "POST", pattern: /^\/api\/evaluation\/process$/, handler: (p, who, { body }) => evaluate(p, who, body) },
];

async function readBody(req: IncomingMessage): Promise<unknown> {
  const chunks: Buffer[] = [];
  for await (const chunk of req) chunks.push(chunk as Buffer);
  if (chunks.length === 0) return undefined;
  try {
    return JSON.parse(Buffer.concat(chunks).toString("utf8")) as unknown;
  } catch {
    throw new HttpError(400, "The body is not valid JSON.");
  }
}

function send(res: ServerResponse, status: number, body: unknown): void {
  const text = JSON.stringify(body);
  res.writeHead(status, { "content-type": status >= 400 ? "application/problem+json" : "application/json", "content-length": Buffer.byteLength(text) });
  res.end(text);
}

async function handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
  const url = new URL(req.url ?? "/", "http://localhost");
  if (url.pathname === "/api/health/ready" || url.pathname === "/api/health") {
    send(res, 200, { status: "ok" });
    return;
  }
  for (const route of routes) {
    const match = req.method === route.method ? route.pattern.exec(url.pathname) : null;
    if (!match) continue;
    const principal = await authenticate(pool, req.headers.authorization, (req.socket.remoteAddress ?? "").replace(/^::ffff:/, ""));
    const body = req.method === "POST" ? await readBody(req) : undefined;
    const [status, answer] = await route.handler(pool, principal, { match, query: url.searchParams, body });
    send(res, status, answer);
    return;
  }
  throw new HttpError(404, "No such route.");
}

const server = createServer((req, res) => {
  handle(req, res).catch((err: unknown) => {
    const status = err instanceof HttpError ? err.status : 500;
    if (status >= 500) console.error(err);
    if (!res.headersSent) send(res, status, { status, detail: err instanceof Error ? err.message : String(err) });
  });
});
server.keepAliveTimeout = 65_000;
server.listen(Number(process.env.PORT ?? 3100), process.env.HOST ?? "127.0.0.1");

// The app seals the audit rows its writes leave into the hash chain after commit, each second
// (lib/audit/sealer.ts); this server runs the same statements on the same schedule, so both sides
// carry that work. One sealer at a time holds the chain (an advisory lock): the other skips a round.
const SEAL_BATCH = 1_000;
let sealing: Promise<void> | null = null;
async function sealAudit(): Promise<void> {
  for (;;) {
    const client = await pool.connect();
    let sealed = 0;
    try {
      await client.query("begin isolation level read committed");
      const { rows } = await client.query<{ sealed: number }>("select groundwork_audit_seal_pending($1) as sealed", [SEAL_BATCH]);
      await client.query("commit");
      sealed = rows[0]?.sealed ?? 0;
    } catch (err) {
      await client.query("rollback").catch(() => undefined);
      throw err;
    } finally {
      client.release();
    }
    if (sealed < SEAL_BATCH) return;
  }
}
const sealer = setInterval(() => {
  sealing ??= sealAudit()
    .catch((err: unknown) => console.error("sealing audit rows failed", err))
    .finally(() => {
      sealing = null;
    });
}, 1_000);

const stop = () => {
  clearInterval(sealer);
  server.close();
  void pool.end();
};
process.once("SIGTERM", stop);
process.once("SIGINT", stop);
