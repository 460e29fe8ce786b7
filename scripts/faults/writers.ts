// Writers for the fault test: each loops over logical writes (POST /api/task-requests with a title
// that marks the run), every one under its own Idempotency-Key. A write that is not answered 2xx is
// sent again, same key and same body, until it is; acknowledged writes are recorded. Some keys are
// deliberately sent twice at once, and some acknowledged ones are sent again later: both must be
// answered with the same row, never a second one.
import type { Writer } from "./setup-data";

/** A client-side limit: the server gives up on a database within 5 s (pool) or 35 s (statement). */
const REQUEST_TIMEOUT_MS = 40_000;
const MAX_RETRY_AFTER_MS = 10_000;

export type Ack = { key: string; writer: number; id: number; at: number; attempts: number; createsTask: boolean };
export type Outcome = { at: number; writer: number; kind: string };

export type WriterRun = {
  acks: Map<string, Ack>;
  /** Every answer that was not 2xx, and every network error or timeout, in order. */
  outcomes: Outcome[];
  /** Logical writes started and never acknowledged (only when the run had to stop waiting). */
  unacked: Set<string>;
  violations: string[];
  replays: { sent: number; confirmed: number };
  concurrentSends: number;
  /** Writes sent once whose first 2xx was a replay: committed, but the answer was lost to the crash. */
  committedButUnanswered: number;
  requests: number;
  maxLatencyMs: number;
  /** Keys with a request on the wire right now. */
  onTheWire: Map<string, number>;
};

type Options = { baseUrl: string; runId: string; writers: Writer[]; paceMs: number; replayShare: number; concurrentShare: number };

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

export function newWriterRun(): WriterRun {
  return { acks: new Map(), outcomes: [], unacked: new Set(), violations: [], replays: { sent: 0, confirmed: 0 }, concurrentSends: 0, committedButUnanswered: 0, requests: 0, maxLatencyMs: 0, onTheWire: new Map() };
}

type Answer = { id: number; replayed: boolean };

/**
 * Starts the writers; they run until `stop()` is called, then finish the logical write they are on
 * (giving up at `finishDeadline`) and resolve.
 */
