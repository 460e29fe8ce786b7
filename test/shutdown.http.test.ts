// SIGTERM under load: server.ts (production build, its own embedded database) serves a stream of
// requests from several keep-alive clients, plus requests whose bodies are still on their way when
// the signal arrives. Every request the server received is answered in full, it stops accepting
// connections, and it exits 0, which its own 10 s grace timer (exit 1) rules out past that time.
// Before that, the same process shows its metrics to a scraper.
import { type ChildProcess, spawn } from "node:child_process";
import { randomBytes } from "node:crypto";
import { mkdtempSync, rmSync } from "node:fs";
import http from "node:http";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import WebSocket from "ws";
import { openPglite } from "../db/client";
import { migrateDatabase } from "../db/migrate";
import { ensureReferenceData } from "../db/reference-data";
import { createApiToken } from "../lib/auth/tokens";
import { createEntity, createUser } from "./factories";
import { childEnv, ensureProductionBuild, freePort } from "./http-server";

const ROOT = path.resolve(import.meta.dirname, "..");
const WORKERS = 4;
const SLOW_REQUESTS = 3;
const METRICS_TOKEN = randomBytes(32).toString("base64url");

let folder: string;
let child: ChildProcess | undefined;
let port: number;
let token: string;
let userId: number;
const output: string[] = [];
let exited: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;

beforeAll(async () => {
  folder = mkdtempSync(path.join(os.tmpdir(), "groundwork-shutdown-"));
  await ensureProductionBuild();
  // One user and a token, written before the server opens the folder (PGlite is one process).
  const pgliteDir = path.join(folder, "pglite");
  const database = await openPglite(pgliteDir);
  await migrateDatabase(database);
  await ensureReferenceData(database.db);
  const user = await createUser(database.db, await createEntity(database.db));
  userId = user.id;
  token = (await createApiToken(database.db, { systemUserId: user.id }, { name: "shutdown", scopes: ["read", "write"] })).token;
  await database.close();

  port = await freePort();
  const env = childEnv(pgliteDir, { NODE_ENV: "production", GROUNDWORK_AUTO_SEED: "0", LOG_LEVEL: "debug", METRICS_TOKEN, PORT: String(port), HOST: "127.0.0.1" });
  // Spawned here rather than with startServer(): this test needs the exit code.
  const spawned = spawn(process.execPath, ["--import", "./scripts/node/register.mjs", "server.ts"], { cwd: ROOT, env, stdio: ["ignore", "pipe", "pipe"], detached: true });
  child = spawned;
  exited = new Promise((resolve) => spawned.once("exit", (code, signal) => resolve({ code, signal })));
  const collect = (chunk: Buffer) => output.push(...chunk.toString("utf8").split("\n").filter(Boolean));
  spawned.stdout.on("data", collect);
  spawned.stderr.on("data", collect);
  const deadline = Date.now() + 180_000;
  for (;;) {
    const status = await fetch(`http://127.0.0.1:${port}/api/health/ready`).then((r) => r.status, () => 0);
    if (status === 200) break;
    if (spawned.exitCode !== null || Date.now() > deadline) throw new Error(`server.ts did not become ready:\n${output.join("\n")}`);
    await new Promise((resolve) => setTimeout(resolve, 500));
  }
}, 900_000);

afterAll(() => {
  // Normally gone already; a failed test must not leave it running.
  if (child?.pid !== undefined && child.exitCode === null) {
    try {
      process.kill(-child.pid, "SIGKILL");
    } catch {
      // Already gone.
    }
  }
  if (folder) rmSync(folder, { recursive: true, force: true });
});

type Answer = { id: string; status: number; body: string; closesConnection: boolean } | { id: string; error: string };

