// Two app processes (server.ts, production build) on different ports against one PostgreSQL
// database: a change made through one is delivered live to a WebSocket client of the other, which
// only the shared outbox and NOTIFY can bring about. Needs PostgreSQL (PGlite is one process), so
// it runs in the PostgreSQL pass, on a database of its own.
import { randomBytes } from "node:crypto";
import pg from "pg";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import WebSocket from "ws";
import { generateKeyEntry } from "../lib/crypto/keyring";
import { childEnv, ensureProductionBuild, freePort, type RunningServer, runNpmScript, startServer } from "./http-server";
import { databaseUrlFor } from "./pg-urls";

const baseUrl = process.env.DATABASE_URL;
const MANAGER_EMAIL = "manager@demo.test";

let adminUrl: string;
let dbName: string;
let replicas: RunningServer[] = [];
let token: string;

beforeAll(async () => {
  if (!baseUrl) return;
  await ensureProductionBuild();
  dbName = `gw_replicas_${process.pid}_${Date.now()}`;
  adminUrl = databaseUrlFor(baseUrl, "postgres");
  const admin = new pg.Client({ connectionString: adminUrl });
  await admin.connect();
  await admin.query(`create database "${dbName}"`);
  await admin.end();

  const env = childEnv("/nonexistent", {
    NODE_ENV: "production",
    DATABASE_URL: databaseUrlFor(baseUrl, dbName),
    NEXTAUTH_SECRET: randomBytes(48).toString("base64url"),
    GROUNDWORK_ENCRYPTION_KEYS: generateKeyEntry("replicas"),
  });
  await runNpmScript("db:seed", [], env, 300_000);
  const printed = await runNpmScript("cli", ["token:create", "--email", MANAGER_EMAIL, "--name", "replicas", "--scopes", "read,write"], env, 120_000);
  token = printed.trim().split("\n").at(-1) ?? "";
  for (let i = 0; i < 2; i++) replicas.push(await startServer({ env, port: await freePort(), readyTimeoutMs: 120_000 }));
}, 1_200_000);

afterAll(async () => {
  await Promise.all(replicas.map((r) => r.stop()));
  replicas = [];
  if (!dbName) return;
  const admin = new pg.Client({ connectionString: adminUrl });
  await admin.connect();
  await admin.query(`drop database if exists "${dbName}" with (force)`);
  await admin.end();
}, 60_000);

async function call<T>(replica: RunningServer, method: string, url: string, body?: unknown): Promise<T> {
  const response = await fetch(`${replica.baseUrl}${url}`, {
    method,
    headers: { authorization: `Bearer ${token}`, ...(body === undefined ? {} : { "content-type": "application/json" }) },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  const text = await response.text();
  expect(response.ok, `${method} ${url} → ${response.status} ${text.slice(0, 500)}`).toBe(true);
  return JSON.parse(text) as T;
}

describe.runIf(baseUrl)("two replicas on one PostgreSQL", () => {
  it("delivers a change made through one replica to a WebSocket client of the other", async () => {
    const [first, second] = replicas as [RunningServer, RunningServer];
    const me = await call<{ id: number }>(first, "GET", "/api/me");
    const statuses = await call<{ items: { id: number; domain: string; code: string }[] }>(first, "GET", "/api/statuses");
    const statusId = (code: string) => statuses.items.find((s) => s.domain === "task" && s.code === code)?.id;
    // A task of one of the manager's reports that has not started yet.
    const tasks = await call<{ items: { id: number; assignees: { user_id: number; role: string }[] }[] }>(
      first,
      "GET",
      "/api/tasks?status=todo&limit=100",
    );
    const task = tasks.items.find((t) => t.assignees.some((a) => a.role === "owner" && a.user_id !== me.id));
    expect(task, "the demo data has a task in todo for the manager's team").toBeDefined();
    const owner = task?.assignees.find((a) => a.role === "owner")?.user_id ?? 0;

    const ws = new WebSocket(`${second.baseUrl.replace("http", "ws")}/api/ws?topics=user:${owner}`, { headers: { authorization: `Bearer ${token}` } });
    const received: Record<string, unknown>[] = [];
    const arrived = new Promise<Record<string, unknown>>((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`no event on the second replica; got ${JSON.stringify(received)}`)), 15_000);
      ws.on("message", (data) => {
        const message = JSON.parse((data as Buffer).toString("utf8")) as Record<string, unknown>;
        received.push(message);
        const payload = message.payload as { task_id?: number } | undefined;
        if (message.type === "event" && message.event === "task.status_changed" && payload?.task_id === task?.id) {
          clearTimeout(timer);
          resolve(message);
        }
      });
    });
    await new Promise<void>((resolve, reject) => {
      ws.on("message", (data) => {
        if ((JSON.parse((data as Buffer).toString("utf8")) as { type: string }).type === "subscribed") resolve();
      });
      ws.once("error", (err) => reject(new Error(`${err.message}; the second replica said:\n${second.output()}`)));
    });

    await call(first, "POST", "/api/progress/update", { user_id: owner, task_id: task?.id, status_id: statusId("in_progress") });
    const event = await arrived;
    expect(event.user_id).toBe(owner);
    expect((event.payload as { to: string }).to).toBe("in_progress");
    ws.close();
  });
});
