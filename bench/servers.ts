// The two servers under load, each a child process leading its own process group (so its CPU can
// be read and it can be stopped as a whole): the production app and the baseline. Their output goes
// to a file, not a pipe: the app writes a log line per request synchronously, and a pipe that the
// busy load generator drains late would stall it.
import { spawn } from "node:child_process";
import { randomBytes } from "node:crypto";
import { closeSync, openSync, readFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { childEnv, freePort } from "../test/http-server";

const ROOT = path.resolve(import.meta.dirname, "..");

export type Server = { baseUrl: string; pid: number; logFile: string; stop: () => Promise<void> };

async function start(name: string, script: string, env: NodeJS.ProcessEnv, readyTimeoutMs: number): Promise<Server> {
  const port = await freePort();
  const logFile = path.join(os.tmpdir(), `gw-bench-${name}-${process.pid}.log`);
  const out = openSync(logFile, "w");
  // BENCH_NODE_ARGS="--cpu-prof --cpu-prof-dir=/tmp/prof" profiles both servers under the load.
  const nodeArgs = (process.env.BENCH_NODE_ARGS ?? "").split(/\s+/).filter(Boolean);
  const child = spawn(process.execPath, [...nodeArgs, "--import", "./scripts/node/register.mjs", script], {
    cwd: ROOT,
    env: { ...env, PORT: String(port), HOST: "127.0.0.1" },
    stdio: ["ignore", out, out],
    detached: true,
  });
  closeSync(out);
  const pid = child.pid;
  if (pid === undefined) throw new Error(`the ${name} server did not start`);
  const state: { exited: string | null } = { exited: null };
  const exit = new Promise<void>((resolve) =>
    child.once("exit", (code, signal) => {
      state.exited = signal ?? `exit code ${String(code)}`;
      resolve();
    }),
  );
  const kill = (signal: NodeJS.Signals) => {
    try {
      process.kill(-pid, signal);
    } catch {
      // Already gone.
    }
  };
  const killOnExit = () => kill("SIGKILL");
  process.once("exit", killOnExit);
  const stop = async () => {
    if (state.exited === null) {
      kill("SIGTERM");
      const grace = setTimeout(() => kill("SIGKILL"), 15_000);
      await exit;
      clearTimeout(grace);
    }
    process.off("exit", killOnExit);
  };
  const tail = () => readFileSync(logFile, "utf8").split("\n").slice(-60).join("\n");
  const baseUrl = `http://127.0.0.1:${port}`;
  const deadline = Date.now() + readyTimeoutMs;
  for (;;) {
    if (state.exited !== null) throw new Error(`the ${name} server ended (${state.exited}) before it was ready:\n${tail()}`);
    const status = await fetch(`${baseUrl}/api/health/ready`, { signal: AbortSignal.timeout(30_000) }).then(
      (r) => r.status,
      () => 0,
    );
    if (status === 200) return { baseUrl, pid, logFile, stop };
    if (Date.now() > deadline) {
      await stop();
      throw new Error(`the ${name} server was not ready within ${readyTimeoutMs / 1000} s:\n${tail()}`);
    }
    await new Promise((resolve) => setTimeout(resolve, 300));
  }
}

/** `NODE_ENV=production node --import ./scripts/node/register.mjs server.ts` on the benchmark database. */
export function startApp(databaseUrl: string, poolSize: number): Promise<Server> {
  const env = childEnv("/nonexistent", {
    NODE_ENV: "production",
    DATABASE_URL: databaseUrl,
    DATABASE_POOL_SIZE: String(poolSize),
    NEXTAUTH_SECRET: randomBytes(48).toString("base64url"),
  });
  return start("app", "server.ts", env, 180_000);
}

/** bench/baseline/server.ts with the app's pool size. */
export function startBaseline(databaseUrl: string, poolSize: number): Promise<Server> {
  const env: NodeJS.ProcessEnv = { ...process.env, NODE_ENV: "production", DATABASE_URL: databaseUrl, DATABASE_POOL_SIZE: String(poolSize) };
  return start("baseline", "bench/baseline/server.ts", env, 60_000);
}