/** One request on `agent`; resolves with the complete answer, or the error that prevented it. */
function send(agent: http.Agent, id: string, options: { method: string; path: string; body?: string; onContinue?: (write: () => void) => void }): Promise<Answer> {
  return new Promise((resolve) => {
    const headers: http.OutgoingHttpHeaders = { authorization: `Bearer ${token}`, "x-request-id": id };
    if (options.body !== undefined) {
      headers["content-type"] = "application/json";
      headers["content-length"] = Buffer.byteLength(options.body);
      if (options.onContinue) headers.expect = "100-continue";
    }
    const req = http.request({ host: "127.0.0.1", port, method: options.method, path: options.path, agent, headers }, (res) => {
      const chunks: Buffer[] = [];
      res.on("data", (chunk: Buffer) => chunks.push(chunk));
      res.on("error", (err) => resolve({ id, error: err.message }));
      res.on("end", () => {
        if (res.complete) resolve({ id, status: res.statusCode ?? 0, body: Buffer.concat(chunks).toString("utf8"), closesConnection: res.headers.connection === "close" });
        else resolve({ id, error: "answer cut short" });
      });
    });
    req.on("error", (err: NodeJS.ErrnoException) => resolve({ id, error: err.code ?? err.message }));
    const body = options.body;
    if (body === undefined) req.end();
    else if (options.onContinue) req.on("continue", () => options.onContinue?.(() => req.end(body)));
    else req.end(body);
  });
}

/** A connection attempt on a fresh socket: "refused" when nothing accepts it any more. */
function connectOutcome(): Promise<string> {
  return new Promise((resolve) => {
    const req = http.get({ host: "127.0.0.1", port, path: "/api/health", agent: false }, (res) => {
      res.resume();
      resolve(`answered ${res.statusCode}`);
    });
    req.on("error", (err: NodeJS.ErrnoException) => resolve(err.code === "ECONNREFUSED" ? "refused" : `failed: ${err.code ?? err.message}`));
  });
}

describe("metrics of the running server", () => {
  it("counts pages (seen by server.ts) and API routes (seen by the route wrapper) in one registry, for a scraper with METRICS_TOKEN", async () => {
    const base = `http://127.0.0.1:${port}`;
    // Read whole: a page still streaming is counted only once its answer has been sent.
    const page = await fetch(`${base}/login`);
    expect(page.status).toBe(200);
    await page.text();
    expect((await fetch(`${base}/api/me`, { headers: { authorization: `Bearer ${token}` } })).status).toBe(200);
    expect((await fetch(`${base}/api/metrics`)).status).toBe(401);

    const scrape = async () => {
      const scraped = await fetch(`${base}/api/metrics`, { headers: { authorization: `Bearer ${METRICS_TOKEN}` } });
      expect(scraped.status).toBe(200);
      return scraped.text();
    };
    // The page is counted when its socket reports the answer sent, which may come a moment after
    // the client has read it: scrape until it shows.
    const pageLine = /^groundwork_http_requests_total\{method="GET",route="\(page\)",status="200"\} [1-9]/m;
    let text = await scrape();
    for (let attempt = 0; !pageLine.test(text) && attempt < 50; attempt++) {
      await new Promise((resolve) => setTimeout(resolve, 100));
      text = await scrape();
    }
    expect(text).toMatch(pageLine);
    expect(text).toMatch(/^groundwork_http_requests_total\{method="GET",route="\/api\/me",status="200"\} [1-9]/m);
    expect(text).toMatch(/^groundwork_http_problems_total\{route="\/api\/metrics",code="unauthenticated"\} 1$/m);
    expect(text).toMatch(/^groundwork_database_up 1$/m);
  });
});

