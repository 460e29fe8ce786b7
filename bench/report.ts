// The numbers of a benchmark run: throughput and latency percentiles per side, the app/baseline
// ratio, where the CPU went, each target met or missed, and the machine it ran on — printed and
// written to bench/results.md. A side with non-2xx answers or errors is flagged, never averaged away.
import { execFileSync } from "node:child_process";
import os from "node:os";
import type { CpuUse } from "./cpu";
import type { RunSample } from "./load";

export type SideResult = { sample: RunSample; cpu: CpuUse };

export type Targets = {
  /** p95 ceiling in ms (dashboards and lists). */
  p95Max?: number;
  /** Throughput floor in requests per second. */
  minRps?: number;
};

export type EndpointResult = { name: string; title: string; targets: Targets; app: SideResult; baseline: SideResult };

/** Share of CPU in PostgreSQL above which an endpoint counts as database-bound. */
export const DB_BOUND_SHARE = 0.5;
/** The app must reach this share of the baseline's throughput on database-bound endpoints. */
export const MIN_RATIO = 0.8;

export type SideStats = {
  rps: number;
  p50: number;
  p95: number;
  p99: number;
  ok: number;
  failed: number;
  dbShare: number;
  serverCpuPerReq: number;
  dbCpuPerReq: number;
  /** Cores other processes kept busy during the run, on average. */
  otherCores: number;
};

function percentile(sorted: readonly number[], p: number): number {
  if (sorted.length === 0) return NaN;
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)] ?? NaN;
}

export function failuresOf(sample: RunSample): number {
  let n = sample.errors;
  for (const count of sample.statuses.values()) n += count;
  return n;
}

export function statsOf(side: SideResult): SideStats {
  const sorted = [...side.sample.okLatencies].sort((a, b) => a - b);
  const { serverMs, databaseMs } = side.cpu;
  const requests = Math.max(1, side.sample.ok + failuresOf(side.sample));
  return {
    rps: side.sample.seconds > 0 ? side.sample.ok / side.sample.seconds : 0,
    p50: percentile(sorted, 50),
    p95: percentile(sorted, 95),
    p99: percentile(sorted, 99),
    ok: side.sample.ok,
    failed: failuresOf(side.sample),
    dbShare: serverMs + databaseMs > 0 ? databaseMs / (serverMs + databaseMs) : 0,
    serverCpuPerReq: serverMs / requests,
    dbCpuPerReq: databaseMs / requests,
    otherCores: side.cpu.wallMs > 0 ? side.cpu.otherMs / side.cpu.wallMs : 0,
  };
}

export type Verdict = { target: string; status: "met" | "missed" | "not applicable" | "invalid"; detail: string };

/** Each target of an endpoint against the app's numbers; a run with failures cannot meet anything. */
export function verdictsOf(result: EndpointResult): Verdict[] {
  const app = statsOf(result.app);
  const base = statsOf(result.baseline);
  const failed = app.failed > 0 || result.app.sample.exhausted;
  const invalid = (target: string): Verdict => ({ target, status: "invalid", detail: `the app side had ${app.failed} failed requests${result.app.sample.exhausted ? " and ran out of prepared rows" : ""}` });
  const verdicts: Verdict[] = [];
  const { p95Max, minRps } = result.targets;
  if (p95Max !== undefined) {
    const target = `${result.name}: p95 ≤ ${p95Max} ms`;
    verdicts.push(failed ? invalid(target) : { target, status: app.p95 <= p95Max ? "met" : "missed", detail: `p95 ${ms(app.p95)} ms` });
  }
  if (minRps !== undefined) {
    const target = `${result.name}: ≥ ${minRps} req/s`;
    verdicts.push(failed ? invalid(target) : { target, status: app.rps >= minRps ? "met" : "missed", detail: `${app.rps.toFixed(0)} req/s` });
  }
  const ratioTarget = `${result.name}: ≥ ${MIN_RATIO}× baseline req/s (database-bound)`;
  const ratio = base.rps > 0 ? app.rps / base.rps : NaN;
  if (base.dbShare < DB_BOUND_SHARE) {
    verdicts.push({ target: ratioTarget, status: "not applicable", detail: `baseline spends ${pct(base.dbShare)} of its CPU in PostgreSQL: server-bound; ratio ${ratio.toFixed(2)}` });
  } else if (failed || base.failed > 0 || result.baseline.sample.exhausted) {
    verdicts.push(failed ? invalid(ratioTarget) : { target: ratioTarget, status: "invalid", detail: `the baseline had ${base.failed} failed requests` });
  } else {
    verdicts.push({ target: ratioTarget, status: ratio >= MIN_RATIO ? "met" : "missed", detail: `ratio ${ratio.toFixed(2)} (PostgreSQL share of baseline CPU ${pct(base.dbShare)})` });
  }
  return verdicts;
}

const ms = (n: number) => (Number.isFinite(n) ? (n < 10 ? n.toFixed(1) : n.toFixed(0)) : "–");
const pct = (share: number) => `${Math.round(share * 100)} %`;
const latency = (s: SideStats) => `${ms(s.p50)} / ${ms(s.p95)} / ${ms(s.p99)}`;
const failures = (s: SideStats, sample: RunSample) => `${s.failed}${sample.exhausted ? " (ran dry)" : ""}`;

