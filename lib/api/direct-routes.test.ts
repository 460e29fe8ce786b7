// The JSON API served without Next's router: which route a path reaches (Next's precedence rules,
// and null for what Next must see first), and how a handler's Response reaches the socket.
import { createServer, request, type IncomingHttpHeaders, type OutgoingHttpHeaders, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { gunzipSync } from "node:zlib";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ApiRouter, serveRoute, type RouteModule } from "./direct-routes";

const noContent = () => new Response(null, { status: 204 });
const answersGet: RouteModule = { GET: noContent };

function routerOf(paths: readonly string[]): ApiRouter {
  return new ApiRouter(paths.map((path) => ({ path, module: answersGet })));
}

describe("ApiRouter.match", () => {
  const router = routerOf([
    "/api/tasks/mine",
    "/api/tasks/[id]",
    "/api/tasks/[id]/comments",
    "/api/files/[name]",
    "/api/files/[...path]",
    "/api/auth/[...nextauth]",
    "/api/docs",
    "/api/[...path]",
  ]);
  const matched = (pathname: string) => {
    const found = router.match(pathname);
    return found && { pattern: found.route.pattern, params: found.params };
  };

  it("prefers a static segment to a dynamic one", () => {
    expect(matched("/api/tasks/mine")).toEqual({ pattern: "/api/tasks/mine", params: {} });
    expect(matched("/api/tasks/42")).toEqual({ pattern: "/api/tasks/[id]", params: { id: "42" } });
  });

  it("prefers a dynamic segment to a catch-all", () => {
    expect(matched("/api/files/report")).toEqual({ pattern: "/api/files/[name]", params: { name: "report" } });
  });

  it("backtracks from a static branch that dead-ends to the dynamic one", () => {
    expect(matched("/api/tasks/mine/comments")).toEqual({ pattern: "/api/tasks/[id]/comments", params: { id: "mine" } });
  });

  it("backtracks to a catch-all without the params of the abandoned branch", () => {
    expect(matched("/api/tasks/7/unknown")).toEqual({ pattern: "/api/[...path]", params: { path: ["tasks", "7", "unknown"] } });
  });

  it("gives a catch-all the remaining segments, decoded", () => {
    expect(matched("/api/files/a%2Fb/c%20d/e")).toEqual({ pattern: "/api/files/[...path]", params: { path: ["a/b", "c d", "e"] } });
  });

  it("decodes dynamic params", () => {
    expect(matched("/api/tasks/two%20words")?.params).toEqual({ id: "two words" });
  });

  it("leaves next-auth and the HTML reference to Next, even with a catch-all in the table", () => {
    expect(matched("/api/auth/session")).toBeNull();
    expect(matched("/api/auth")).toBeNull();
    expect(matched("/api/docs")).toBeNull();
    expect(matched("/api/authors")).toEqual({ pattern: "/api/[...path]", params: { path: ["authors"] } });
  });

  it.each(["/api/tasks/42/", "/api//tasks/42", "/api/./tasks", "/api/tasks/..", "/api/tasks/%E0%A4%A"])(
    "leaves the non-canonical path %s to Next",
    (pathname) => {
      expect(matched(pathname)).toBeNull();
    },
  );

  it.each(["/", "/api", "/apiary/tasks", "/tasks/42"])("does not serve %s, which is outside /api/", (pathname) => {
    expect(matched(pathname)).toBeNull();
  });

  it("does not add a route whose module exports no method handler", () => {
    const settingsOnly: Record<string, unknown> = { dynamic: "force-dynamic", POST: "not a function" };
    const onlySettings = new ApiRouter([{ path: "/api/settings", module: settingsOnly }]);
    expect(onlySettings.match("/api/settings")).toBeNull();
    expect(routerOf(["/api/settings"]).match("/api/settings")).not.toBeNull();
  });

  it("refuses two differently named dynamic segments at one level", () => {
    expect(() => routerOf(["/api/items/[id]", "/api/items/[slug]/history"])).toThrow(/\[id\] and \[slug\]/);
    expect(() => routerOf(["/api/items/[id]", "/api/items/[id]/history"])).not.toThrow();
  });
});

/** Deterministic, incompressible-looking bytes, so a lost or reordered chunk shows. */
function patternBytes(length: number, seed: number): Uint8Array {
  const bytes = new Uint8Array(length);
  for (let i = 0; i < length; i++) bytes[i] = (i * 31 + seed * 7) % 251;
  return bytes;
}

const STREAM_CHUNK = 64 * 1024;
const STREAM_CHUNKS = 48; // 3 MiB, past the 1 MiB that is buffered