describe("SIGTERM under load", () => {
  it("answers every request it received, refuses new connections, closes with a reason and exits 0", async () => {
    const pid = child?.pid;
    if (pid === undefined) throw new Error("the server did not start");
    const answers: Answer[] = [];
    let warm = 0;
    let warmedUp: () => void = () => undefined;
    const warmed = new Promise<void>((resolve) => (warmedUp = resolve));

    // Each worker sends on one keep-alive connection until the server answers "Connection: close".
    const workers = Array.from({ length: WORKERS }, async (_, w) => {
      const agent = new http.Agent({ keepAlive: true, maxSockets: 1 });
      for (let n = 0; ; n++) {
        const answer = await send(agent, `w${w}-${n}`, { method: "GET", path: n % 2 ? "/api/me" : "/api/health" });
        answers.push(answer);
        if (n === 5 && ++warm === WORKERS) warmedUp();
        if ("error" in answer || answer.closesConnection) break;
      }
      agent.destroy();
    });
    await warmed;

    // Requests the server has started on (it sent 100 Continue) whose bodies follow the signal.
    const bodyWriters: (() => void)[] = [];
    let started = 0;
    let allStarted: () => void = () => undefined;
    const slowStarted = new Promise<void>((resolve) => (allStarted = resolve));
    const slow = Array.from({ length: SLOW_REQUESTS }, (_, i) =>
      send(new http.Agent({ keepAlive: false }), `slow-${i}`, {
        method: "PATCH",
        path: "/api/me",
        body: JSON.stringify({ time_zone: "Europe/Lisbon" }),
        onContinue: (write) => {
          bodyWriters.push(write);
          if (++started === SLOW_REQUESTS) allStarted();
        },
      }),
    );
    await slowStarted;

    // A live-feed client, told why its socket closes.
    const ws = new WebSocket(`ws://127.0.0.1:${port}/api/ws`, { headers: { authorization: `Bearer ${token}` } });
    const wsClosed = new Promise<{ code: number; reason: string }>((resolve) => ws.on("close", (code, reason) => resolve({ code, reason: reason.toString("utf8") })));
    await new Promise<void>((resolve, reject) => {
      ws.once("message", () => resolve());
      ws.once("error", reject);
    });

    process.kill(pid, "SIGTERM");
    // Workers stop when the server answers them with "Connection: close"; the slow requests keep
    // it draining meanwhile, and their bodies arrive only now.
    await Promise.all(workers);
    expect(await connectOutcome()).toBe("refused");
    for (const write of bodyWriters) write();
    const slowAnswers = await Promise.all(slow);
    const { code, signal } = await exited;
    const log = output.join("\n");

    const failed = [...answers, ...slowAnswers].filter((a) => "error" in a || a.status !== 200);
    expect(failed, `requests without a complete 200 answer; server said:\n${log.slice(-4000)}`).toEqual([]);
    for (const answer of slowAnswers) expect("body" in answer && (JSON.parse(answer.body) as { time_zone: string }).time_zone).toBe("Europe/Lisbon");
    expect({ code, signal }, log.slice(-4000)).toEqual({ code: 0, signal: null });
    expect(await wsClosed).toEqual({ code: 1001, reason: "server shutting down" });
    // Every worker was told to go (none just lost its connection).
    expect(answers.filter((a) => "closesConnection" in a && a.closesConnection)).toHaveLength(WORKERS);

    // The shutdown went through its phases, and each request left exactly one log line.
    const lines = output.flatMap((line) => {
      try {
        return [JSON.parse(line) as Record<string, unknown>];
      } catch {
        return [];
      }
    });
    const messages = lines.map((l) => l.msg);
    for (const phase of ["shutdown: stopped accepting connections", "shutdown: WebSockets closed", "shutdown: in-flight requests finished", "shutdown: database released", "shutdown: complete"]) {
      expect(messages).toContain(phase);
    }
    const completed = lines.filter((l) => l.msg === "request completed");
    for (const answer of [...answers, ...slowAnswers]) expect(completed.filter((l) => l.request_id === answer.id), answer.id).toHaveLength(1);
    // API requests are logged by the route wrapper, which knows the route pattern and the caller.
    const apiLines = completed.filter((l) => l.route === "/api/me");
    expect(apiLines.length).toBeGreaterThanOrEqual(WORKERS + SLOW_REQUESTS);
    for (const line of apiLines) expect(line).toMatchObject({ user_id: userId, status: 200 });
  }, 120_000);
});
