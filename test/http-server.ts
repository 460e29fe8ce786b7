// The real server (`node --import ./scripts/node/register.mjs server.ts`) as a child process on a free port with its own
// embedded database folder, for tests that speak HTTP; and the npm scripts run beside it.
import { type ChildProcess, spawn } from "node:child_process";
import { createServer } from "node:net";
import path from "node:path";

const ROOT = path.resolve(import.meta.dirname, "..");
/** Lines of child output kept for error messages. */
const LOG_LINES = 200;

/**
 * The environment of a child that must use the embedded database in `pgliteDir` whatever this
 * process was given: no DATABASE_URL, no secrets from outside (the folder keeps its own), none of
 * the test runner's variables.
 */
export function childEnv(pgliteDir: string, extra: Record<string, string> = {}): NodeJS.ProcessEnv {
  const env: Record<string, string | undefined> = {};
  for (const [key, value] of Object.entries(process.env)) {
    if (/^(VITEST|TEST|NODE_ENV$|DATABASE_URL$|PGLITE_DIR$|PORT$|HOST$|NEXTAUTH_|GROUNDWORK_)/.test(key)) continue;
    env[key] = value;
  }
  // Development: CI runs the tests before `next build`, so there is no production build to serve.
  return { ...env, NODE_ENV: "development", DATABASE_URL: "", PGLITE_DIR: pgliteDir, NEXT_TELEMETRY_DISABLED: "1", ...extra };
}

export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const probe = createServer();
    probe.once("error", reject);
    probe.listen(0, "127.0.0.1", () => {
      const address = probe.address();
      probe.close(() => (typeof address === "object" && address ? resolve(address.port) : reject(new Error("no port"))));
    });
  });
}

function collect(child: ChildProcess, lines: string[]) {
  const push = (chunk: Buffer) => {
    lines.push(...chunk.toString("utf8").split("\n").filter(Boolean));
    if (lines.length > LOG_LINES) lines.splice(0, lines.length - LOG_LINES);
  };
  child.stdout?.on("data", push);
  child.stderr?.on("data", push);
}

/** Runs `npm run -s <script> -- args` in the repository; resolves with stdout, rejects with the output on a non-zero exit. */
export async function runNpmScript(script: string, args: string[], env: NodeJS.ProcessEnv, timeoutMs: number): Promise<string> {
  return new Promise((resolve, reject) => {
    const child = spawn("npm", ["run", "-s", script, ...(args.length ? ["--", ...args] : [])], { cwd: ROOT, env, stdio: ["ignore", "pipe", "pipe"] });
    let stdout = "";
    const lines: string[] = [];
    child.stdout.on("data", (chunk: Buffer) => (stdout += chunk.toString("utf8")));
    collect(child, lines);
    const timer = setTimeout(() => child.kill("SIGKILL"), timeoutMs);
    child.once("error", reject);
    child.once("exit", (code, signal) => {
      clearTimeout(timer);
      if (code === 0) resolve(stdout);
      else reject(new Error(`npm run ${script} ended with ${signal ?? `exit code ${code}`}:\n${lines.join("\n")}`));
    });
  });
}

export type RunningServer = { baseUrl: string; pid: number; stop: () => Promise<void>; output: () => string };

/**
 * Starts server.ts and resolves once GET /api/health/ready answers 200. The child leads its own
 * process group, so stop() (SIGTERM, then SIGKILL after a grace period) also ends anything it spawned.
 */
export async function startServer(options: { env: NodeJS.ProcessEnv; port: number; readyTimeoutMs: number }): Promise<RunningServer> {
  const child = spawn(process.execPath, ["--import", "./scripts/node/register.mjs", "server.ts"], {
    cwd: ROOT,
    env: { ...options.env, PORT: String(options.port), HOST: "127.0.0.1" },
    stdio: ["ignore", "pipe", "pipe"],
    detached: true,
  });
  const pid = child.pid;
  if (pid === undefined) throw new Error("server.ts did not start");
  const lines: string[] = [];
  collect(child, lines);
  const state: { exited: string | null } = { exited: null };
  const exit = new Promise<void>((resolve) =>
    child.once("exit", (code, signal) => {
      state.exited = signal ?? `exit code ${code}`;
      resolve();
    }),
  );
  // Whatever happens to the test run, the server does not outlive it.
  const killOnExit = () => signalGroup(pid, "SIGKILL");
  process.once("exit", killOnExit);

  const stop = async () => {
    if (state.exited === null) {
      signalGroup(pid, "SIGTERM");
      const grace = setTimeout(() => signalGroup(pid, "SIGKILL"), 15_000);
      await exit;
      clearTimeout(grace);
    }
    process.off("exit", killOnExit);
  };
  const baseUrl = `http://127.0.0.1:${options.port}`;
  const output = () => lines.join("\n");

  const deadline = Date.now() + options.readyTimeoutMs;
  for (;;) {
    if (state.exited !== null) throw new Error(`server.ts ended (${state.exited}) before it was ready:\n${output()}`);
    const status = await fetch(`${baseUrl}/api/health/ready`, { signal: AbortSignal.timeout(30_000) }).then(
      (r) => r.status,
      () => 0,
    );
    if (status === 200) return { baseUrl, pid, stop, output };
    if (Date.now() > deadline) {
      await stop();
      throw new Error(`server.ts was not ready within ${options.readyTimeoutMs / 1000} s (last status ${status}):\n${output()}`);
    }
    await new Promise((resolve) => setTimeout(resolve, 500));
  }
}

function signalGroup(pid: number, signal: NodeJS.Signals) {
  try {
    process.kill(-pid, signal);
  } catch {
    // Already gone.
  }
}

/**
 * Makes sure a production build of the current sources exists (scripts/ensure-build.mjs builds
 * only when it is missing or older than the sources). A lock folder keeps two test files from
 * building at once; CI builds before the tests, so there it only checks.
 */
export async function ensureProductionBuild(timeoutMs = 900_000): Promise<void> {
  const { mkdirSync, rmSync, statSync } = await import("node:fs");
  const lock = path.join(ROOT, ".next-build.lock");
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    try {
      mkdirSync(lock);
      break;
    } catch {
      // A lock older than the timeout was left by a killed run.
      const age = Date.now() - (statSync(lock, { throwIfNoEntry: false })?.mtimeMs ?? Date.now());
      if (age > timeoutMs) rmSync(lock, { recursive: true, force: true });
      if (Date.now() > deadline) throw new Error("waited too long for another build to finish");
      await new Promise((resolve) => setTimeout(resolve, 1_000));
    }
  }
  try {
    await new Promise<void>((resolve, reject) => {
      const child = spawn(process.execPath, ["scripts/ensure-build.mjs"], { cwd: ROOT, env: { ...process.env, NODE_ENV: "production" }, stdio: ["ignore", "pipe", "pipe"] });
      const lines: string[] = [];
      collect(child, lines);
      const timer = setTimeout(() => child.kill("SIGKILL"), timeoutMs);
      child.once("exit", (code) => {
        clearTimeout(timer);
        if (code === 0) resolve();
        else reject(new Error(`the production build failed:\n${lines.join("\n")}`));
      });
    });
  } finally {
    rmSync(lock, { recursive: true, force: true });
  }
}