const served = new ApiRouter([
  {
    path: "/api/echo/[id]",
    module: {
      GET: async (request: Request, { params }: { params: Promise<unknown> }) =>
        Response.json(
          {
            method: request.method,
            params: await params,
            url: request.url,
            custom: request.headers.get("x-custom"),
            multi: request.headers.get("x-multi"),
          },
          { status: 203, headers: { "x-answer": "echo" } },
        ),
      POST: async (request: Request) => Response.json({ received: request.body === null ? "no body" : ((await request.json()) as unknown) }),
    },
  },
  {
    path: "/api/cookies",
    module: {
      GET: () => {
        const headers = new Headers();
        headers.append("set-cookie", "a=1; Path=/; HttpOnly");
        headers.append("set-cookie", "b=2; Path=/; Expires=Wed, 21 Oct 2037 07:28:00 GMT");
        return new Response("ok", { headers });
      },
    },
  },
  { path: "/api/sized/[bytes]", module: { GET: (_: Request, { params }: { params: Promise<{ bytes: string }> }) => params.then(({ bytes }) => sizedJson(Number(bytes))) } },
  { path: "/api/stream", module: { GET: () => new Response(patternStream(), { headers: { "content-type": "application/octet-stream" } }) } },
  { path: "/api/empty", module: { DELETE: noContent } },
]);

/** A JSON answer of exactly `bytes` bytes. */
function sizedJson(bytes: number): Response {
  const overhead = JSON.stringify({ pad: "" }).length;
  return new Response(JSON.stringify({ pad: "x".repeat(bytes - overhead) }), { headers: { "content-type": "application/json" } });
}

function patternStream(): ReadableStream<Uint8Array> {
  let sent = 0;
  return new ReadableStream({
    pull(controller) {
      if (sent === STREAM_CHUNKS) controller.close();
      else controller.enqueue(patternBytes(STREAM_CHUNK, sent++));
    },
  });
}

type RawAnswer = { status: number; headers: IncomingHttpHeaders; body: Buffer };

