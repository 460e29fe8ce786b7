// Where a run's CPU went: the server process and the PostgreSQL backends of its pool, read from
// /proc before and after. It tells a database-bound endpoint (most of the work in PostgreSQL) from
// one bound by the server's own code, and gives each side's CPU milliseconds per request.
import { execFileSync } from "node:child_process";
import { readdirSync, readFileSync } from "node:fs";
import type pg from "pg";

const TICKS_PER_SECOND = (() => {
  try {
    return Number(execFileSync("getconf", ["CLK_TCK"], { encoding: "utf8" }).trim()) || 100;
  } catch {
    return 100;
  }
})();

/** Process group and user + system CPU (ms) of a process; null when it is gone or unreadable. */
function readStat(pid: number): { group: number; cpuMs: number } | null {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, "utf8");
    // The command name may hold spaces: the fields counted here start after its closing parenthesis.
    const fields = stat.slice(stat.lastIndexOf(")") + 2).split(" ");
    return { group: Number(fields[2]), cpuMs: ((Number(fields[11]) + Number(fields[12])) * 1000) / TICKS_PER_SECOND };
  } catch {
    return null;
  }
}

const processCpuMs = (pid: number) => readStat(pid)?.cpuMs ?? 0;

/** CPU of every process in the group the server leads (it is started detached, as a group leader). */
function groupCpuMs(leader: number): number {
  let total = 0;
  for (const name of readdirSync("/proc")) {
    if (!/^\d+$/.test(name)) continue;
    const stat = readStat(Number(name));
    if (stat?.group === leader) total += stat.cpuMs;
  }
  return total;
}

export type CpuSnapshot = { server: number; backends: Map<number, number>; machineBusy: number; own: number; at: number };
/** Server and database CPU of the side; `otherMs`: what every other process on the machine used meanwhile (the noise). */
export type CpuUse = { serverMs: number; databaseMs: number; otherMs: number; wallMs: number };

/** Busy CPU time of the whole machine (all cores) in milliseconds, from /proc/stat. */
function machineBusyMs(): number {
  try {
    const fields = (readFileSync("/proc/stat", "utf8").split("\n")[0] ?? "").trim().split(/\s+/).slice(1).map(Number);
    // user nice system idle iowait irq softirq steal: everything but idle and iowait is busy.
    const busy = fields.reduce((sum, value, i) => (i === 3 || i === 4 || i > 7 ? sum : sum + value), 0);
    return (busy * 1000) / TICKS_PER_SECOND;
  } catch {
    return 0;
  }
}

const ownCpuMs = () => {
  const usage = process.cpuUsage();
  return (usage.user + usage.system) / 1000;
};

/** The server's process group (led by serverPid) and the backends PostgreSQL runs for connections named `applicationName`. */
export async function cpuSnapshot(admin: pg.Pool, serverPid: number, applicationName: string, database: string): Promise<CpuSnapshot> {
  const { rows } = await admin.query<{ pid: number }>("select pid from pg_stat_activity where application_name = $1 and datname = $2", [
    applicationName,
    database,
  ]);
  return { server: groupCpuMs(serverPid), backends: new Map(rows.map((r) => [r.pid, processCpuMs(r.pid)])), machineBusy: machineBusyMs(), own: ownCpuMs(), at: performance.now() };
}

/** CPU used between two snapshots; a backend opened in between counts from zero. */
export function cpuBetween(before: CpuSnapshot, after: CpuSnapshot): CpuUse {
  let databaseMs = 0;
  for (const [pid, ms] of after.backends) databaseMs += Math.max(0, ms - (before.backends.get(pid) ?? 0));
  const serverMs = Math.max(0, after.server - before.server);
  // The load generator (this process) is part of the measurement, not noise.
  const otherMs = Math.max(0, after.machineBusy - before.machineBusy - serverMs - databaseMs - (after.own - before.own));
  return { serverMs, databaseMs, otherMs, wallMs: after.at - before.at };
}
