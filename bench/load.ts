// One timed load run with autocannon against one server: requests come from a source that hands out
// a distinct request each time (a write never repeats a row), and every answer's status and latency
// is kept, so runs of one side can be merged exactly and no non-2xx answer goes unreported.
import autocannon from "autocannon";

/** One HTTP request of a benchmark; the source decides which rows it touches. */
export type BenchRequest = { method: "GET" | "POST"; path: string; token: string; body?: unknown };

/** Hands out the next request; null once the prepared rows are used up. */
export type RequestSource = () => BenchRequest | null;

export type RunSample = {
  /** Latencies of the 2xx answers, in milliseconds. */
  okLatencies: number[];
  ok: number;
  /** Answers by non-2xx status. */
  statuses: Map<number, number>;
  /** Timeouts and connection errors. */
  errors: number;
  /** A few non-2xx bodies, to name the failure in the report. */
  examples: string[];
  seconds: number;
  /** The source ran dry before the time was up. */
  exhausted: boolean;
};

export function emptySample(): RunSample {
  return { okLatencies: [], ok: 0, statuses: new Map(), errors: 0, examples: [], seconds: 0, exhausted: false };
}

export function mergeSamples(into: RunSample, from: RunSample): RunSample {
  for (const latency of from.okLatencies) into.okLatencies.push(latency);
  into.ok += from.ok;
  for (const [status, n] of from.statuses) into.statuses.set(status, (into.statuses.get(status) ?? 0) + n);
  into.errors += from.errors;
  for (const example of from.examples) if (into.examples.length < 3) into.examples.push(example);
  into.seconds += from.seconds;
  into.exhausted ||= from.exhausted;
  return into;
}

const MAX_EXAMPLES = 3;
/** A request sent once the time is up or the rows ran out: answered from memory, never counted. */
const IDLE_REQUEST = { method: "GET", path: "/api/health", headers: {}, body: undefined } as const;

/**
 * Runs `connections` keep-alive connections against baseUrl for `seconds`, each request from `next`.
 * Closed loop: when the time is up no new request starts, the ones in flight are awaited and counted,
 * and the elapsed time runs to the last answer, so slow endpoints lose no requests at the cut.
 */
export async function runLoad(options: { baseUrl: string; seconds: number; connections: number; next: RequestSource }): Promise<RunSample> {
  const sample = emptySample();
  const { baseUrl, seconds, connections, next } = options;
  const first = next();
  if (!first) return { ...sample, exhausted: true };
  let pending: BenchRequest | null = first;
  let instance: autocannon.Instance | undefined;
  let started = performance.now();
  let deadline = Infinity;
  let lastAnswer = started;
  let inFlight = 0;
  let stopping = false;
  const finishIfDrained = () => {
    if (!stopping && inFlight === 0 && (performance.now() >= deadline || sample.exhausted)) {
      stopping = true;
      setImmediate(() => instance?.stop());
    }
  };

  // onResponse and the "response" event run back to back for one answer: the flag carries over.
  let idle = false;
  const setupRequest = (request: autocannon.Request, context: object): autocannon.Request => {
    const current = performance.now() < deadline && !sample.exhausted ? (pending ?? next()) : null;
    pending = null;
    if (!current && performance.now() < deadline) sample.exhausted = true;
    (context as { idle?: boolean }).idle = !current;
    if (!current) {
      finishIfDrained();
      return { ...request, ...IDLE_REQUEST };
    }
    inFlight += 1;
    const headers: Record<string, string> = { authorization: `Bearer ${current.token}` };
    if (current.body !== undefined) headers["content-type"] = "application/json";
    return { ...request, method: current.method, path: current.path, headers, body: current.body === undefined ? undefined : JSON.stringify(current.body) };
  };
  const onResponse = (status: number, body: string, context: object) => {
    idle = (context as { idle?: boolean }).idle === true;
    if (idle) return;
    inFlight -= 1;
    lastAnswer = performance.now();
    if ((status < 200 || status > 299) && sample.examples.length < MAX_EXAMPLES) sample.examples.push(`${status} ${body.slice(0, 300)}`);
  };

  const done = new Promise<void>((resolve, reject) => {
    instance = autocannon(
      // The time limit is ours (deadline); autocannon's duration only guards against a request that never ends.
      { url: baseUrl, connections, duration: seconds + 60, timeout: 30, requests: [{ setupRequest, onResponse }] },
      (err) => (err ? reject(err instanceof Error ? err : new Error(String(err))) : resolve()),
    );
    instance.on("start", () => {
      started = performance.now();
      deadline = started + seconds * 1000;
    });
    instance.on("response", (_client, statusCode, _bytes, responseTime) => {
      if (!idle) {
        if (statusCode >= 200 && statusCode <= 299) {
          sample.ok += 1;
          sample.okLatencies.push(responseTime);
        } else {
          sample.statuses.set(statusCode, (sample.statuses.get(statusCode) ?? 0) + 1);
        }
      }
      finishIfDrained();
    });
    instance.on("reqError", () => {
      sample.errors += 1;
    });
  });
  await done;
  sample.seconds = (lastAnswer - started) / 1000;
  return sample;
}
