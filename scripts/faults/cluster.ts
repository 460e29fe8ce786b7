// A throwaway PostgreSQL cluster for fault tests: initdb into a temporary folder, its own port and
// socket folder, fsync on; started and stopped with pg_ctl, crashed with SIGKILL. As root (CI) the
// server runs as the `postgres` user, because initdb and postgres refuse to run as root.
import { execFile, execFileSync } from "node:child_process";
import { appendFileSync, chownSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, readlinkSync, rmSync } from "node:fs";
import { connect } from "node:net";
import { tmpdir } from "node:os";
import path from "node:path";

const BIN_DIR = process.env.PG_BINDIR ?? "/usr/lib/postgresql/15/bin";
const SUPERUSER = "postgres";

export type CrashMode = "postmaster" | "all";

export type Cluster = {
  port: number;
  /** A connection URL for `database` over TCP on 127.0.0.1. */
  url: (database: string) => string;
  start: () => Promise<void>;
  /**
   * SIGKILL: `postmaster` kills the postmaster alone (as the OOM killer would) and lets its children
   * notice, killing any still alive after a second; `all` kills every process of the cluster at once
   * (as a power cut would). Resolves once none is left and the port refuses connections, with the
   * number of processes that had to be killed.
   */
  crash: (mode: CrashMode) => Promise<{ killed: number }>;
  /** Stops the server if it runs (fast mode, then SIGKILL) and removes the folder; safe to call twice. */
  destroy: () => Promise<void>;
  /** The same as destroy, synchronous, for process exit handlers. */
  destroySync: () => void;
  logTail: (lines?: number) => string;
};

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** Runs a PostgreSQL program as the user that may run it; rejects with its output on failure. */
function runPg(program: string, args: string[], cwd: string, timeoutMs = 120_000): Promise<string> {
  const binary = path.join(BIN_DIR, program);
  const [command, argv] = process.getuid?.() === 0 ? ["runuser", ["-u", SUPERUSER, "--", binary, ...args]] : [binary, args];
  return new Promise((resolve, reject) => {
    execFile(command, argv, { cwd, timeout: timeoutMs, encoding: "utf8" }, (err, stdout, stderr) => {
      if (err) reject(new Error(`${program} ${args.join(" ")} failed: ${err.message}\n${stdout}${stderr}`));
      else resolve(stdout + stderr);
    });
  });
}

function postmasterPidOf(dataDir: string): number | null {
  const file = path.join(dataDir, "postmaster.pid");
  if (!existsSync(file)) return null;
  const pid = Number(readFileSync(file, "utf8").split("\n")[0]);
  return Number.isInteger(pid) && pid > 0 ? pid : null;
}

/**
 * Live processes of this cluster. Every PostgreSQL process works in its data folder, so the
 * working directory names them exactly (each child leads its own process group, and after the
 * postmaster dies they are re-parented, so neither the group nor the parent would).
 */
function processesOf(dataDir: string): number[] {
  const found: number[] = [];
  for (const entry of readdirSync("/proc")) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      if (readlinkSync(`/proc/${entry}/cwd`) !== dataDir) continue;
      const stat = readFileSync(`/proc/${entry}/stat`, "utf8");
      // A zombie (state Z) is already dead.
      if (stat.slice(stat.lastIndexOf(")") + 2).startsWith("Z")) continue;
      found.push(Number(entry));
    } catch {
      // The process ended while being read, or is not ours to inspect.
    }
  }
  return found;
}

function killAll(pids: number[]): void {
  for (const pid of pids) {
    try {
      process.kill(pid, "SIGKILL");
    } catch {
      // Already gone.
    }
  }
}

function portRefuses(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = connect({ host: "127.0.0.1", port });
    socket.once("connect", () => {
      socket.destroy();
      resolve(false);
    });
    socket.once("error", () => resolve(true));
  });
}

