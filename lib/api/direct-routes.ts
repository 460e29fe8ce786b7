// The JSON API served by the Node server itself. Every app/api route handler is a plain
// (Request, { params }) → Response function (lib/api/handler.ts), so a request for one needs no
// framework between the socket and the handler: server.ts matches the path here and calls the
// handler, and only what this table does not serve (pages, next-auth's /api/auth, the HTML
// reference /api/docs, paths in a non-canonical form) goes to Next. Matching follows Next's
// rules for the same file tree: a static segment before a dynamic one, a dynamic one before a
// catch-all, backtracking when a branch does not end in a route.
import type { IncomingMessage, ServerResponse } from "node:http";
import { promisify } from "node:util";
import { gzip } from "node:zlib";
import { ApiError, problemResponse } from "./errors";
import { requestFromNode } from "./request";

const METHODS = ["GET", "POST", "PUT", "PATCH", "DELETE"] as const;
type Method = (typeof METHODS)[number];

export type RouteParams = Record<string, string | string[]>;
type Handler = (request: Request, context: { params: Promise<RouteParams> }) => Response | Promise<Response>;
export type RouteModule = Partial<Record<Method, unknown>>;

type Route = { pattern: string; handlers: Map<Method, Handler>; /** The Allow header's value. */ allow: string };
type TrieNode = {
  statics: Map<string, TrieNode>;
  dynamic?: { name: string; node: TrieNode };
  catchAll?: { name: string; route: Route };
  route?: Route;
};

export type RouteMatch = { route: Route; params: RouteParams };

/** Paths whose routes stay with Next: they read its request APIs or answer HTML with a page CSP. */
const LEFT_TO_NEXT = /^\/api\/(auth|docs)(\/|$)/;

const newNode = (): TrieNode => ({ statics: new Map() });

export class ApiRouter {
  private readonly root = newNode();

  /** `routes`: each route file's URL pattern ("/api/tasks/[id]") and its module. */
  constructor(routes: readonly { path: string; module: RouteModule }[]) {
    for (const { path, module } of routes) {
      if (LEFT_TO_NEXT.test(path)) continue;
      const handlers = new Map<Method, Handler>();
      for (const method of METHODS) {
        const handler = module[method];
        if (typeof handler === "function") handlers.set(method, handler as Handler);
      }
      const allow = [...handlers.keys(), ...(handlers.has("GET") ? ["HEAD"] : []), "OPTIONS"].join(", ");
      if (handlers.size > 0) this.add(path, { pattern: path, handlers, allow });
    }
  }

  private add(pattern: string, route: Route): void {
    let node = this.root;
    const segments = pattern.split("/").slice(1);
    for (const [i, segment] of segments.entries()) {
      const catchAll = /^\[\.\.\.(\w+)\]$/.exec(segment);
      if (catchAll?.[1]) {
        if (i !== segments.length - 1) throw new Error(`${pattern}: a catch-all must be the last segment`);
        node.catchAll = { name: catchAll[1], route };
        return;
      }
      const dynamic = /^\[(\w+)\]$/.exec(segment);
      if (dynamic?.[1]) {
        if (node.dynamic && node.dynamic.name !== dynamic[1]) throw new Error(`${pattern}: [${node.dynamic.name}] and [${dynamic[1]}] at one level`);
        node.dynamic ??= { name: dynamic[1], node: newNode() };
        node = node.dynamic.node;
        continue;
      }
      if (/[[\]]/.test(segment)) throw new Error(`${pattern}: segment "${segment}" is not served directly`);
      let next = node.statics.get(segment);
      if (!next) {
        next = newNode();
        node.statics.set(segment, next);
      }
      node = next;
    }
    node.route = route;
  }

  /**
   * The route serving `pathname`, or null to leave the request to Next: a path outside the table,
   * or one in a form Next normalises first (a trailing slash, empty or dot segments, bad escapes).
   */
  match(pathname: string): RouteMatch | null {
    if (!pathname.startsWith("/api/") || LEFT_TO_NEXT.test(pathname)) return null;
    const raw = pathname.split("/").slice(1);
    const segments: string[] = [];
    for (const segment of raw) {
      if (segment === "" || segment === "." || segment === "..") return null;
      try {
        segments.push(decodeURIComponent(segment));
      } catch {
        return null;
      }
    }
    // The same rule on the decoded path: "/api/%61uth" is next-auth's too.
    if (segments[1] === "auth" || segments[1] === "docs") return null;
    return walk(this.root, segments, 0, {});
  }
}

