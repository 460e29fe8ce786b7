// Saving answers one request at a time with the latest version: choices at once, typing after a
// pause, a stale version read again and re-sent, network failures retried, a closed attempt
// stopping the saving with the server's reason.
import { describe, expect, it } from "vitest";
import { ApiProblem } from "@/components/query/api";
import { AnswerSaver, RETRY, type SaverSnapshot, toSaved } from "./answer-saver";

type Call = { answers: Record<string, unknown>; version: number; resolve: (v: { version: number }) => void; reject: (e: unknown) => void };

function harness(options: { version?: number; readState?: string } = {}) {
  const calls: Call[] = [];
  const timers: { at: number; run: () => void; id: number }[] = [];
  let now = 0;
  let nextId = 1;
  let snapshot: SaverSnapshot | null = null;
  const closed: ApiProblem[] = [];
  const reads = { count: 0, state: options.readState ?? "open", version: 500 };
  const saver = new AnswerSaver(options.version ?? 100, ["q0"], {
    save: (answers, version) => new Promise((resolve, reject) => calls.push({ answers, version, resolve, reject })),
    read: () => {
      reads.count += 1;
      return Promise.resolve({ state: reads.state, version: reads.version });
    },
    setTimeout: (run, ms) => {
      const id = nextId++;
      timers.push({ at: now + ms, run, id });
      return id;
    },
    clearTimeout: (id) => {
      const index = timers.findIndex((t) => t.id === id);
      if (index >= 0) timers.splice(index, 1);
    },
    onChange: (s) => (snapshot = s),
    onClosed: (p) => closed.push(p),
  });
  const settle = () => new Promise((r) => setTimeout(r, 0));
  const advance = async (ms: number) => {
    const until = now + ms;
    for (;;) {
      timers.sort((a, b) => a.at - b.at);
      const next = timers[0];
      if (!next || next.at > until) break;
      timers.shift();
      now = next.at;
      next.run();
      await settle();
    }
    now = until;
  };
  const state = () => snapshot ?? saver.snapshot();
  return { saver, calls, advance, settle, state, closed, reads };
}

describe("AnswerSaver", () => {
  it("saves a choice at once with the attempt's version, then the next with the version the save answered", async () => {
    const { saver, calls, settle, state } = harness();
    saver.change("q1", "b");
    expect(calls).toHaveLength(1);
    expect(calls[0]).toMatchObject({ answers: { q1: "b" }, version: 100 });
    expect(state().states.q1).toBe("saving");
    // A second change waits for the first save: one request at a time.
    saver.change("q2", ["a", "c"]);
    expect(calls).toHaveLength(1);
    calls[0]?.resolve({ version: 101 });
    await settle();
    expect(state().states.q1).toBe("saved");
    expect(calls).toHaveLength(2);
    expect(calls[1]).toMatchObject({ answers: { q2: ["a", "c"] }, version: 101 });
    calls[1]?.resolve({ version: 102 });
    await settle();
    expect(state().states).toEqual({ q0: "saved", q1: "saved", q2: "saved" });
  });

  it("saves typing after a pause, and at once when the field is left", async () => {
    const { saver, calls, advance, settle } = harness();
    saver.change("q3", "Gen", 800);
    saver.change("q3", "General Data", 800);
    await advance(799);
    expect(calls).toHaveLength(0);
    await advance(1);
    expect(calls.map((c) => c.answers)).toEqual([{ q3: "General Data" }]);
    calls[0]?.resolve({ version: 101 });
    await settle();
    saver.change("q3", "General Data Protection", 800);
    saver.commit("q3");
    expect(calls.map((c) => c.answers)).toEqual([{ q3: "General Data" }, { q3: "General Data Protection" }]);
    expect(calls[1]?.version).toBe(101);
  });

  it("keeps a question saving when it changed again while its save was in flight", async () => {
    const { saver, calls, settle, state } = harness();
    saver.change("q1", "a");
    saver.change("q1", "b");
    calls[0]?.resolve({ version: 101 });
    await settle();
    expect(state().states.q1).toBe("saving");
    expect(calls[1]?.answers).toEqual({ q1: "b" });
  });

  it("clears an answer emptied by the person instead of saving an empty one", () => {
    expect(toSaved("  ")).toBeNull();
    expect(toSaved([])).toBeNull();
    expect(toSaved("x")).toBe("x");
    const { saver, calls } = harness();
    saver.change("q1", []);
    expect(calls[0]?.answers).toEqual({ q1: null });
  });

  it("reads a stale version again and re-sends on top of the newer one", async () => {
    const { saver, calls, settle, state, reads } = harness();
    saver.change("q1", "b");
    calls[0]?.reject(new ApiProblem(409, "The attempt changed since you read it"));
    await settle();
    expect(reads.count).toBe(1);
    expect(calls[1]).toMatchObject({ answers: { q1: "b" }, version: 500 });
    calls[1]?.resolve({ version: 501 });
    await settle();
    expect(state().states.q1).toBe("saved");
    expect(state().problem).toBeNull();
  });

  it("stops saving with the server's reason once the attempt is closed", async () => {
    const { saver, calls, settle, state, closed } = harness({ readState: "expired" });
    saver.change("q1", "b");
    const problem = new ApiProblem(409, "The time limit of this attempt has passed");
    calls[0]?.reject(problem);
    await settle();
    expect(closed).toEqual([problem]);
    expect(state()).toMatchObject({ closed: true, problem });
    expect(state().states.q1).toBe("failed");
    saver.change("q2", "a");
    expect(calls).toHaveLength(1);
  });

  it("retries a save lost to the network with growing waits, and at once when asked", async () => {
    const { saver, calls, advance, settle, state } = harness();
    saver.change("q1", "b");
    calls[0]?.reject(new ApiProblem(0, "offline"));
    await settle();
    expect(state().states.q1).toBe("failed");
    await advance(RETRY.firstMs - 1);
    expect(calls).toHaveLength(1);
    await advance(1);
    expect(calls).toHaveLength(2);
    calls[1]?.reject(new ApiProblem(503, "unavailable"));
    await settle();
    await advance(2 * RETRY.firstMs - 1);
    expect(calls).toHaveLength(2);
    saver.retryNow();
    expect(calls).toHaveLength(3);
    calls[2]?.resolve({ version: 101 });
    await settle();
    expect(state().states.q1).toBe("saved");
  });

  it("does not retry by itself an answer the server refused as invalid, but does when asked", async () => {
    const { saver, calls, advance, settle, state } = harness();
    saver.change("q1", "z");
    calls[0]?.reject(new ApiProblem(422, "Some answers do not fit the quiz."));
    await settle();
    await advance(10 * RETRY.maxMs);
    expect(calls).toHaveLength(1);
    expect(state().problem?.status).toBe(422);
    saver.retryNow();
    expect(calls[1]?.answers).toEqual({ q1: "z" });
  });

  it("ignores a save that fails after the submit closed the saving, and resumes when the submit did not go through", async () => {
    const { saver, calls, settle, closed, reads } = harness();
    saver.change("q1", "b");
    saver.close();
    calls[0]?.reject(new ApiProblem(409, "This attempt is already submitted."));
    await settle();
    expect(reads.count).toBe(0);
    expect(closed).toEqual([]);
    saver.reopen();
    saver.change("q1", "c");
    expect(calls.at(-1)?.answers).toEqual({ q1: "c" });
  });
});
