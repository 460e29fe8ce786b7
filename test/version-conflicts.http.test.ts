// Optimistic versions under a real race: 50 clients (one API token each) do read-modify-write on the
// same row of server.ts (production build; PGlite, or PostgreSQL with DATABASE_URL). Each reads the
// row and writes back a change built on what it read: a task's description gets the client's tag
// appended, a checklist item is toggled todo ⇄ in_progress. Even clients send the version in the
// body (stale → 409), odd ones send the ETag back in If-Match (stale → 412). A lost update would
// show as a write answered 200 that is missing from the final value, the version count or the audit
// log; here every answer must be 200 or its conflict status, and the 200s must form one unbroken
// chain of versions, each built on the previous one's value.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startVersionWorld, type VersionWorld } from "./version-conflicts-world";

const CLIENTS = 50;
/** The retry round: enough racers to retry many times each, few enough to keep the suite quick. */
const RETRY_CLIENTS = 12;
const TEST_TIMEOUT_MS = 600_000;

let world: VersionWorld | undefined;

beforeAll(async () => {
  world = await startVersionWorld(CLIENTS);
}, 900_000);

afterAll(async () => {
  await world?.close();
}, 60_000);

type Answer = { status: number; etag: string | null; body: unknown };
type Mode = "body" | "if-match";
/** A row as read or as written: its version and the value the clients accumulate into. */
type Snapshot = { version: number; value: string };
type Attempt = { client: number; mode: Mode; requestId: string; read: Snapshot; status: number; body: unknown; written?: Snapshot };

const modeOf = (client: number): Mode => (client % 2 === 0 ? "body" : "if-match");
const tagOf = (client: number) => `c${String(client).padStart(2, "0")}`;
const tagsIn = (description: string) => description.split(",").filter(Boolean);

async function call(token: string, method: string, url: string, options: { body?: unknown; headers?: Record<string, string>; requestId?: string } = {}): Promise<Answer> {
  if (!world) throw new Error("the server did not start");
  const headers: Record<string, string> = { authorization: `Bearer ${token}`, ...options.headers };
  if (options.body !== undefined) headers["content-type"] = "application/json";
  if (options.requestId) headers["x-request-id"] = options.requestId;
  const response = await fetch(`${world.server.baseUrl}${url}`, {
    method,
    headers,
    body: options.body === undefined ? undefined : JSON.stringify(options.body),
    signal: AbortSignal.timeout(120_000),
  });
  const text = await response.text();
  const json = (response.headers.get("content-type") ?? "").includes("json") && text ? (JSON.parse(text) as unknown) : text;
  return { status: response.status, etag: response.headers.get("etag"), body: json };
}

function ok(answer: Answer, what: string): Record<string, unknown> {
  if (answer.status !== 200) throw new Error(`${what}: ${answer.status} ${JSON.stringify(answer.body).slice(0, 500)}`);
  return answer.body as Record<string, unknown>;
}

/** A row the clients race on: how to read it, how to write a change based on a read, what that change yields. */
type Resource = {
  table: "tasks" | "checklist_items";
  rowKey: () => string;
  read: (token: string, requestId: string) => Promise<Snapshot>;
  write: (token: string, read: Snapshot, client: number, requestId: string) => Promise<Answer>;
  /** The value a write by `client` on top of `value` must leave. */
  next: (value: string, client: number) => string;
  /** Version and value of the row in a 200 answer to write(). */
  writtenOf: (body: Record<string, unknown>) => Snapshot;
};

const current = () => {
  if (!world) throw new Error("the server did not start");
  return world;
};

const task: Resource = {
  table: "tasks",
  rowKey: () => String(current().taskId),
  read: async (token, requestId) => {
    const answer = await call(token, "GET", `/api/tasks/${current().taskId}`, { requestId });
    const body = ok(answer, "reading the task") as { version: number; description: string | null };
    expect(answer.etag).toBe(`"${body.version}"`);
    return { version: body.version, value: body.description ?? "" };
  },
  write: (token, read, client, requestId) => {
    const description = task.next(read.value, client);
    const conditional = modeOf(client) === "body" ? { body: { description, version: read.version } } : { body: { description }, headers: { "if-match": `"${read.version}"` } };
    return call(token, "PATCH", `/api/tasks/${current().taskId}`, { ...conditional, requestId });
  },
  next: (value, client) => (value ? `${value},${tagOf(client)}` : tagOf(client)),
  writtenOf: (body) => ({ version: body.version as number, value: (body.description as string | null) ?? "" }),
};

