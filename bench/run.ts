// npm run bench [-- --duration 10 --connections 10 --only my-tasks,progress --rounds 2 --warmup 3]
// Load on the production app and on a minimal node:http + pg baseline running the same SQL, both
// against a PostgreSQL database seeded with `db:seed --scale 10000` (created on first use, then
// reused). Endpoint by endpoint, the two sides take turns; req/s, p50/p95/p99, the ratio and each
// target are printed and written to bench/results.md. A benchmark, not a test: numbers vary by machine.
import { rmSync, writeFileSync } from "node:fs";
import path from "node:path";
import { parseArgs } from "node:util";
import pg from "pg";
import { ensureProductionBuild } from "../test/http-server";
import { databaseUrlFor } from "../test/pg-urls";
import { cpuBetween, cpuSnapshot } from "./cpu";
import { type Endpoint, ENDPOINTS } from "./endpoints";
import { loadWorld, type Side, type World } from "./fixtures";
import { emptySample, mergeSamples, type RequestSource, runLoad } from "./load";
import { type EndpointResult, failureLines, machineInfo, resultsMarkdown, resultsTable, type SideResult, statsOf, verdictLines } from "./report";
import { ensureDatabase, ensureSeeded, revokeOldTokens } from "./setup";
import { startApp, startBaseline } from "./servers";

const { values } = parseArgs({
  options: {
    duration: { type: "string", default: "10" },
    connections: { type: "string", default: "10" },
    only: { type: "string" },
    rounds: { type: "string", default: "2" },
    warmup: { type: "string", default: "3" },
    database: { type: "string", default: "gw_bench" },
    employees: { type: "string", default: "10000" },
    results: { type: "string", default: path.join(import.meta.dirname, "results.md") },
    "no-results": { type: "boolean", default: false },
    help: { type: "boolean", short: "h", default: false },
  },
  strict: true,
});

if (values.help) {
  console.log(`usage: npm run bench [-- --duration S] [--connections N] [--only ${ENDPOINTS.map((e) => e.name).join(",")}]
  [--rounds N] [--warmup S] [--database gw_bench] [--employees 10000] [--results FILE | --no-results]`);
  process.exit(0);
}

function positive(name: string, value: string, integer = true): number {
  const n = Number(value);
  if (!Number.isFinite(n) || n <= 0 || (integer && !Number.isInteger(n))) {
    console.error(`--${name} must be a positive ${integer ? "whole " : ""}number (got "${value}")`);
    process.exit(2);
  }
  return n;
}

const seconds = positive("duration", values.duration, false);
const connections = positive("connections", values.connections);
const rounds = positive("rounds", values.rounds);
const warmup = Number(values.warmup);
if (!Number.isFinite(warmup) || warmup < 0) {
  console.error(`--warmup must be 0 or more seconds (got "${values.warmup}")`);
  process.exit(2);
}
const employees = positive("employees", values.employees);
const wanted = values.only?.split(",").map((s) => s.trim()).filter(Boolean);
const unknown = wanted?.filter((name) => !ENDPOINTS.some((e) => e.name === name)) ?? [];
if (unknown.length) {
  console.error(`unknown endpoint ${unknown.join(", ")}; choose from ${ENDPOINTS.map((e) => e.name).join(", ")}`);
  process.exit(2);
}
const endpoints = ENDPOINTS.filter((e) => !wanted || wanted.includes(e.name));
const poolSize = Number(process.env.DATABASE_POOL_SIZE ?? 10);
const base = process.env.DATABASE_URL ?? "postgres://postgres@127.0.0.1:5432/postgres";
const url = databaseUrlFor(base, values.database);

type Target = { baseUrl: string; pid: number; applicationName: string };

/** One timed run of one side, with the CPU its server and that server's PostgreSQL backends used meanwhile. */
async function measure(admin: pg.Pool, server: Target, source: RequestSource, runSeconds: number): Promise<SideResult> {
  const before = await cpuSnapshot(admin, server.pid, server.applicationName, values.database);
  const sample = await runLoad({ baseUrl: server.baseUrl, seconds: runSeconds, connections, next: source });
  const after = await cpuSnapshot(admin, server.pid, server.applicationName, values.database);
  return { sample, cpu: cpuBetween(before, after) };
}

function addSide(into: SideResult | undefined, from: SideResult): SideResult {
  if (!into) return from;
  const cpu = { serverMs: into.cpu.serverMs + from.cpu.serverMs, databaseMs: into.cpu.databaseMs + from.cpu.databaseMs, otherMs: into.cpu.otherMs + from.cpu.otherMs, wallMs: into.cpu.wallMs + from.cpu.wallMs };
  return { sample: mergeSamples(into.sample, from.sample), cpu };
}

