// Saving an exam attempt's answers as they change: one request at a time, each sent with the
// version the last one answered, so no save overwrites a newer one. Text is saved after a pause
// in typing, choices at once. A network failure is retried with growing waits; a stale version
// (another tab saved) is read again and re-sent; an attempt that closed (submitted, out of time)
// stops the saving and says why.
import { ApiProblem } from "@/components/query/api";

export type AnswerValue = string | string[];
export type SaveState = "saving" | "saved" | "failed";
export type SaverSnapshot = { states: Record<string, SaveState>; problem: ApiProblem | null; closed: boolean };

export type SaverDeps = {
  save: (answers: Record<string, AnswerValue | null>, version: number) => Promise<{ version: number }>;
  read: () => Promise<{ state: string; version: number }>;
  setTimeout: (run: () => void, ms: number) => unknown;
  clearTimeout: (timer: unknown) => void;
  onChange: (snapshot: SaverSnapshot) => void;
  onClosed: (problem: ApiProblem) => void;
};

export const RETRY = { firstMs: 2_000, maxMs: 30_000 } as const;

/** An empty text or no chosen option clears the saved answer (null), rather than saving "". */
export function toSaved(value: AnswerValue): AnswerValue | null {
  if (Array.isArray(value)) return value.length ? value : null;
  return value.trim() === "" ? null : value;
}

const asProblem = (error: unknown): ApiProblem => (error instanceof ApiProblem ? error : new ApiProblem(0, "offline"));
const transient = (status: number) => status === 0 || status === 408 || status === 429 || status >= 500;

export class AnswerSaver {
  private version: number;
  private readonly pending = new Map<string, AnswerValue | null>();
  private readonly debounces = new Map<string, unknown>();
  /** Answers the server refused for a reason a retry alone does not fix; sent again on retryNow. */
  private readonly held = new Map<string, AnswerValue | null>();
  private states: Record<string, SaveState>;
  private problem: ApiProblem | null = null;
  private closed = false;
  private running: Promise<void> | null = null;
  private retryTimer: unknown = null;
  private failures = 0;

  constructor(
    version: number,
    savedIds: readonly string[],
    private readonly deps: SaverDeps,
  ) {
    this.version = version;
    this.states = Object.fromEntries(savedIds.map((id) => [id, "saved" as const]));
  }

  snapshot(): SaverSnapshot {
    return { states: this.states, problem: this.problem, closed: this.closed };
  }

  /** A changed answer, saved after `delayMs` without further change (0: now). */
  change(id: string, value: AnswerValue, delayMs = 0): void {
    if (this.closed) return;
    const previous = this.debounces.get(id);
    if (previous !== undefined) this.deps.clearTimeout(previous);
    this.debounces.delete(id);
    this.held.delete(id);
    this.pending.set(id, toSaved(value));
    this.mark([id], "saving");
    if (delayMs > 0) {
      this.debounces.set(
        id,
        this.deps.setTimeout(() => {
          this.debounces.delete(id);
          void this.pump();
        }, delayMs),
      );
      return;
    }
    void this.pump();
  }

  /** The person left the field: what they typed is saved now rather than after the pause. */
  commit(id: string): void {
    const timer = this.debounces.get(id);
    if (timer === undefined) return;
    this.deps.clearTimeout(timer);
    this.debounces.delete(id);
    void this.pump();
  }

  /** The person asked to try a failed save again now. */
  retryNow(): void {
    this.clearRetry();
    this.failures = 0;
    for (const [id, value] of this.held) if (!this.pending.has(id)) this.pending.set(id, value);
    this.held.clear();
    void this.pump();
  }

  /** No more saves: the attempt is being submitted, or was closed by the server. */
  close(): void {
    this.closed = true;
    this.clearRetry();
    for (const timer of this.debounces.values()) this.deps.clearTimeout(timer);
    this.debounces.clear();
    this.emit();
  }

  /** Saving resumes: the submit that closed it did not go through. */
  reopen(): void {
    if (!this.closed) return;
    this.closed = false;
    this.emit();
    void this.pump();
  }

  private mark(ids: readonly string[], state: SaveState): void {
    if (!ids.length) return;
    this.states = { ...this.states, ...Object.fromEntries(ids.map((id) => [id, state])) };
    this.emit();
  }

  private emit(): void {
    this.deps.onChange(this.snapshot());
  }

  private clearRetry(): void {
    if (this.retryTimer !== null) this.deps.clearTimeout(this.retryTimer);
    this.retryTimer = null;
  }

  /** The next batch: everything pending whose typing pause is over. */
  private takeBatch(): Record<string, AnswerValue | null> | null {
    const ready = [...this.pending.entries()].filter(([id]) => !this.debounces.has(id));
    if (!ready.length) return null;
    for (const [id] of ready) this.pending.delete(id);
    return Object.fromEntries(ready);
  }

  private pump(): Promise<void> {
    if (this.running) return this.running;
    if (this.closed || this.retryTimer !== null) return Promise.resolve();
    const batch = this.takeBatch();
    if (!batch) return Promise.resolve();
    const run = this.send(batch).finally(() => {
      this.running = null;
    });
    this.running = run;
    return run.then(() => {
      if (!this.closed && this.retryTimer === null && this.pending.size) return this.pump();
    });
  }

  private async send(batch: Record<string, AnswerValue | null>, staleRetry = false): Promise<void> {
    const ids = Object.keys(batch);
    try {
      const saved = await this.deps.save(batch, this.version);
      this.version = saved.version;
      this.failures = 0;
      this.problem = null;
      // A question changed again meanwhile is still saving.
      this.mark(
        ids.filter((id) => !this.pending.has(id)),
        "saved",
      );
    } catch (error) {
      // Once submitting, a save that lost the race does not matter: the submit carries every answer.
      if (this.closed) return;
      const problem = asProblem(error);
      if (problem.status === 409 && !staleRetry) {
        this.requeue(batch, this.pending);
        const fresh = await this.deps.read().catch(() => null);
        if (fresh?.state === "open") {
          // Another tab saved first: ours go on top, question by question.
          this.version = fresh.version;
          const again = this.takeBatch();
          if (again) await this.send(again, true);
          return;
        }
        if (fresh) {
          this.problem = problem;
          this.mark(ids, "failed");
          this.close();
          this.deps.onClosed(problem);
          return;
        }
      }
      this.problem = problem;
      this.mark(ids, "failed");
      if (!transient(problem.status) && problem.status !== 409) {
        this.requeue(batch, this.held);
        return;
      }
      this.requeue(batch, this.pending);
      const wait = Math.min(RETRY.maxMs, RETRY.firstMs * 2 ** this.failures);
      this.failures += 1;
      this.retryTimer = this.deps.setTimeout(() => {
        this.retryTimer = null;
        void this.pump();
      }, wait);
    }
  }

  /** A batch that failed goes back, unless the question changed again meanwhile. */
  private requeue(batch: Record<string, AnswerValue | null>, into: Map<string, AnswerValue | null>): void {
    for (const [id, value] of Object.entries(batch)) if (!this.pending.has(id)) into.set(id, value);
  }
}
