// What the database must hold after the crashes: every acknowledged write exactly once (with the id
// its acknowledgement named), nothing twice, and each write's side effects (task, outbox event,
// audit row, stored idempotent answer) exactly once; the audit hash chain still verifies.
import pg from "pg";
import { openPostgres } from "../../db/client";
import { verifyAuditChain } from "../../lib/audit/verify";
import type { WriterRun } from "./writers";

export type Verification = { rows: number; tasks: number; events: number; auditRows: number; auditChain: string; violations: string[] };

const list = (items: Iterable<string | number>, max = 10) => {
  const all = [...items];
  return all.slice(0, max).join(", ") + (all.length > max ? ` … (${all.length} in all)` : "");
};

export async function verifyDatabase(url: string, runId: string, run: WriterRun): Promise<Verification> {
  const violations: string[] = [];
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  const like = `${runId}-%`;
  try {
    const { rows } = await client.query<{ id: number; title: string; approval_required: boolean; created_task_id: number | null }>(
      "select id, title, approval_required, created_task_id from task_request where title like $1",
      [like],
    );
    const byTitle = new Map<string, typeof rows>();
    for (const row of rows) byTitle.set(row.title, [...(byTitle.get(row.title) ?? []), row]);

    const duplicated = [...byTitle].filter(([, found]) => found.length > 1);
    if (duplicated.length > 0) violations.push(`writes stored more than once: ${list(duplicated.map(([title, found]) => `${title} ×${found.length}`))}`);

    const lost: string[] = [];
    const wrongId: string[] = [];
    for (const ack of run.acks.values()) {
      const found = byTitle.get(ack.key);
      if (!found) lost.push(`${ack.key} (acknowledged as row ${ack.id})`);
      else if (!found.some((row) => row.id === ack.id)) wrongId.push(`${ack.key}: acknowledged row ${ack.id}, stored ${found.map((r) => r.id).join("/")}`);
    }
    if (lost.length > 0) violations.push(`acknowledged writes missing from the database: ${list(lost)}`);
    if (wrongId.length > 0) violations.push(`acknowledged ids that do not match the stored rows: ${list(wrongId)}`);

    // Writes the run gave up waiting for may or may not exist; anything else must have been acknowledged.
    const stray = [...byTitle.keys()].filter((title) => !run.acks.has(title) && !run.unacked.has(title));
    if (stray.length > 0) violations.push(`rows whose write was never sent or never acknowledged: ${list(stray)}`);
    const maxRows = run.acks.size + [...run.unacked].filter((key) => byTitle.has(key)).length;
    if (byTitle.size !== maxRows || rows.length !== maxRows) {
      violations.push(`${rows.length} rows carry the run's marker, expected ${maxRows} (${run.acks.size} acknowledged writes)`);
    }

    // Granted requests created exactly one task each, and no task without its request.
    const granted = rows.filter((r) => !r.approval_required);
    const { rows: tasks } = await client.query<{ id: number; name: string }>("select id, name from tasks where name like $1", [like]);
    const requestOfTask = new Map(granted.map((r) => [r.created_task_id, r.title]));
    const orphanTasks = tasks.filter((t) => requestOfTask.get(t.id) !== t.name);
    if (granted.some((r) => r.created_task_id === null)) violations.push("granted requests without their task");
    if (tasks.length !== granted.length || orphanTasks.length > 0) {
      violations.push(`${tasks.length} tasks carry the marker for ${granted.length} granted requests; unmatched: ${list(orphanTasks.map((t) => `${t.name} (task ${t.id})`))}`);
    }

    // One outbox event and one sealed audit insert per stored request.
    const ids = rows.map((r) => r.id);
    const { rows: events } = await client.query<{ request_id: number; n: number }>(
      "select (payload->>'task_request_id')::int as request_id, count(*)::int as n from events where type = 'task_request.created' and (payload->>'task_request_id')::int = any($1) group by 1",
      [ids],
    );
    const eventCount = new Map(events.map((e) => [e.request_id, e.n]));
    const badEvents = ids.filter((id) => eventCount.get(id) !== 1);
    if (badEvents.length > 0) violations.push(`requests without exactly one task_request.created event: ${list(badEvents.map((id) => `${id} (${eventCount.get(id) ?? 0})`))}`);

    // The server under test seals audit rows within a second of their commit; it must still be
    // doing so after the crashes, so the last writes' rows are given a few seconds to join.
    await waitForSeals(client, 10_000);
    const { rows: audits } = await client.query<{ row_key: string; n: number; unsealed: number }>(
      "select row_key, count(*)::int as n, count(*) filter (where seq is null or hash is null)::int as unsealed from audit_log where table_name = 'task_request' and action = 'insert' and row_key = any($1) group by 1",
      [ids.map(String)],
    );
    const auditOf = new Map(audits.map((a) => [a.row_key, a]));
    const badAudit = ids.filter((id) => auditOf.get(String(id))?.n !== 1 || auditOf.get(String(id))?.unsealed !== 0);
    if (badAudit.length > 0) violations.push(`requests without exactly one sealed audit insert row: ${list(badAudit)}`);

    // Every stored key holds its answer: the key row and the work commit together.
    const { rows: keys } = await client.query<{ n: number; unanswered: number }>(
      "select count(*)::int as n, count(*) filter (where status_code is null or response_body is null)::int as unanswered from idempotency_keys where key like $1",
      [like],
    );
    const keyRow = keys[0] ?? { n: 0, unanswered: 0 };
    if (keyRow.unanswered > 0) violations.push(`${keyRow.unanswered} idempotency keys are stored without their answer`);
    if (keyRow.n !== byTitle.size) violations.push(`${keyRow.n} idempotency keys stored for ${byTitle.size} stored writes`);

    const database = await openPostgres(url, { max: 1, applicationName: "fault-verify" });
    let auditChain: string;
    try {
      const chain = await verifyAuditChain(database.db);
      auditChain = chain.ok ? `intact (${chain.rows} rows)` : `BROKEN at row ${chain.brokenAt.id}: ${chain.brokenAt.reason}`;
      if (!chain.ok) violations.push(`the audit hash chain is broken at row ${chain.brokenAt.id}: ${chain.brokenAt.reason}`);
    } finally {
      await database.close();
    }
    return { rows: rows.length, tasks: tasks.length, events: events.length, auditRows: audits.length, auditChain, violations };
  } finally {
    await client.end();
  }
}

async function waitForSeals(client: pg.Client, timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const { rows } = await client.query<{ waiting: boolean }>("select exists (select 1 from audit_log where seq is null) as waiting");
    if (!rows[0]?.waiting || Date.now() > deadline) return;
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
}