function postgresUser(): { uid: number; gid: number } {
  const uid = Number(execFileSync("id", ["-u", SUPERUSER], { encoding: "utf8" }).trim());
  const gid = Number(execFileSync("id", ["-g", SUPERUSER], { encoding: "utf8" }).trim());
  return { uid, gid };
}

export async function createCluster(port: number): Promise<Cluster> {
  const root = mkdtempSync(path.join(tmpdir(), "gw-faults-"));
  const dataDir = path.join(root, "data");
  const socketDir = path.join(root, "socket");
  const logFile = path.join(root, "postgres.log");
  mkdirSync(socketDir);
  if (process.getuid?.() === 0) {
    const { uid, gid } = postgresUser();
    chownSync(root, uid, gid);
    chownSync(socketDir, uid, gid);
  }
  let destroyed = false;

  const destroySync = () => {
    if (destroyed) return;
    destroyed = true;
    killAll(processesOf(dataDir));
    rmSync(root, { recursive: true, force: true });
  };

  try {
    await runPg("initdb", ["-D", dataDir, "-U", SUPERUSER, "-A", "trust", "-E", "UTF8", "--locale=C"], root);
    // Durability is the point: fsync and synchronous commit stay on, as in production.
    appendFileSync(
      path.join(dataDir, "postgresql.conf"),
      [
        "",
        "# fault test",
        "listen_addresses = '127.0.0.1'",
        `port = ${port}`,
        `unix_socket_directories = '${socketDir}'`,
        "fsync = on",
        "synchronous_commit = on",
        "full_page_writes = on",
        "max_connections = 60",
        "shared_buffers = 32MB",
        "",
      ].join("\n"),
    );
  } catch (err) {
    destroySync();
    throw err;
  }

  const start = async () => {
    // After a crash the lock files name a dead postmaster. PostgreSQL treats them as stale unless
    // kill(pid, 0) succeeds, which it does for a zombie that its parent (init, once pg_ctl has
    // exited) has not reaped yet: with no live process in the folder they are removed here.
    if (processesOf(dataDir).length === 0) {
      for (const lock of [path.join(dataDir, "postmaster.pid"), path.join(socketDir, `.s.PGSQL.${port}.lock`)]) rmSync(lock, { force: true });
    }
    await runPg("pg_ctl", ["start", "-w", "-t", "60", "-D", dataDir, "-l", logFile], root);
  };

  const crash = async (mode: CrashMode) => {
    const postmasterPid = postmasterPidOf(dataDir);
    if (postmasterPid === null) throw new Error("no postmaster.pid: the cluster is not running");
    const killed = new Set(mode === "all" ? processesOf(dataDir) : [postmasterPid]);
    killAll([...killed]);
    // Backends and auxiliary processes notice the postmaster's death and exit; stragglers are killed.
    const graceUntil = Date.now() + (mode === "postmaster" ? 1_000 : 0);
    const deadline = Date.now() + 10_000;
    for (;;) {
      const left = processesOf(dataDir);
      if (left.length === 0 && (await portRefuses(port))) return { killed: killed.size };
      if (Date.now() > deadline) throw new Error(`PostgreSQL processes survived SIGKILL: ${left.join(", ")}`);
      if (Date.now() >= graceUntil) {
        killAll(left);
        for (const pid of left) killed.add(pid);
      }
      await sleep(50);
    }
  };

  const destroy = async () => {
    if (destroyed) return;
    if (postmasterPidOf(dataDir) !== null) {
      await runPg("pg_ctl", ["stop", "-m", "fast", "-w", "-t", "20", "-D", dataDir], root, 30_000).catch(() => undefined);
    }
    destroySync();
  };

  const logTail = (lines = 40) => {
    if (!existsSync(logFile)) return "(no PostgreSQL log)";
    return readFileSync(logFile, "utf8").trimEnd().split("\n").slice(-lines).join("\n");
  };

  return {
    port,
    url: (database) => `postgres://${SUPERUSER}@127.0.0.1:${port}/${database}`,
    start,
    crash,
    destroy,
    destroySync,
    logTail,
  };
}