export function startWriters(options: Options, run: WriterRun): { stop: (finishWithinMs: number) => Promise<void> } {
  // Read through a function: the loops must see the change stop() makes while they wait.
  const control = { stopping: false, finishDeadline: Number.POSITIVE_INFINITY };
  const stopping = () => control.stopping;
  // Per key: how many times the server did the work (an answer without Idempotent-Replayed).
  const freshAnswers = new Map<string, number>();

  /** Sends one request of a logical write until it is answered 2xx; null when the run stopped waiting. */
  const send = async (writer: Writer, key: string, body: unknown): Promise<(Answer & { attempts: number }) | null> => {
    let attempts = 0;
    let backoff = 100;
    for (;;) {
      attempts += 1;
      run.requests += 1;
      const started = performance.now();
      run.onTheWire.set(key, (run.onTheWire.get(key) ?? 0) + 1);
      let delay: number;
      try {
        const response = await fetch(`${options.baseUrl}/api/task-requests`, {
          method: "POST",
          headers: { authorization: `Bearer ${writer.token}`, "content-type": "application/json", "idempotency-key": key },
          body: JSON.stringify(body),
          signal: AbortSignal.timeout(REQUEST_TIMEOUT_MS),
        });
        const text = await response.text();
        run.maxLatencyMs = Math.max(run.maxLatencyMs, performance.now() - started);
        if (response.ok) {
          const id = (JSON.parse(text) as { id?: unknown }).id;
          if (typeof id !== "number") {
            run.violations.push(`${key}: 2xx answer without a numeric id: ${text.slice(0, 200)}`);
            return null;
          }
          const replayed = response.headers.get("idempotent-replayed") === "true";
          if (!replayed) freshAnswers.set(key, (freshAnswers.get(key) ?? 0) + 1);
          return { id, replayed, attempts };
        }
        const code = problemCode(text);
        const retryAfter = response.headers.get("retry-after");
        run.outcomes.push({ at: Date.now(), writer: writer.index, kind: `${response.status}${code ? ` ${code}` : ""}` });
        const unexpected = classify(response.status, code, retryAfter);
        if (unexpected) run.violations.push(`${key}: ${unexpected} (request id ${response.headers.get("x-request-id") ?? "?"}): ${text.slice(0, 300)}`);
        delay = retryAfter !== null && Number.isFinite(Number(retryAfter)) ? Math.min(Number(retryAfter) * 1000, MAX_RETRY_AFTER_MS) : backoff;
      } catch (err) {
        const timedOut = err instanceof Error && (err.name === "TimeoutError" || err.name === "AbortError");
        run.maxLatencyMs = Math.max(run.maxLatencyMs, performance.now() - started);
        run.outcomes.push({ at: Date.now(), writer: writer.index, kind: timedOut ? "timeout" : "network error" });
        if (timedOut) run.violations.push(`${key}: no answer within ${REQUEST_TIMEOUT_MS / 1000} s (the request hung)`);
        delay = backoff;
      } finally {
        const left = (run.onTheWire.get(key) ?? 1) - 1;
        if (left === 0) run.onTheWire.delete(key);
        else run.onTheWire.set(key, left);
      }
      if (Date.now() + delay > control.finishDeadline) return null;
      backoff = Math.min(backoff * 2, 2_000);
      await sleep(delay * (0.8 + Math.random() * 0.4));
    }
  };

  const loop = async (writer: Writer) => {
    const mine: Array<{ key: string; body: unknown; id: number }> = [];
    const createsTask = writer.role !== "employee";
    for (let n = 1; !stopping(); n++) {
      const key = `${options.runId}-w${writer.index}-${n}`;
      // The title is the marker the verification counts rows by; managers and admins grant their
      // own request at once, which creates a task as well.
      const body = { title: key, description: "fault test write", assignee_ids: [writer.userId], ...(createsTask ? { approval_required: false } : {}) };
      const twice = Math.random() < options.concurrentShare;
      if (twice) run.concurrentSends += 1;
      const answers = await Promise.all(twice ? [send(writer, key, body), send(writer, key, body)] : [send(writer, key, body)]);
      const done = answers.filter((a): a is Answer & { attempts: number } => a !== null);
      if (done.length === 0) {
        run.unacked.add(key);
        continue;
      }
      const ids = new Set(done.map((a) => a.id));
      if (ids.size > 1) run.violations.push(`${key}: one key sent twice at once was answered with different rows ${[...ids].join(" and ")}`);
      const first = done[0] as Answer & { attempts: number };
      if (!twice && first.replayed) run.committedButUnanswered += 1;
      run.acks.set(key, { key, writer: writer.index, id: first.id, at: Date.now(), attempts: Math.max(...done.map((a) => a.attempts)), createsTask });
      mine.push({ key, body, id: first.id });

      if (!stopping() && mine.length > 1 && Math.random() < options.replayShare) {
        const earlier = mine[Math.floor(Math.random() * (mine.length - 1))] as (typeof mine)[number];
        run.replays.sent += 1;
        const again = await send(writer, earlier.key, earlier.body);
        if (again) {
          if (again.id !== earlier.id) run.violations.push(`${earlier.key}: a replay was answered with row ${again.id}, the first answer was row ${earlier.id}`);
          else if (!again.replayed) run.violations.push(`${earlier.key}: a replay of an acknowledged write was not marked Idempotent-Replayed`);
          else run.replays.confirmed += 1;
        }
      }
      await sleep(options.paceMs * (0.5 + Math.random()));
    }
  };

  const done = Promise.all(options.writers.map((w) => loop(w)));
  return {
    stop: async (finishWithinMs: number) => {
      control.stopping = true;
      control.finishDeadline = Date.now() + finishWithinMs;
      await done;
      for (const [key, fresh] of freshAnswers) {
        if (fresh > 1) run.violations.push(`${key}: the server did the work ${fresh} times (answers without Idempotent-Replayed)`);
      }
    },
  };
}

function problemCode(text: string): string | undefined {
  try {
    const code = (JSON.parse(text) as { code?: unknown }).code;
    return typeof code === "string" ? code : undefined;
  } catch {
    return undefined;
  }
}

/** Why a non-2xx answer is wrong for a valid write while the database comes and goes; undefined if it is expected. */
function classify(status: number, code: string | undefined, retryAfter: string | null): string | undefined {
  if (status === 503) return retryAfter === null ? "503 without Retry-After" : undefined;
  // A concurrent duplicate of the same key, or a serialisation conflict: the client retries.
  if (status === 409 && code === "conflict") return undefined;
  if (status === 429) return undefined;
  return `unexpected ${status}${code ? ` ${code}` : ""}`;
}

/**
 * Polls an authenticated read (GET /api/me, which also writes the token's rate-limit row) every
 * 100 ms until it is answered 200; resolves with the time of that answer, or null after `giveUpMs`.
 */
export async function firstSuccessAfter(baseUrl: string, token: string, giveUpMs: number, seen: Map<string, number>): Promise<number | null> {
  const deadline = Date.now() + giveUpMs;
  while (Date.now() < deadline) {
    const kind = await fetch(`${baseUrl}/api/me`, { headers: { authorization: `Bearer ${token}` }, signal: AbortSignal.timeout(10_000) }).then(
      async (r) => {
        await r.arrayBuffer();
        return String(r.status);
      },
      (err: unknown) => (err instanceof Error && err.name === "TimeoutError" ? "timeout" : "network error"),
    );
    seen.set(kind, (seen.get(kind) ?? 0) + 1);
    if (kind === "200") return Date.now();
    await sleep(100);
  }
  return null;
}
