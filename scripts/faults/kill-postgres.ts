// npm run test:faults [-- --cycles 5 --writers 8 --down-ms 2000 --healthy-ms 5000]
// Durability under database crashes: the production server runs against a throwaway PostgreSQL
// cluster while writers send task requests, each under an Idempotency-Key, retrying every write
// until it is acknowledged. PostgreSQL is SIGKILLed and restarted (crash recovery) several times.
// Afterwards every acknowledged write is in the database exactly once, no retry or replay made a
// second row, the app answered again within 15 s of each restart, and it never crashed and still
// shuts down cleanly. Exits 1 with the list of violations otherwise.
import { randomBytes } from "node:crypto";
import { parseArgs } from "node:util";
import { generateKeyEntry } from "../../lib/crypto/keyring";
import { childEnv, ensureProductionBuild, freePort } from "../../test/http-server";
import { type AppServer, poolGauges, startAppServer } from "./app-server";
import { type Cluster, type CrashMode, createCluster } from "./cluster";
import { createDatabase, prepareTestData } from "./setup-data";
import { verifyDatabase } from "./verify";
import { firstSuccessAfter, newWriterRun, startWriters, type WriterRun } from "./writers";

const { values } = parseArgs({
  options: {
    cycles: { type: "string", default: "5" },
    writers: { type: "string", default: "8" },
    "down-ms": { type: "string", default: "2000" },
    "healthy-ms": { type: "string", default: "5000" },
    "pace-ms": { type: "string", default: "200" },
  },
  strict: true,
});
const CYCLES = Number(values.cycles);
const WRITERS = Number(values.writers);
const DOWN_MS = Number(values["down-ms"]);
const HEALTHY_MS = Number(values["healthy-ms"]);
const PACE_MS = Number(values["pace-ms"]);
for (const [name, value] of Object.entries({ cycles: CYCLES, writers: WRITERS, "down-ms": DOWN_MS, "healthy-ms": HEALTHY_MS, "pace-ms": PACE_MS })) {
  if (!Number.isSafeInteger(value) || value < 0) throw new Error(`--${name} takes a whole number, got ${String(value)}`);
}
/** The promise under test: the app serves again this soon after PostgreSQL is back. */
const RECOVERY_LIMIT_S = 15;
/** Every writer gets a write through this soon after a restart (Retry-After is 5 s). */
const RESUME_LIMIT_MS = 30_000;
const DATABASE = "groundwork";

const began = Date.now();
const elapsed = () => `${((Date.now() - began) / 1000).toFixed(1)}s`;
const log = (line: string) => console.log(`[${elapsed().padStart(6)}] ${line}`);
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

type CycleRow = { cycle: number; mode: CrashMode; inFlight: number; killed: number; downS: number; pgStartS: number; recoveryS: number | null; firstAckS: number | null; acked: number; failures: string };

function tally(kinds: string[]): string {
  const counts = new Map<string, number>();
  for (const kind of kinds) counts.set(kind, (counts.get(kind) ?? 0) + 1);
  return [...counts].map(([kind, n]) => `${kind}×${n}`).join(", ") || "-";
}