function walk(node: TrieNode, segments: readonly string[], at: number, params: RouteParams): RouteMatch | null {
  if (at === segments.length) return node.route ? { route: node.route, params } : null;
  const segment = segments[at] as string;
  const fixed = node.statics.get(segment);
  if (fixed) {
    const found = walk(fixed, segments, at + 1, params);
    if (found) return found;
  }
  if (node.dynamic) {
    const found = walk(node.dynamic.node, segments, at + 1, { ...params, [node.dynamic.name]: segment });
    if (found) return found;
  }
  if (node.catchAll) return { route: node.catchAll.route, params: { ...params, [node.catchAll.name]: segments.slice(at) } };
  return null;
}

const gzipAsync = promisify(gzip);
/** Smaller answers are sent as they are: compressing them saves less than it costs. */
const COMPRESS_FROM_BYTES = 1024;
/** Answers up to this size are sent whole; longer ones are streamed. */
const BUFFER_BYTES = 1024 * 1024;

/**
 * Answers `req` with the matched route: the handler for the method (GET also answers HEAD);
 * OPTIONS lists the methods; any other method is a problem+json 405 with Allow.
 */
export async function serveRoute(req: IncomingMessage, res: ServerResponse, found: RouteMatch): Promise<void> {
  const method = (req.method ?? "GET").toUpperCase();
  const { handlers, allow } = found.route;
  if (method === "OPTIONS") {
    res.writeHead(204, { allow });
    res.end();
    return;
  }
  const handler = handlers.get((method === "HEAD" ? "GET" : method) as Method);
  const response = handler
    ? await handler(requestFromNode(req, method), { params: Promise.resolve(found.params) })
    : problemResponse(new ApiError("method_not_allowed", `${found.route.pattern} does not answer ${method}; it answers ${allow}.`, { headers: { allow } }), requestIdOf(req));
  await writeResponse(req, res, response, method === "HEAD");
}

async function writeResponse(req: IncomingMessage, res: ServerResponse, response: Response, head: boolean): Promise<void> {
  res.statusCode = response.status;
  for (const [name, value] of response.headers) if (name !== "set-cookie") res.setHeader(name, value);
  const cookies = response.headers.getSetCookie();
  if (cookies.length > 0) res.setHeader("set-cookie", cookies);
  if (!response.body || head || response.status === 204 || response.status === 304) {
    await response.body?.cancel();
    res.end();
    return;
  }
  // An answer that ends within the first BUFFER_BYTES (every JSON answer) goes out in one write,
  // compressed when the client accepts gzip; a longer one (an export) is passed on as it comes.
  const reader = response.body.getReader();
  const chunks: Uint8Array[] = [];
  let size = 0;
  for (;;) {
    const chunk = await reader.read();
    if (chunk.done) {
      let body = Buffer.concat(chunks);
      if (body.length >= COMPRESS_FROM_BYTES && acceptsGzip(req) && !res.hasHeader("content-encoding")) {
        body = await gzipAsync(body);
        res.setHeader("content-encoding", "gzip");
        const vary = res.getHeader("vary");
        res.setHeader("vary", vary === undefined ? "accept-encoding" : `${String(vary)}, accept-encoding`);
      }
      res.setHeader("content-length", body.length);
      res.end(body);
      return;
    }
    chunks.push(chunk.value);
    size += chunk.value.byteLength;
    if (size > BUFFER_BYTES) break;
  }
  const gone = new Promise<"gone">((resolve) => res.once("close", () => resolve("gone")));
  let pending: Uint8Array | undefined = Buffer.concat(chunks);
  while (pending) {
    if (!res.write(pending)) {
      const drained = await Promise.race([new Promise<"drain">((resolve) => res.once("drain", () => resolve("drain"))), gone]);
      if (drained === "gone") break;
    }
    const chunk = await Promise.race([reader.read(), gone]);
    pending = chunk === "gone" || chunk.done ? undefined : chunk.value;
    if (chunk === "gone") break;
  }
  if (res.destroyed) await reader.cancel().catch(() => undefined);
  else res.end();
}

/** The id server.ts gave the request (it sets the header before routing). */
function requestIdOf(req: IncomingMessage): string | undefined {
  const id = req.headers["x-request-id"];
  return typeof id === "string" ? id : undefined;
}

/** Whether the client accepts gzip: listed (or `*`) with a weight above 0 (RFC 9110 §12.5.3). */
function acceptsGzip(req: IncomingMessage): boolean {
  const accepted = req.headers["accept-encoding"];
  if (typeof accepted !== "string") return false;
  let star: boolean | undefined;
  for (const entry of accepted.split(",")) {
    const [coding = "", ...parameters] = entry.split(";").map((part) => part.trim().toLowerCase());
    const weight = parameters.find((p) => p.startsWith("q="));
    const wanted = weight === undefined || Number(weight.slice(2)) > 0;
    if (coding === "gzip" || coding === "x-gzip") return wanted;
    if (coding === "*") star = wanted;
  }
  return star === true;
}
