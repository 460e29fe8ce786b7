// PostgreSQL going away under a running server.ts (production build): the server reaches its
// database through a TCP proxy this test controls. With the database refusing connections, or
// silent (connections accepted, nothing answered), an API call is answered 503 problem+json with
// Retry-After in bounded time, the process keeps running, and once the database is back the same
// call succeeds again without a restart. Needs PostgreSQL, so it runs in the PostgreSQL pass.
import { randomBytes } from "node:crypto";
import net from "node:net";
import pg from "pg";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { openPostgres } from "../db/client";
import { migrateDatabase } from "../db/migrate";
import { ensureReferenceData } from "../db/reference-data";
import { createApiToken } from "../lib/auth/tokens";
import { generateKeyEntry } from "../lib/crypto/keyring";
import { createEntity, createUser } from "./factories";
import { childEnv, ensureProductionBuild, freePort, type RunningServer, startServer } from "./http-server";
import { databaseUrlFor } from "./pg-urls";

const baseUrl = process.env.DATABASE_URL;
/** Longer than any bounded failure below (a 5 s connect timeout, a 2 s statement timeout + 5 s): past it, the call hung. */
const HANG_MS = 30_000;

type Mode = "up" | "down" | "silent";

/** A TCP proxy to PostgreSQL: "down" refuses and resets connections, "silent" accepts and never answers. */
class DatabaseProxy {
  private server: net.Server | null = null;
  private readonly pairs = new Set<{ client: net.Socket; upstream: net.Socket | null }>();
  mode: Mode = "up";

  constructor(
    readonly port: number,
    private readonly target: { host: string; port: number },
  ) {}

  async listen(): Promise<void> {
    const server = net.createServer((client) => this.accept(client));
    await new Promise<void>((resolve, reject) => {
      server.once("error", reject);
      server.listen(this.port, "127.0.0.1", resolve);
    });
    this.server = server;
  }

  private accept(client: net.Socket): void {
    const pair: { client: net.Socket; upstream: net.Socket | null } = { client, upstream: null };
    this.pairs.add(pair);
    client.on("error", () => undefined);
    client.on("close", () => {
      pair.upstream?.destroy();
      this.pairs.delete(pair);
    });
    // Silent: the connection is accepted and then nothing ever comes back.
    if (this.mode === "silent") return;
    const upstream = net.connect(this.target.port, this.target.host);
    pair.upstream = upstream;
    upstream.on("error", () => client.destroy());
    upstream.on("close", () => client.destroy());
    client.pipe(upstream);
    upstream.pipe(client);
  }

  private dropAll(): void {
    for (const { client, upstream } of this.pairs) {
      client.destroy();
      upstream?.destroy();
    }
    this.pairs.clear();
  }

  /** The database host is gone: new connections are refused and open ones reset. */
  async down(): Promise<void> {
    this.mode = "down";
    const server = this.server;
    this.server = null;
    this.dropAll();
    await new Promise<void>((resolve) => (server ? server.close(() => resolve()) : resolve()));
  }

  /** The network path stalls: open connections stop carrying data and new ones never get an answer. */
  silent(): void {
    this.mode = "silent";
    for (const { client, upstream } of this.pairs) {
      client.unpipe();
      upstream?.unpipe();
      client.pause();
      upstream?.pause();
    }
  }

  /** The database is back; connections stalled meanwhile are reset, as a recovering network would. */
  async up(): Promise<void> {
    if (this.mode === "silent") this.dropAll();
    this.mode = "up";
    if (!this.server) await this.listen();
  }

  async close(): Promise<void> {
    await this.down();
  }
}

let adminUrl: string;
let dbName: string;
let proxy: DatabaseProxy | undefined;
let server: RunningServer | undefined;
let token: string;