async function crashCycle(cycle: number, cluster: Cluster, app: AppServer, probeToken: string, run: WriterRun, writerCount: number, violations: string[]): Promise<CycleRow> {
  // Alternately the postmaster alone (its children notice and exit) and every process at once.
  const mode: CrashMode = cycle % 2 === 1 ? "postmaster" : "all";
  const inFlight = run.onTheWire.size;
  const killAt = Date.now();
  const { killed } = await cluster.crash(mode);
  log(`cycle ${cycle}: PostgreSQL killed (SIGKILL to ${mode === "all" ? "every process" : "the postmaster"}; ${killed} process(es) killed) with ${inFlight} write(s) on the wire`);
  await sleep(DOWN_MS);
  const startCalled = Date.now();
  await cluster.start();
  const startedAt = Date.now();
  log(`cycle ${cycle}: PostgreSQL restarted (crash recovery and start took ${((startedAt - startCalled) / 1000).toFixed(1)} s)`);

  const probed = new Map<string, number>();
  const firstOk = await firstSuccessAfter(app.baseUrl, probeToken, 60_000, probed);
  const recoveryS = firstOk === null ? null : (firstOk - startedAt) / 1000;
  if (recoveryS === null) violations.push(`cycle ${cycle}: the app did not answer 200 within 60 s of the restart (probe saw ${tally([...probed].flatMap(([k, n]) => Array<string>(n).fill(k)))})`);
  else if (recoveryS > RECOVERY_LIMIT_S) violations.push(`cycle ${cycle}: the app served again only ${recoveryS.toFixed(1)} s after the restart (limit ${RECOVERY_LIMIT_S} s)`);
  log(`cycle ${cycle}: app served again after ${recoveryS?.toFixed(2) ?? "—"} s`);

  // Healthy for a while, and every writer has had a write acknowledged since the restart.
  const deadline = startedAt + RESUME_LIMIT_MS;
  for (;;) {
    const resumed = new Set([...run.acks.values()].filter((a) => a.at > startedAt).map((a) => a.writer));
    if (resumed.size === writerCount && Date.now() - (firstOk ?? startedAt) >= HEALTHY_MS) break;
    if (Date.now() > deadline) {
      violations.push(`cycle ${cycle}: only ${resumed.size} of ${writerCount} writers had a write acknowledged within ${RESUME_LIMIT_MS / 1000} s of the restart`);
      break;
    }
    await sleep(100);
  }
  const after = [...run.acks.values()].filter((a) => a.at > startedAt).map((a) => a.at);
  const acked = [...run.acks.values()].filter((a) => a.at >= killAt).length;
  return {
    cycle,
    mode,
    inFlight,
    killed,
    downS: (startedAt - killAt) / 1000,
    pgStartS: (startedAt - startCalled) / 1000,
    recoveryS,
    firstAckS: after.length ? (Math.min(...after) - startedAt) / 1000 : null,
    acked,
    failures: tally(run.outcomes.filter((o) => o.at >= killAt).map((o) => o.kind)),
  };
}

function printCycles(rows: CycleRow[], run: WriterRun): void {
  const header = ["cycle", "SIGKILL to", "on wire", "killed", "down s", "pg start s", "recovery s", "1st ack s", "acked", "non-2xx answers while down and after"];
  const cells = rows.map((r) => [String(r.cycle), r.mode, String(r.inFlight), String(r.killed), r.downS.toFixed(1), r.pgStartS.toFixed(1), r.recoveryS?.toFixed(2) ?? "—", r.firstAckS?.toFixed(2) ?? "—", String(r.acked), r.failures]);
  const widths = header.map((h, i) => Math.max(h.length, ...cells.map((c) => (c[i] ?? "").length)));
  const line = (c: string[]) => c.map((v, i) => (i === c.length - 1 ? v : v.padStart(widths[i] ?? 0))).join("  ");
  console.log(`\n${line(header)}\n${line(widths.map((w) => "-".repeat(w)))}`);
  for (const c of cells) console.log(line(c));
  // Each row counts from its kill to the end of the healthy time after the restart.
  console.log(`\nwrites acknowledged: ${run.acks.size} (requests sent ${run.requests}, replays of acknowledged keys ${run.replays.sent}, confirmed ${run.replays.confirmed}; keys sent twice at once ${run.concurrentSends}; writes committed whose answer was lost, then acknowledged by replay ${run.committedButUnanswered}; slowest answer ${(run.maxLatencyMs / 1000).toFixed(2)} s)`);
}