type ItemView = { id: number; version: number; status: { code: string } | null };
const statusCodeOf = (item: ItemView | undefined) => {
  if (!item?.status) throw new Error(`the checklist item has no status: ${JSON.stringify(item)}`);
  return item.status.code;
};

const checklistItem: Resource = {
  table: "checklist_items",
  rowKey: () => String(current().itemId),
  read: async (token, requestId) => {
    const { checklistId, itemId } = current();
    const body = ok(await call(token, "GET", `/api/checklists/${checklistId}`, { requestId }), "reading the checklist") as { items: ItemView[] };
    const item = body.items.find((i) => i.id === itemId);
    return { version: item?.version ?? 0, value: statusCodeOf(item) };
  },
  write: (token, read, client, requestId) => {
    const { checklistId, itemId } = current();
    const action = read.value === "todo" ? "start" : "reopen";
    const conditional = modeOf(client) === "body" ? { body: { action, version: read.version } } : { body: { action }, headers: { "if-match": `"${read.version}"` } };
    return call(token, "PATCH", `/api/checklists/${checklistId}/items/${itemId}`, { ...conditional, requestId });
  },
  next: (value) => (value === "todo" ? "in_progress" : "todo"),
  writtenOf: (body) => {
    const item = body.item as ItemView;
    return { version: item.version, value: statusCodeOf(item) };
  },
};

/** Resolves for everyone once all `parties` have called it. */
function barrier(parties: number): () => Promise<void> {
  let arrived = 0;
  let open: () => void = () => undefined;
  const opened = new Promise<void>((resolve) => (open = resolve));
  return () => {
    if (++arrived === parties) open();
    return opened;
  };
}

/** A random pause under a cap that doubles with each conflict, as a well-behaved client retries. */
const backOff = (conflicts: number) => new Promise((resolve) => setTimeout(resolve, Math.random() * Math.min(4_000, 50 * 2 ** conflicts)));

/**
 * One client: read, write back a change based on the read, and with `retry` back off and read
 * again after each conflict until a write lands. Every failed attempt means another write landed
 * after its read, so a client that fails as many times as there are racers has found a bug.
 */
async function runClient(resource: Resource, round: string, client: number, racers: number, sync: { start: () => Promise<void>; afterFirstRead?: () => Promise<void> }, retry: boolean) {
  const token = current().clientTokens[client] ?? "";
  const attempts: Attempt[] = [];
  await sync.start();
  for (let n = 0; n < racers; n++) {
    const requestId = `vc-${round}-${resource.table}-${tagOf(client)}-a${n}`;
    // A failed read still arrives at the barrier, so that the others are not left waiting.
    const read = await resource.read(token, `${requestId}-read`).catch((err: unknown) => (err instanceof Error ? err : new Error(String(err))));
    if (n === 0) await sync.afterFirstRead?.();
    if (read instanceof Error) throw read;
    const answer = await resource.write(token, read, client, requestId);
    const written = answer.status === 200 ? resource.writtenOf(answer.body as Record<string, unknown>) : undefined;
    if (written) expect(answer.etag, requestId).toBe(`"${written.version}"`);
    attempts.push({ client, mode: modeOf(client), requestId, read, status: answer.status, body: answer.body, written });
    if (answer.status === 200 || !retry || (answer.status !== 409 && answer.status !== 412)) return attempts;
    await backOff(n);
  }
  throw new Error(`client ${client} failed ${racers} times in a row`);
}

type AuditEntry = { request_id: string | null; before: { version: number } | null; after: { version: number } | null };

/** The audit log's updates of the row between two versions, oldest first. */
async function auditedUpdates(resource: Resource, from: number, to: number) {
  const entries: AuditEntry[] = [];
  let cursor: string | null = null;
  do {
    const query = new URLSearchParams({ table: resource.table, row_key: resource.rowKey(), action: "update", limit: "200", ...(cursor ? { cursor } : {}) });
    const page = ok(await call(current().auditToken, "GET", `/api/audit?${query.toString()}`), "reading the audit log") as { items: AuditEntry[]; next_cursor: string | null };
    entries.push(...page.items);
    cursor = page.next_cursor;
  } while (cursor !== null);
  return entries
    .filter((e) => (e.before?.version ?? 0) >= from && (e.after?.version ?? Infinity) <= to)
    .sort((a, b) => (a.after?.version ?? 0) - (b.after?.version ?? 0))
    .map((e) => [e.request_id, e.before?.version, e.after?.version]);
}