beforeAll(async () => {
  if (!baseUrl) return;
  await ensureProductionBuild();
  dbName = `gw_down_${process.pid}_${Date.now()}`;
  adminUrl = databaseUrlFor(baseUrl, "postgres");
  const admin = new pg.Client({ connectionString: adminUrl });
  await admin.connect();
  await admin.query(`create database "${dbName}"`);
  await admin.end();

  // The schema, a user and a token, written directly (not through the proxy).
  const direct = await openPostgres(databaseUrlFor(baseUrl, dbName), { max: 2 });
  await migrateDatabase(direct);
  await ensureReferenceData(direct.db);
  const user = await createUser(direct.db, await createEntity(direct.db));
  token = (await createApiToken(direct.db, { systemUserId: user.id }, { name: "db-down", scopes: ["read"] })).token;
  await direct.close();

  const target = new URL(baseUrl);
  proxy = new DatabaseProxy(await freePort(), { host: target.hostname, port: Number(target.port || 5432) });
  await proxy.listen();
  const viaProxy = new URL(databaseUrlFor(baseUrl, dbName));
  viaProxy.hostname = "127.0.0.1";
  viaProxy.port = String(proxy.port);
  const env = childEnv("/nonexistent", {
    NODE_ENV: "production",
    DATABASE_URL: viaProxy.toString(),
    DATABASE_STATEMENT_TIMEOUT_MS: "2000",
    NEXTAUTH_SECRET: randomBytes(48).toString("base64url"),
    GROUNDWORK_ENCRYPTION_KEYS: generateKeyEntry("db-down"),
  });
  server = await startServer({ env, port: await freePort(), readyTimeoutMs: 180_000 });
}, 900_000);

afterAll(async () => {
  await proxy?.up();
  await server?.stop();
  await proxy?.close();
  if (!dbName) return;
  const admin = new pg.Client({ connectionString: adminUrl });
  await admin.connect();
  await admin.query(`drop database if exists "${dbName}" with (force)`);
  await admin.end();
}, 60_000);

type Answer = { status: number; type: string; retryAfter: string | null; body: Record<string, unknown> };

/** GET `path` with the token; a call that does not answer within HANG_MS fails the test. */
async function call(path: string): Promise<Answer> {
  if (!server) throw new Error("the server did not start");
  const response = await fetch(`${server.baseUrl}${path}`, { headers: { authorization: `Bearer ${token}` }, signal: AbortSignal.timeout(HANG_MS) });
  const text = await response.text();
  return {
    status: response.status,
    type: response.headers.get("content-type") ?? "",
    retryAfter: response.headers.get("retry-after"),
    body: text.startsWith("{") ? (JSON.parse(text) as Record<string, unknown>) : {},
  };
}

/** Calls until the answer is 200, as a client honouring Retry-After would (at most 40 tries). */
async function recovered(path: string): Promise<Answer> {
  let last: Answer | undefined;
  for (let attempt = 0; attempt < 40; attempt++) {
    last = await call(path);
    if (last.status === 200) return last;
    await new Promise((resolve) => setTimeout(resolve, 500));
  }
  throw new Error(`${path} did not recover: last answer ${JSON.stringify(last)}\n${server?.output() ?? ""}`);
}

function expectUnavailable(answer: Answer) {
  expect(answer, server?.output().slice(-3000)).toMatchObject({ status: 503, type: "application/problem+json", retryAfter: "5" });
  expect(answer.body).toMatchObject({ status: 503, code: "service_unavailable" });
}

describe.runIf(baseUrl)("PostgreSQL going away and coming back", () => {
  it("answers 503 with Retry-After while the database refuses connections, and recovers by itself", async () => {
    expect((await call("/api/me")).status).toBe(200);
    await proxy?.down();

    expectUnavailable(await call("/api/me"));
    expect((await call("/api/health/ready")).status).toBe(503);
    // The process itself is fine: liveness still answers.
    expect((await call("/api/health")).status).toBe(200);

    await proxy?.up();
    expect((await recovered("/api/me")).body).toHaveProperty("id");
    expect((await recovered("/api/health/ready")).status).toBe(200);
  }, 120_000);

  it("answers 503 rather than hanging while the database is silent, and recovers by itself", async () => {
    expect((await call("/api/me")).status).toBe(200);
    proxy?.silent();

    expectUnavailable(await call("/api/me"));

    await proxy?.up();
    expect((await recovered("/api/me")).body).toHaveProperty("id");
  }, 120_000);
});
