// The connection side of the live client: what it is handed (a socket factory, timers, a clock),
// the wire's event shape, and the reconnect backoff and liveness timings.
export type LiveStatus = "connecting" | "connected" | "reconnecting" | "offline";

export type LiveEvent = {
  id: number;
  event: string;
  entity_id: number | null;
  user_id: number | null;
  project_id: number | null;
  actor_id: number | null;
  payload: Record<string, unknown>;
  created_at: string;
};

/** The part of the browser's WebSocket this client uses, so tests can hand in a fake. */
export type SocketLike = {
  readonly readyState: number;
  send(data: string): void;
  close(code?: number, reason?: string): void;
  onopen: (() => void) | null;
  onmessage: ((message: { data: unknown }) => void) | null;
  onclose: ((close: { code: number }) => void) | null;
  onerror: (() => void) | null;
};

export type LiveClientOptions = {
  url: () => string;
  createSocket: (url: string) => SocketLike;
  setTimeout: (run: () => void, ms: number) => unknown;
  clearTimeout: (timer: unknown) => void;
  now: () => number;
  random: () => number;
  isOnline: () => boolean;
};

export const OPEN = 1;
/** The server closed the socket because the session ended: reconnecting would only be refused. */
export const SESSION_ENDED = 4401;
export const BACKOFF = { baseMs: 1_000, maxMs: 30_000 } as const;
/** An application ping this often; a connection silent for much longer is taken for dead. */
export const PING_EVERY_MS = 25_000;
export const SILENT_LIMIT_MS = 70_000;

/** The wait before reconnect attempt `n` (0-based): doubling from 1 s to 30 s, with jitter. */
export function backoffDelay(attempt: number, random: () => number): number {
  const ceiling = Math.min(BACKOFF.maxMs, BACKOFF.baseMs * 2 ** Math.min(attempt, 16));
  return Math.round(ceiling / 2 + (random() * ceiling) / 2);
}