describe("serveRoute", () => {
  let server: Server;
  let base = "";

  beforeAll(async () => {
    server = createServer((req, res) => {
      const found = served.match((req.url ?? "/").split("?")[0] ?? "/");
      if (!found) {
        res.writeHead(404).end();
        return;
      }
      serveRoute(req, res, found).catch((err: unknown) => res.destroy(err instanceof Error ? err : undefined));
    });
    await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
    base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });

  afterAll(async () => {
    server.closeAllConnections();
    await new Promise((resolve) => server.close(resolve));
  });

  /** node:http rather than fetch: full control over accept-encoding, and no transparent gunzip. */
  function rawRequest(path: string, method = "GET", headers: OutgoingHttpHeaders = {}): Promise<RawAnswer> {
    return new Promise((resolve, reject) => {
      const req = request(`${base}${path}`, { method, headers, agent: false }, (res) => {
        const chunks: Buffer[] = [];
        res.on("data", (chunk: Buffer) => chunks.push(chunk));
        res.on("end", () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body: Buffer.concat(chunks) }));
        res.on("error", reject);
      });
      req.on("error", reject);
      req.end();
    });
  }

  it("passes params, method, headers and query to the handler and writes its status and headers back", async () => {
    const answer = await rawRequest("/api/echo/a%20b?q=1&r=two", "GET", { "x-custom": "hello", "x-multi": ["first", "second"] });
    expect(answer.status).toBe(203);
    expect(answer.headers["x-answer"]).toBe("echo");
    expect(answer.headers["content-type"]).toBe("application/json");
    const echoed = JSON.parse(answer.body.toString("utf8")) as { url: string };
    expect(echoed).toEqual({ method: "GET", params: { id: "a b" }, url: expect.any(String) as string, custom: "hello", multi: "first, second" });
    const url = new URL(echoed.url);
    expect(url.pathname + url.search).toBe("/api/echo/a%20b?q=1&r=two");
    expect(url.searchParams.get("r")).toBe("two");
  });

  it("gives a POST handler the JSON body, and a null body when none was sent", async () => {
    const withBody = await fetch(`${base}/api/echo/1`, { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify({ name: "Ada", tags: ["x"] }) });
    expect(await withBody.json()).toEqual({ received: { name: "Ada", tags: ["x"] } });
    const without = await fetch(`${base}/api/echo/1`, { method: "POST" });
    expect(await without.json()).toEqual({ received: "no body" });
  });

  it("answers HEAD with GET's status and headers and no body", async () => {
    const answer = await rawRequest("/api/echo/1", "HEAD");
    expect(answer.status).toBe(203);
    expect(answer.headers["x-answer"]).toBe("echo");
    expect(answer.headers["content-type"]).toBe("application/json");
    expect(answer.body.length).toBe(0);
  });

  it("answers OPTIONS with 204 and the methods the route answers", async () => {
    const answer = await fetch(`${base}/api/echo/1`, { method: "OPTIONS" });
    expect(answer.status).toBe(204);
    expect(answer.headers.get("allow")?.split(", ").sort()).toEqual(["GET", "HEAD", "OPTIONS", "POST"]);
    const deleteOnly = await fetch(`${base}/api/empty`, { method: "OPTIONS" });
    expect(deleteOnly.headers.get("allow")?.split(", ").sort()).toEqual(["DELETE", "OPTIONS"]);
  });

  it("answers a method the route does not export with a 405 problem and Allow", async () => {
    const answer = await fetch(`${base}/api/echo/1`, { method: "PUT", body: "{}" });
    expect(answer.status).toBe(405);
    expect(answer.headers.get("content-type")).toBe("application/problem+json");
    expect(answer.headers.get("allow")?.split(", ").sort()).toEqual(["GET", "HEAD", "OPTIONS", "POST"]);
    expect(await answer.json()).toMatchObject({ status: 405, code: "method_not_allowed" });
    const headOnDeleteOnly = await rawRequest("/api/empty", "HEAD");
    expect(headOnDeleteOnly.status).toBe(405);
  });

  it("keeps several Set-Cookie headers apart", async () => {
    const answer = await fetch(`${base}/api/cookies`);
    expect(answer.headers.getSetCookie()).toEqual(["a=1; Path=/; HttpOnly", "b=2; Path=/; Expires=Wed, 21 Oct 2037 07:28:00 GMT"]);
    expect(await answer.text()).toBe("ok");
  });

  describe("compression", () => {
    const original = async (bytes: number) => Buffer.from(await sizedJson(bytes).arrayBuffer());

    it("gzips a JSON answer of 1 KiB or more for a client that accepts gzip", async () => {
      const answer = await rawRequest("/api/sized/1024", "GET", { "accept-encoding": "gzip, deflate, br" });
      expect(answer.headers["content-encoding"]).toBe("gzip");
      expect(answer.headers.vary).toBe("accept-encoding");
      expect(Number(answer.headers["content-length"])).toBe(answer.body.length);
      expect(gunzipSync(answer.body).equals(await original(1024))).toBe(true);
    });

    it.each([
      ["no accept-encoding", {}],
      ["another encoding only", { "accept-encoding": "br" }],
      ["gzip refused with q=0", { "accept-encoding": "gzip;q=0, br" }],
      ["gzip refused with q=0 after a space", { "accept-encoding": "gzip; q=0" }],
    ])("sends it as it is with %s", async (_, headers: OutgoingHttpHeaders) => {
      const answer = await rawRequest("/api/sized/4096", "GET", headers);
      expect(answer.headers["content-encoding"]).toBeUndefined();
      expect(Number(answer.headers["content-length"])).toBe(4096);
      expect(answer.body.equals(await original(4096))).toBe(true);
    });

    it("gzips for a client that accepts gzip with a non-zero weight", async () => {
      const answer = await rawRequest("/api/sized/4096", "GET", { "accept-encoding": "br;q=1.0, gzip;q=0.5" });
      expect(answer.headers["content-encoding"]).toBe("gzip");
      expect(gunzipSync(answer.body).equals(await original(4096))).toBe(true);
    });

    it("never compresses an answer under 1 KiB", async () => {
      const answer = await rawRequest("/api/sized/1023", "GET", { "accept-encoding": "gzip" });
      expect(answer.headers["content-encoding"]).toBeUndefined();
      expect(Number(answer.headers["content-length"])).toBe(1023);
      expect(answer.body.equals(await original(1023))).toBe(true);
    });
  });

  it("streams an answer over 1 MiB complete and byte-identical", async () => {
    const answer = await fetch(`${base}/api/stream`);
    expect(answer.status).toBe(200);
    expect(answer.headers.get("content-encoding")).toBeNull();
    const received = new Uint8Array(await answer.arrayBuffer());
    const expected = Buffer.concat(Array.from({ length: STREAM_CHUNKS }, (_, i) => patternBytes(STREAM_CHUNK, i)));
    expect(received.byteLength).toBe(3 * 1024 * 1024);
    expect(Buffer.from(received).equals(expected)).toBe(true);
  });

  it("sends a handler's 204 without a body", async () => {
    const answer = await rawRequest("/api/empty", "DELETE");
    expect(answer.status).toBe(204);
    expect(answer.body.length).toBe(0);
  });
});
