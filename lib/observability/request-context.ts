// The request a piece of code runs for: server.ts opens one context per HTTP request, so log lines
// written anywhere during it carry its id, and the route wrapper can say it already logged it.
// Kept on globalThis because server.ts and Next's bundled route modules load separate copies of
// this file in one process.
import { AsyncLocalStorage } from "node:async_hooks";
import { randomUUID } from "node:crypto";

export type RequestContext = {
  requestId: string;
  /** Set once the request's completion line is written, so it is written only once. */
  logged: boolean;
};

const KEY = Symbol.for("groundwork.requestContext");
type WithStorage = typeof globalThis & { [KEY]?: AsyncLocalStorage<RequestContext> };
const store: AsyncLocalStorage<RequestContext> = ((globalThis as WithStorage)[KEY] ??= new AsyncLocalStorage<RequestContext>());

export function runWithRequestContext<T>(context: RequestContext, fn: () => T): T {
  return store.run(context, fn);
}

export function currentRequest(): RequestContext | undefined {
  return store.getStore();
}

// The same rule as requestIdOf in lib/api/request.ts: a client's id is kept when it is harmless.
const REQUEST_ID = /^[A-Za-z0-9._:-]{1,64}$/;

/** The id of an incoming request: the client's X-Request-Id when well-formed, else a new one. */
export function acceptRequestId(given: string | string[] | undefined): string {
  const value = Array.isArray(given) ? given[0] : given;
  return value && REQUEST_ID.test(value) ? value : randomUUID();
}
