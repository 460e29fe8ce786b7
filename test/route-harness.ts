// Route handlers called as an API client calls them, for the route-level test files: the file's
// database as the process database (the route wrapper reaches it through getDb()), API tokens, and
// requests with a bearer token, a JSON body and the path's params.
import { randomBytes } from "node:crypto";
import type { Database, Db } from "../db/client";
import type { TokenScope, User } from "../db/schema";
import type { Principal } from "../lib/auth/principal";
import { createApiToken } from "../lib/auth/tokens";
import { generateKeyEntry } from "../lib/crypto/keyring";
import { unique } from "./factories";
import { openTestProcessDatabase } from "./use-database";

/** A handler as a route module exports it; every defineRoute() handler is one. */
export type CallableRoute = (request: Request, context: { params: Promise<Record<string, string>> }) => Promise<Response>;

export type RouteCall = {
  /** GET unless given. */
  method?: string;
  /** The path with its query string, e.g. `/api/tasks?limit=10`. */
  path: string;
  /** The path's dynamic segments, as Next passes them. */
  params?: Record<string, string>;
  /** Shorthand for `params: { id: String(id) }`. */
  id?: number;
  /** Sent as JSON; no body (and no content-type) when undefined. */
  body?: unknown;
  /** Extra headers: Idempotency-Key, If-Match, If-None-Match… */
  headers?: Record<string, string>;
};

/** An answer read whole: the text as sent, and the parsed JSON when the answer is JSON (else null). */
export type RouteAnswer<Body> = { status: number; headers: Headers; text: string; body: Body };

export type JsonObject = Record<string, unknown>;

/**
 * A token for `owner` with `scopes` (read and write unless given). A principal mints it as a
 * signed-in user would (audited as theirs); a user row gets one issued by the system, as the CLI does.
 */
export type TokenMinter = (owner: Principal | User, scopes?: TokenScope[]) => Promise<string>;

export type RouteTestDatabase = { database: Database; db: Db; tokenOf: TokenMinter };

/**
 * Sets up a route test file, at its top: `const { db, tokenOf } = await openRouteTestDatabase("guides-routes");`.
 * Gives the run encryption keys (`label` is their key id) and a NextAuth secret unless the environment has them (with
 * DATABASE_URL both are required, and without them the defaults would write key files into the
 * working tree), opens the file's database as the process database until the file's tests are done.
 */
export async function openRouteTestDatabase(label: string): Promise<RouteTestDatabase> {
  process.env.GROUNDWORK_ENCRYPTION_KEYS ??= generateKeyEntry(label);
  process.env.NEXTAUTH_SECRET ??= randomBytes(48).toString("base64url");
  const database = await openTestProcessDatabase();
  const { db } = database;
  const tokenOf: TokenMinter = async (owner, scopes = ["read", "write"]) => {
    const creator = "userId" in owner ? owner : { systemUserId: owner.id };
    return (await createApiToken(db, creator, { name: unique("token"), scopes })).token;
  };
  return { database, db, tokenOf };
}

/** The request an API client sends: bearer token, the JSON body if any, the extra headers. */
export function routeRequest(token: string, init: RouteCall): Request {
  const headers: Record<string, string> = { authorization: `Bearer ${token}`, ...init.headers };
  if (init.body !== undefined) headers["content-type"] = "application/json";
  return new Request(`http://localhost${init.path}`, {
    method: init.method ?? "GET",
    headers,
    body: init.body === undefined ? undefined : JSON.stringify(init.body),
  });
}

/** Calls `handler` and hands back its Response unread. */
export function fetchRoute(handler: CallableRoute, token: string, init: RouteCall): Promise<Response> {
  const params = init.id === undefined ? (init.params ?? {}) : { ...init.params, id: String(init.id) };
  return handler(routeRequest(token, init), { params: Promise.resolve(params) });
}

/**
 * A `call` whose answers' JSON the test reads as `Body`: `readJson` states the shape (a cast, as
 * reading any JSON is), e.g. `routeCaller((json) => json as JsonObject & { items?: JsonObject[] })`.
 */
export function routeCaller<Body>(readJson: (json: unknown) => Body): (handler: CallableRoute, token: string, init: RouteCall) => Promise<RouteAnswer<Body>> {
  return async (handler, token, init) => {
    const response = await fetchRoute(handler, token, init);
    const text = await response.text();
    const isJson = /\bjson\b/.test(response.headers.get("content-type") ?? "");
    return { status: response.status, headers: response.headers, text, body: readJson(text && isJson ? JSON.parse(text) : null) };
  };
}

/** Calls `handler` and reads the answer; its JSON body as an object (null when there is none). */
export const call = routeCaller((json) => json as JsonObject);
