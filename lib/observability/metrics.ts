// Prometheus metrics of this process (prom-client): requests by route and status, their latency,
// problem answers by error code, open WebSockets, the database pool and onboarding progress.
// One registry per process on globalThis: server.ts and Next's bundles may load separate copies
// of this module (and of prom-client), and must still count into the same metrics.
import { sql } from "drizzle-orm";
import { collectDefaultMetrics, Counter, Gauge, Histogram, Registry } from "prom-client";
import { getDatabase, poolStats, queryRows } from "../../db/client";
import { logger } from "./logger";

/** Scrapes never wait longer than this on the database: a scrape during an outage must still answer. */
const DATABASE_PROBE_MS = 2_000;

type Metrics = {
  registry: Registry;
  requests: Counter<"method" | "route" | "status">;
  duration: Histogram<"method" | "route" | "status">;
  problems: Counter<"route" | "code">;
  openSockets: Gauge;
  pool: Gauge<"state">;
  projects: Gauge<"status">;
  databaseUp: Gauge;
  socketSource: () => number;
};

const KEY = Symbol.for("groundwork.metrics");
type WithMetrics = typeof globalThis & { [KEY]?: Metrics };

function create(): Metrics {
  const registry = new Registry();
  collectDefaultMetrics({ register: registry });
  const registers = [registry];
  return {
    registry,
    requests: new Counter({
      name: "groundwork_http_requests_total",
      help: "HTTP requests answered, by method, route pattern and status.",
      labelNames: ["method", "route", "status"] as const,
      registers,
    }),
    duration: new Histogram({
      name: "groundwork_http_request_duration_seconds",
      help: "Time from receiving a request to its answer, by method, route pattern and status.",
      labelNames: ["method", "route", "status"] as const,
      buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10],
      registers,
    }),
    problems: new Counter({
      name: "groundwork_http_problems_total",
      help: "problem+json answers by route pattern and error code (service_unavailable: the database was away).",
      labelNames: ["route", "code"] as const,
      registers,
    }),
    openSockets: new Gauge({ name: "groundwork_websocket_connections", help: "Open /api/ws connections on this process.", registers }),
    pool: new Gauge({
      name: "groundwork_db_pool_connections",
      help: "PostgreSQL pool of this process: total, idle and maximum connections, and callers waiting for one (absent on PGlite).",
      labelNames: ["state"] as const,
      registers,
    }),
    projects: new Gauge({
      name: "groundwork_onboarding_projects",
      help: "Onboarding projects by status code (all organisations).",
      labelNames: ["status"] as const,
      registers,
    }),
    databaseUp: new Gauge({ name: "groundwork_database_up", help: "1 when the database answered this scrape's query within 2 s, else 0.", registers }),
    socketSource: () => 0,
  };
}

function metrics(): Metrics {
  const global = globalThis as WithMetrics;
  return (global[KEY] ??= create());
}

/** The gauges read at scrape time, set before the registry renders. */
async function refreshGauges(m: Metrics): Promise<void> {
  m.openSockets.set(m.socketSource());
  m.pool.reset();
  const stats = await poolStats();
  if (stats) for (const state of ["total", "idle", "waiting", "max"] as const) m.pool.set({ state }, stats[state]);
  m.projects.reset();
  try {
    for (const row of await withTimeout(projectsByStatus(), DATABASE_PROBE_MS)) m.projects.set({ status: row.status }, row.count);
    m.databaseUp.set(1);
  } catch (err) {
    logger.warn({ err }, "metrics: the database did not answer the scrape");
    m.databaseUp.set(0);
  }
}

/** One grouped pass over projects.status_id (indexed), then the few status codes. */
async function projectsByStatus(): Promise<{ status: string; count: number }[]> {
  const { db } = await getDatabase();
  return queryRows<{ status: string; count: number }>(
    db,
    sql`select coalesce(s.code, 'none') as status, c.n::int as count
        from (select status_id, count(*) as n from projects group by status_id) c
        left join statuses s on s.id = c.status_id`,
  );
}

function withTimeout<T>(work: Promise<T>, ms: number): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`no answer within ${ms} ms`)), ms);
  });
  return Promise.race([work, timeout]).finally(() => clearTimeout(timer));
}

export type ObservedRequest = { method: string; route: string; status: number; durationMs: number; problemCode?: string };

export function recordRequest(request: ObservedRequest): void {
  const m = metrics();
  const labels = { method: request.method, route: request.route, status: String(request.status) };
  m.requests.inc(labels);
  m.duration.observe(labels, request.durationMs / 1000);
  if (request.problemCode) m.problems.inc({ route: request.route, code: request.problemCode });
}

/** Where the WebSocket gauge reads its count (the hub lives in server.ts). */
export function setOpenWebSocketsSource(source: () => number): void {
  metrics().socketSource = source;
}

/** The exposition text and its content type. */
export async function renderMetrics(): Promise<{ contentType: string; body: string }> {
  const m = metrics();
  await refreshGauges(m);
  return { contentType: m.registry.contentType, body: await m.registry.metrics() };
}