async function main(): Promise<number> {
  const violations: string[] = [];
  let cluster: Cluster | undefined;
  let app: AppServer | undefined;
  // Ctrl-C or a kill of this script: the exit handler still ends the server and the cluster.
  process.on("exit", () => {
    app?.kill();
    cluster?.destroySync();
  });
  for (const signal of ["SIGINT", "SIGTERM"] as const) {
    process.on(signal, () => {
      console.error(`\n${signal}: stopping the server and removing the PostgreSQL cluster`);
      process.exit(130);
    });
  }

  try {
    log("production build (built only when missing or stale)");
    await ensureProductionBuild();
    cluster = await createCluster(await freePort());
    await cluster.start();
    log(`throwaway PostgreSQL cluster on port ${cluster.port} (fsync on)`);
    await createDatabase(cluster.url("postgres"), DATABASE);
    const url = cluster.url(DATABASE);
    const encryptionKeys = generateKeyEntry("fault");
    process.env.GROUNDWORK_ENCRYPTION_KEYS = encryptionKeys;
    const data = await prepareTestData(url, WRITERS);
    log(`database migrated and seeded in ${(data.seedMs / 1000).toFixed(1)} s; ${data.writers.length} writers (${data.writers.map((w) => w.role).join(", ")})`);

    const metricsToken = randomBytes(32).toString("base64url");
    const env = childEnv("/nonexistent", {
      NODE_ENV: "production",
      DATABASE_URL: url,
      NEXTAUTH_SECRET: randomBytes(48).toString("base64url"),
      GROUNDWORK_ENCRYPTION_KEYS: encryptionKeys,
      METRICS_TOKEN: metricsToken,
    });
    app = await startAppServer({ env, port: await freePort(), readyTimeoutMs: 120_000 });
    const pid = app.pid;
    log(`production server ready (pid ${pid})`);

    const runId = `fault-${Date.now().toString(36)}${randomBytes(2).toString("hex")}`;
    const run = newWriterRun();
    const writers = startWriters({ baseUrl: app.baseUrl, runId, writers: data.writers, paceMs: PACE_MS, replayShare: 0.2, concurrentShare: 0.08 }, run);
    await sleep(HEALTHY_MS);
    log(`warm-up: ${run.acks.size} writes acknowledged`);
    if (run.acks.size === 0) violations.push("no write was acknowledged before the first crash");

    const rows: CycleRow[] = [];
    for (let cycle = 1; cycle <= CYCLES; cycle++) {
      rows.push(await crashCycle(cycle, cluster, app, data.probeToken, run, data.writers.length, violations));
      const how = app.exited();
      if (how !== null) {
        violations.push(`the server process ended (${how}) during cycle ${cycle}`);
        break;
      }
    }
    await writers.stop(30_000);
    log(`writers stopped: ${run.acks.size} acknowledged, ${run.unacked.size} given up`);
    violations.push(...run.violations);
    printCycles(rows, run);

    const result = await verifyDatabase(url, runId, run);
    violations.push(...result.violations);
    console.log(`database: ${result.rows} marked requests, ${result.tasks} tasks, ${result.events} with their event, ${result.auditRows} with their audit row; audit chain ${result.auditChain}`);

    const how = app.exited();
    const ready = await fetch(`${app.baseUrl}/api/health/ready`, { signal: AbortSignal.timeout(10_000) }).then((r) => r.status, () => 0);
    if (how !== null) violations.push(`the server process ${pid} ended during the run (${how})`);
    else if (ready !== 200) violations.push(`the server (pid ${pid}) is running but /api/health/ready answers ${ready}`);
    // Nothing runs now: every pool connection must be back (a checked-out one is leaked for good).
    const pool = await poolGauges(app.baseUrl, metricsToken).catch((err: unknown) => ({ error: String(err) }));
    console.log(`database pool of the server: ${JSON.stringify(pool)}`);
    if ("total" in pool && "idle" in pool && pool.total !== pool.idle) {
      violations.push(`${pool.total - pool.idle} database connection(s) of the server's pool are checked out with no request running: leaked (pool ${JSON.stringify(pool)})`);
    }
    const errors = app.errorLogs();
    if (errors.length > 0) {
      const kinds = errors.map((e) => `${String(e.msg)}${typeof e.err === "object" && e.err !== null ? `: ${String((e.err as { message?: unknown }).message)}` : ""}`);
      console.log(`server error log lines: ${tally(kinds.map((k) => k.slice(0, 160)))}`);
    }
    if (how === null) {
      const stopped = await app.terminate(15_000);
      log(`server stopped by SIGTERM in ${stopped.ms} ms: ${stopped.signal ?? `exit code ${stopped.code}`}`);
      if (stopped.code !== 0) violations.push(`the server did not exit 0 on SIGTERM (${stopped.signal ?? `exit code ${stopped.code}`})`);
    }
  } catch (err) {
    violations.push(`the test could not run: ${err instanceof Error ? (err.stack ?? err.message) : String(err)}`);
  } finally {
    if (violations.length > 0 && cluster) console.error(`\nPostgreSQL log (tail):\n${cluster.logTail(30)}`);
    if (violations.length > 0 && app) console.error(`\nserver output (tail):\n${app.output(40)}`);
    app?.kill();
    await cluster?.destroy();
  }
  if (violations.length > 0) {
    console.error(`\nFAILED: ${violations.length} violation(s)`);
    for (const v of violations.slice(0, 40)) console.error(`  - ${v}`);
    if (violations.length > 40) console.error(`  … and ${violations.length - 40} more`);
    return 1;
  }
  log(`PASSED: ${CYCLES} crashes of PostgreSQL, no acknowledged write lost, none duplicated`);
  return 0;
}

process.exit(await main());