async function benchEndpoint(endpoint: Endpoint, world: World, admin: pg.Pool, servers: Record<Side, Target>): Promise<EndpointResult> {
  const count = Math.ceil((endpoint.maxRate ?? 0) * (seconds + warmup));
  const sources: Record<Side, RequestSource> = {
    app: await endpoint.source(world, "app", count),
    baseline: await endpoint.source(world, "baseline", count),
  };
  const sides: Partial<Record<Side, SideResult>> = {};
  try {
    if (warmup > 0) {
      for (const side of ["app", "baseline"] as const) await runLoad({ baseUrl: servers[side].baseUrl, seconds: warmup, connections, next: sources[side] });
    }
    for (let round = 0; round < rounds; round++) {
      // Alternating order, so neither side always runs first after the other's writes.
      const order: Side[] = round % 2 === 0 ? ["app", "baseline"] : ["baseline", "app"];
      for (const side of order) {
        await new Promise((resolve) => setTimeout(resolve, 500));
        sides[side] = addSide(sides[side], await measure(admin, servers[side], sources[side], seconds / rounds));
      }
    }
  } finally {
    await endpoint.cleanup?.(world);
  }
  const none = (): SideResult => ({ sample: emptySample(), cpu: { serverMs: 0, databaseMs: 0, otherMs: 0, wallMs: 0 } });
  const result = { name: endpoint.name, title: endpoint.title, targets: endpoint.targets, app: sides.app ?? none(), baseline: sides.baseline ?? none() };
  const a = statsOf(result.app);
  const b = statsOf(result.baseline);
  const failed = a.failed + b.failed ? `  FAILED app ${a.failed} / baseline ${b.failed}` : "";
  console.log(
    `${endpoint.name.padEnd(17)} app ${a.rps.toFixed(0).padStart(6)} req/s p50/p95/p99 ${a.p50.toFixed(1)}/${a.p95.toFixed(1)}/${a.p99.toFixed(1)} ms | baseline ${b.rps.toFixed(0).padStart(6)} req/s ${b.p50.toFixed(1)}/${b.p95.toFixed(1)}/${b.p99.toFixed(1)} ms | ratio ${(a.rps / b.rps).toFixed(2)}${failed}`,
  );
  return result;
}

async function main() {
  await ensureProductionBuild();
  await ensureDatabase(base, values.database);
  const seeded = await ensureSeeded(url, employees);
  const admin = new pg.Pool({ connectionString: url, max: 4, application_name: "gw-bench" });
  const { rows } = await admin.query<{ version: string }>("select version()");
  const machine = machineInfo(rows[0]?.version.split(" on ")[0] ?? "PostgreSQL");
  console.log("minting tokens and reading the organisation…");
  const world = await loadWorld(admin);
  const app = await startApp(url, poolSize);
  const baseline = await startBaseline(url, poolSize).catch(async (err: unknown) => {
    await app.stop();
    throw err;
  });
  const servers: Record<Side, Target> = {
    app: { baseUrl: app.baseUrl, pid: app.pid, applicationName: "groundwork" },
    baseline: { baseUrl: baseline.baseUrl, pid: baseline.pid, applicationName: "gw-bench-baseline" },
  };
  const started = new Date();
  const results: EndpointResult[] = [];
  try {
    console.log(`${endpoints.length} endpoints, ${seconds} s per side each (${rounds} rounds, ${warmup} s warm-up), ${connections} connections, pool ${poolSize}`);
    for (const endpoint of endpoints) results.push(await benchEndpoint(endpoint, world, admin, servers));
  } finally {
    await Promise.all([app.stop(), baseline.stop()]);
    // The run's tokens lived only in this process's memory; they are revoked with it.
    await revokeOldTokens(admin).catch(() => undefined);
    await admin.end();
  }
  console.log(`\n${resultsTable(results)}\n\nTargets:\n${verdictLines(results).join("\n")}`);
  const failed = failureLines(results);
  console.log(failed.length ? `\nFailed requests:\n${failed.join("\n")}` : "\nNo failed requests.");
  // The servers' logs stay for a run with failures, to read the errors behind them.
  if (failed.length) console.log(`server logs: ${app.logFile}, ${baseline.logFile}`);
  else for (const file of [app.logFile, baseline.logFile]) rmSync(file, { force: true });
  if (!values["no-results"]) {
    const settings = { database: values.database, employees: seeded, seconds, rounds, warmup, connections, poolSize };
    writeFileSync(values.results, resultsMarkdown(results, machine, settings, started));
    console.log(`\nwritten to ${path.relative(process.cwd(), values.results)}`);
  }
}

main().catch((err: unknown) => {
  console.error(err);
  process.exit(1);
});