/** Runs one round of `racers` clients released together; checks what every answer and the row say. */
async function race(resource: Resource, round: "lockstep" | "retry", racers: number) {
  const start = barrier(racers);
  const afterFirstRead = round === "lockstep" ? barrier(racers) : undefined;
  const before = await resource.read(current().auditToken, `vc-${round}-${resource.table}-before`);
  const results = await Promise.allSettled(Array.from({ length: racers }, (_, client) => runClient(resource, round, client, racers, { start, afterFirstRead }, round === "retry")));
  const failures = results.flatMap((r) => (r.status === "rejected" ? [String(r.reason)] : []));
  expect(failures, current().server.output().slice(-4000)).toEqual([]);
  const attempts = results.flatMap((r) => (r.status === "fulfilled" ? r.value : []));
  const after = await resource.read(current().auditToken, `vc-${round}-${resource.table}-after`);

  // Every answer is a 200 or the refusal its client asked for, naming a newer version.
  for (const attempt of attempts.filter((a) => a.status !== 200)) {
    const problem = attempt.body as { code?: string; current_version?: number };
    const expected = attempt.mode === "body" ? { status: 409, code: "conflict" } : { status: 412, code: "precondition_failed" };
    expect({ status: attempt.status, code: problem.code }, `${attempt.requestId}: ${JSON.stringify(attempt.body).slice(0, 500)}`).toEqual(expected);
    expect(problem.current_version, attempt.requestId).toBeGreaterThan(attempt.read.version);
  }

  // The 200s form one chain: each read exactly what the previous one wrote and wrote the next version.
  const wins = attempts.filter((a) => a.status === 200).sort((a, b) => a.read.version - b.read.version);
  expect(wins.length).toBeGreaterThan(0);
  let state = before;
  for (const win of wins) {
    expect(win.read, win.requestId).toEqual(state);
    expect(win.written, win.requestId).toEqual({ version: state.version + 1, value: resource.next(state.value, win.client) });
    state = win.written ?? state;
  }
  expect(after).toEqual(state);
  expect(after.version).toBe(before.version + wins.length);
  // The audit log holds one update per 200, made by that request, and no other.
  expect(await auditedUpdates(resource, before.version, after.version)).toEqual(wins.map((w) => [w.requestId, w.read.version, w.read.version + 1]));
  return { before, after, attempts, wins };
}

const RESOURCES = [
  { name: "a task's description (PATCH /api/tasks/:id)", resource: task },
  { name: "a checklist item's status (PATCH /api/checklists/:id/items/:itemId)", resource: checklistItem },
];

for (const { name, resource } of RESOURCES) describe(`${CLIENTS} concurrent clients updating ${name}`, () => {
  it(
    "all read the same version, then all write: exactly one write lands, every other gets 409 (version in the body) or 412 (If-Match)",
    async () => {
      const { before, after, attempts, wins } = await race(resource, "lockstep", CLIENTS);
      expect(attempts).toHaveLength(CLIENTS);
      for (const attempt of attempts) expect(attempt.read, attempt.requestId).toEqual(before);
      expect(wins).toHaveLength(1);
      expect(attempts.filter((a) => a.status === 409)).toHaveLength(CLIENTS / 2 - (wins[0]?.mode === "body" ? 1 : 0));
      expect(attempts.filter((a) => a.status === 412)).toHaveLength(CLIENTS / 2 - (wins[0]?.mode === "if-match" ? 1 : 0));
      if (resource === task) expect(tagsIn(after.value)).toEqual([...tagsIn(before.value), tagOf(wins[0]?.client ?? -1)]);
      else expect(after.value).not.toBe(before.value);
    },
    TEST_TIMEOUT_MS,
  );

  it(
    `${RETRY_CLIENTS} clients that lose re-read and retry: all writes land, one version each, none lost`,
    async () => {
      const { before, after, attempts, wins } = await race(resource, "retry", RETRY_CLIENTS);
      expect(wins.map((w) => w.client).sort((a, b) => a - b)).toEqual(Array.from({ length: RETRY_CLIENTS }, (_, i) => i));
      expect(after.version).toBe(before.version + RETRY_CLIENTS);
      // Conflicts are what made the retries: one refused attempt per extra attempt.
      expect(attempts.length - wins.length).toBe(attempts.filter((a) => a.status === 409 || a.status === 412).length);
      if (resource === task) {
        const added = tagsIn(after.value).slice(tagsIn(before.value).length);
        expect(added).toEqual(wins.map((w) => tagOf(w.client)));
        expect(new Set(added).size).toBe(RETRY_CLIENTS);
      } else {
        // An even number of toggles: back where it started.
        expect(after.value).toBe(before.value);
      }
    },
    TEST_TIMEOUT_MS,
  );
});
