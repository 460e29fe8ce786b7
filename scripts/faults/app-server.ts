// The production server (server.ts) as a child process for fault tests: started against a given
// database, watched for an unexpected exit, and stopped with SIGTERM to check a clean (0) exit.
import { type ChildProcess, spawn } from "node:child_process";
import path from "node:path";

const ROOT = path.resolve(import.meta.dirname, "../..");
const KEPT_LINES = 400;

export type AppServer = {
  baseUrl: string;
  pid: number;
  /** null while running; otherwise how it ended ("exit code 1", "SIGKILL"). */
  exited: () => string | null;
  /** SIGTERM, then wait up to `graceMs`; resolves with the exit code (null after a signal or the grace). */
  terminate: (graceMs: number) => Promise<{ code: number | null; signal: string | null; ms: number }>;
  /** SIGKILL to the whole process group (cleanup). */
  kill: () => void;
  output: (lines?: number) => string;
  /** Log lines at level error (50) or above since the start, as pino JSON objects. */
  errorLogs: () => Array<Record<string, unknown>>;
};

/**
 * The database pool gauges from /api/metrics (the METRICS_TOKEN path reads no database first, so
 * with no request running, total − idle is the number of connections never given back).
 */
export async function poolGauges(baseUrl: string, metricsToken: string): Promise<Record<string, number>> {
  const response = await fetch(`${baseUrl}/api/metrics`, { headers: { authorization: `Bearer ${metricsToken}` }, signal: AbortSignal.timeout(10_000) });
  const text = await response.text();
  if (!response.ok) throw new Error(`/api/metrics answered ${response.status}: ${text.slice(0, 200)}`);
  const gauges: Record<string, number> = {};
  for (const match of text.matchAll(/^groundwork_db_pool_connections\{state="(\w+)"\} (\d+)$/gm)) gauges[match[1] ?? ""] = Number(match[2]);
  return gauges;
}

export async function startAppServer(options: { env: NodeJS.ProcessEnv; port: number; readyTimeoutMs: number }): Promise<AppServer> {
  const child: ChildProcess = spawn(process.execPath, ["--import", "./scripts/node/register.mjs", "server.ts"], {
    cwd: ROOT,
    env: { ...options.env, PORT: String(options.port), HOST: "127.0.0.1" },
    stdio: ["ignore", "pipe", "pipe"],
    // Its own process group, so a kill also ends anything it spawned.
    detached: true,
  });
  const pid = child.pid;
  if (pid === undefined) throw new Error("server.ts did not start");
  const lines: string[] = [];
  const errors: Array<Record<string, unknown>> = [];
  const collect = (chunk: Buffer) => {
    for (const line of chunk.toString("utf8").split("\n")) {
      if (!line) continue;
      lines.push(line);
      if (line.startsWith("{")) {
        try {
          const entry = JSON.parse(line) as Record<string, unknown>;
          if (typeof entry.level === "number" && entry.level >= 50) errors.push(entry);
        } catch {
          // A partial line split across chunks: kept as text only.
        }
      }
    }
    if (lines.length > KEPT_LINES) lines.splice(0, lines.length - KEPT_LINES);
  };
  child.stdout?.on("data", collect);
  child.stderr?.on("data", collect);

  const state: { ended: { code: number | null; signal: string | null } | null } = { ended: null };
  const exit = new Promise<{ code: number | null; signal: string | null }>((resolve) =>
    child.once("exit", (code, signal) => {
      state.ended = { code, signal };
      resolve(state.ended);
    }),
  );
  const exited = () => (state.ended === null ? null : (state.ended.signal ?? `exit code ${state.ended.code}`));
  const kill = () => {
    if (state.ended !== null) return;
    try {
      process.kill(-pid, "SIGKILL");
    } catch {
      // Already gone.
    }
  };
  const terminate = async (graceMs: number) => {
    const began = performance.now();
    if (state.ended === null) child.kill("SIGTERM");
    const timer = setTimeout(kill, graceMs);
    const ended = await exit;
    clearTimeout(timer);
    return { ...ended, ms: Math.round(performance.now() - began) };
  };
  const output = (n = 60) => lines.slice(-n).join("\n");
  const baseUrl = `http://127.0.0.1:${options.port}`;

  const deadline = Date.now() + options.readyTimeoutMs;
  for (;;) {
    const how = exited();
    if (how !== null) throw new Error(`server.ts ended (${how}) before it was ready:\n${output()}`);
    const status = await fetch(`${baseUrl}/api/health/ready`, { signal: AbortSignal.timeout(10_000) }).then(
      (r) => r.status,
      () => 0,
    );
    if (status === 200) break;
    if (Date.now() > deadline) {
      kill();
      throw new Error(`server.ts was not ready within ${options.readyTimeoutMs / 1000} s (last status ${status}):\n${output()}`);
    }
    await new Promise((resolve) => setTimeout(resolve, 300));
  }
  return { baseUrl, pid, exited, terminate, kill, output, errorLogs: () => [...errors] };
}
