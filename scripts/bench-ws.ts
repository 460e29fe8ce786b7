// npm run bench:ws [-- --clients 1000 --events 200 --rate 20]
// Commit → client latency of the live feed: starts the production server on PostgreSQL, connects
// N WebSocket clients (an admin following the whole organisation), commits events one by one from
// this process and times each arrival on each client against its commit. A benchmark, not a test.
import { randomBytes } from "node:crypto";
import { parseArgs } from "node:util";
import { sql } from "drizzle-orm";
import pg from "pg";
import WebSocket from "ws";
import { openPostgres, queryRows } from "../db/client";
import { migrateDatabase } from "../db/migrate";
import { ensureReferenceData } from "../db/reference-data";
import { seedDemo } from "../db/seed/demo";
import { hasOrganisationData } from "../db/seed/state";
import { createApiToken } from "../lib/auth/tokens";
import { generateKeyEntry } from "../lib/crypto/keyring";
import { emitEvent } from "../lib/realtime/outbox";
import { childEnv, ensureProductionBuild, freePort, startServer } from "../test/http-server";
import { databaseUrlFor } from "../test/pg-urls";

const { values } = parseArgs({
  options: {
    clients: { type: "string", default: "1000" },
    events: { type: "string", default: "200" },
    rate: { type: "string", default: "20" },
    database: { type: "string", default: "gw_bench_ws" },
  },
});
const clients = Number(values.clients);
const eventCount = Number(values.events);
const perSecond = Number(values.rate);
const base = process.env.DATABASE_URL ?? "postgres://postgres@127.0.0.1:5432/postgres";
const url = databaseUrlFor(base, values.database);

async function ensureDatabase(): Promise<void> {
  const admin = new pg.Client({ connectionString: databaseUrlFor(base, "postgres") });
  await admin.connect();
  const exists = await admin.query("select 1 from pg_database where datname = $1", [values.database]);
  if (exists.rowCount === 0) await admin.query(`create database "${values.database}"`);
  await admin.end();
}

const percentile = (sorted: number[], p: number) => sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] ?? NaN;

async function main() {
  await ensureProductionBuild();
  await ensureDatabase();
  process.env.GROUNDWORK_ENCRYPTION_KEYS ??= generateKeyEntry("bench-ws");
  const database = await openPostgres(url, { max: 4 });
  await migrateDatabase(database);
  await ensureReferenceData(database.db);
  if (!(await hasOrganisationData(database.db))) await seedDemo(database.db, () => undefined);
  const [admin] = await queryRows<{ id: number; entity_id: number; path: string }>(
    database.db,
    sql`select u.id, u.entity_id, e.path from users u join entities e on e.id = u.entity_id where u.role = 'admin' and u.is_active order by length(e.path), u.id limit 1`,
  );
  if (!admin) throw new Error("no admin in the benchmark database");
  const principal = { userId: admin.id, role: "admin" as const, entityId: admin.entity_id, entityPath: admin.path, name: "bench", email: "bench", via: "session" as const, scopes: null, tokenId: null };
  // Each token is limited to 600 uses a minute (and each upgrade is one): one token per 250 clients.
  const tokens: string[] = [];
  for (let i = 0; i < Math.ceil(clients / 250); i++) {
    tokens.push((await createApiToken(database.db, principal, { name: `bench-ws-${Date.now()}-${i}`, scopes: ["read"] })).token);
  }

  const env = childEnv("/nonexistent", { NODE_ENV: "production", DATABASE_URL: url, NEXTAUTH_SECRET: randomBytes(48).toString("base64url") });
  const server = await startServer({ env, port: await freePort(), readyTimeoutMs: 120_000 });
  const wsUrl = `${server.baseUrl.replace("http", "ws")}/api/ws?topics=entity:${admin.entity_id}`;

  const committedAt = new Map<number, number>();
  const latencies: number[] = [];
  // An event can reach a client before this process sees its COMMIT acknowledged.
  const early = new Map<number, number[]>();
  let connected = 0;
  const sockets: WebSocket[] = [];
  const opening = Date.now();
  // Opened in waves, as a fleet of browsers would reconnect after a deploy.
  for (let wave = 0; wave < clients; wave += 100) {
    await Promise.all(
      Array.from({ length: Math.min(100, clients - wave) }, (_, i) =>
        new Promise<void>((resolve, reject) => {
          const token = tokens[Math.floor((wave + i) / 250)] ?? "";
          const ws = new WebSocket(wsUrl, { headers: { authorization: `Bearer ${token}` } });
          ws.on("message", (data) => {
            const message = JSON.parse((data as Buffer).toString("utf8")) as { type: string; payload?: { seq?: number } };
            if (message.type === "subscribed") {
              connected += 1;
              resolve();
            } else if (message.type === "event" && typeof message.payload?.seq === "number") {
              const now = performance.now();
              const at = committedAt.get(message.payload.seq);
              if (at !== undefined) latencies.push(now - at);
              else early.set(message.payload.seq, [...(early.get(message.payload.seq) ?? []), now]);
            }
          });
          ws.once("error", reject);
          sockets.push(ws);
        }),
      ),
    );
  }
  console.log(`${connected} clients connected and subscribed in ${Date.now() - opening} ms`);

  for (let seq = 0; seq < eventCount; seq++) {
    await database.db.transaction((tx) =>
      emitEvent(tx, { type: "bench.tick", entityId: admin.entity_id, userId: null, actorId: admin.id, payload: { seq } }),
    );
    const at = performance.now();
    committedAt.set(seq, at);
    for (const arrived of early.get(seq) ?? []) latencies.push(Math.max(0, arrived - at));
    early.delete(seq);
    await new Promise((resolve) => setTimeout(resolve, 1000 / perSecond));
  }
  // Let the last deliveries arrive.
  const expected = eventCount * clients;
  const deadline = Date.now() + 30_000;
  while (latencies.length < expected && Date.now() < deadline) await new Promise((resolve) => setTimeout(resolve, 100));

  const sorted = [...latencies].sort((a, b) => a - b);
  const fmt = (n: number) => `${n.toFixed(1)} ms`;
  console.log(`events: ${eventCount} at ${perSecond}/s to ${clients} clients; delivered ${latencies.length} of ${expected}`);
  console.log(`commit → client latency: p50 ${fmt(percentile(sorted, 50))}  p95 ${fmt(percentile(sorted, 95))}  p99 ${fmt(percentile(sorted, 99))}  max ${fmt(sorted.at(-1) ?? NaN)}`);

  for (const ws of sockets) ws.terminate();
  await server.stop();
  await database.close();
}

main().catch((err: unknown) => {
  console.error(err);
  process.exit(1);
});