export function resultsTable(results: EndpointResult[]): string {
  const head = [
    "| endpoint | app req/s | app p50 / p95 / p99 ms | baseline req/s | baseline p50 / p95 / p99 ms | app / baseline | failed app / baseline | CPU ms per request app (server + db) | baseline (server + db) | other load, cores (app / baseline runs) |",
    "|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|",
  ];
  const rows = results.map((r) => {
    const a = statsOf(r.app);
    const b = statsOf(r.baseline);
    const cpu = (s: SideStats) => `${s.serverCpuPerReq.toFixed(2)} + ${s.dbCpuPerReq.toFixed(2)}`;
    return `| ${r.title} | ${a.rps.toFixed(0)} | ${latency(a)} | ${b.rps.toFixed(0)} | ${latency(b)} | ${b.rps > 0 ? (a.rps / b.rps).toFixed(2) : "–"} | ${failures(a, r.app.sample)} / ${failures(b, r.baseline.sample)} | ${cpu(a)} | ${cpu(b)} | ${a.otherCores.toFixed(1)} / ${b.otherCores.toFixed(1)} |`;
  });
  return [...head, ...rows].join("\n");
}

export function verdictLines(results: EndpointResult[]): string[] {
  const mark = { met: "MET", missed: "MISSED", "not applicable": "n/a", invalid: "INVALID" } as const;
  return results.flatMap((r) => verdictsOf(r).map((v) => `- ${mark[v.status]} — ${v.target}: ${v.detail}`));
}

/** Non-2xx answers and errors per side, with a sample body each: a failing run says so. */
export function failureLines(results: EndpointResult[]): string[] {
  const lines: string[] = [];
  for (const r of results) {
    for (const [side, result] of [["app", r.app], ["baseline", r.baseline]] as const) {
      const { sample } = result;
      if (failuresOf(sample) === 0 && !sample.exhausted) continue;
      const statuses = [...sample.statuses].map(([status, n]) => `${n}× ${status}`).join(", ");
      const parts = [statuses, sample.errors ? `${sample.errors} connection errors or timeouts` : "", sample.exhausted ? "ran out of prepared rows before the time was up" : ""];
      lines.push(`- ${r.name} (${side}): ${parts.filter(Boolean).join("; ")}`);
      for (const example of sample.examples) lines.push(`  - \`${example.replace(/`/g, "'").replace(/\s+/g, " ")}\``);
    }
  }
  return lines;
}

export type MachineInfo = { cpu: string; cores: number; memoryGb: number; node: string; postgres: string; os: string; loadAverage: string; commit: string };

export function machineInfo(postgresVersion: string): MachineInfo {
  let commit = "unknown";
  try {
    const head = execFileSync("git", ["rev-parse", "--short", "HEAD"], { encoding: "utf8" }).trim();
    const dirty = execFileSync("git", ["status", "--porcelain", "--untracked-files=no"], { encoding: "utf8" }).trim() !== "";
    commit = `${head}${dirty ? " (with uncommitted changes)" : ""}`;
  } catch {
    // Not a git checkout: the commit stays unknown.
  }
  return {
    cpu: os.cpus()[0]?.model ?? "unknown",
    cores: os.cpus().length,
    memoryGb: Math.round(os.totalmem() / 2 ** 30),
    node: process.version,
    postgres: postgresVersion,
    os: `${os.type()} ${os.release()}`,
    loadAverage: os.loadavg().map((n) => n.toFixed(2)).join(", "),
    commit,
  };
}

export type RunSettings = { database: string; employees: number; seconds: number; rounds: number; warmup: number; connections: number; poolSize: number };

export function resultsMarkdown(results: EndpointResult[], machine: MachineInfo, settings: RunSettings, date: Date): string {
  const failed = failureLines(results);
  return [
    "# Benchmark results",
    "",
    "Written by `npm run bench` (bench/run.ts); rerun it to refresh this file. The app is the production",
    "server (`server.ts`, Next.js build); the baseline is bench/baseline/: plain `node:http` + `pg` running",
    "the same SQL with the same pool size. Both run in turn on the same database, loopback, one autocannon client.",
    "",
    `- Date: ${date.toISOString()}`,
    `- Machine: ${machine.cpu}, ${machine.cores} cores, ${machine.memoryGb} GB memory, ${machine.os}; load average at start ${machine.loadAverage}`,
    `- Node ${machine.node}; ${machine.postgres}`,
    `- Code: commit ${machine.commit}`,
    `- Data: database \`${settings.database}\`, \`db:seed --scale ${settings.employees}\` (plus the rows earlier runs wrote), vacuumed and analysed before the run`,
    `- Load: ${settings.connections} connections, ${settings.seconds} s per side per endpoint in ${settings.rounds} alternating rounds after a ${settings.warmup} s warm-up per side; pool size ${settings.poolSize} on both sides`,
    "- Latencies are of the 2xx answers; req/s counts 2xx answers only. CPU per request is the server process group's and its PostgreSQL backends' CPU time divided by the requests answered.",
    "- Other load: CPU used during the side's runs by every other process (other users of the machine, PostgreSQL's background writers), in cores: the noise, near 0 on a quiet machine.",
    "",
    resultsTable(results),
    "",
    "## Targets",
    "",
    ...verdictLines(results),
    "",
    `An endpoint is database-bound when the baseline spends at least ${Math.round(DB_BOUND_SHARE * 100)} % of its CPU (server + PostgreSQL) in PostgreSQL.`,
    "",
    "## Failed requests",
    "",
    ...(failed.length ? failed : ["None: every request of both sides answered 2xx."]),
    "",
  ].join("\n");
}
