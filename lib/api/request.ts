// Reading a request safely: bounded body, JSON parsing, request id and client address.
import { randomUUID } from "node:crypto";
import type { IncomingMessage } from "node:http";
import { Readable } from "node:stream";
import { ApiError } from "./errors";

export const DEFAULT_MAX_BODY_BYTES = 64 * 1024;

const REQUEST_ID = /^[A-Za-z0-9._:-]{1,64}$/;

export function requestIdOf(request: Request): string {
  const given = request.headers.get("x-request-id");
  return given && REQUEST_ID.test(given) ? given : randomUUID();
}

/** The client address: the first X-Forwarded-For hop (set by the load balancer), else X-Real-IP. */
export function clientIp(request: Request): string | null {
  const forwarded = request.headers.get("x-forwarded-for");
  const first = forwarded?.split(",")[0]?.trim();
  if (first) return first.slice(0, 64);
  return request.headers.get("x-real-ip")?.slice(0, 64) ?? null;
}

/** Reads the body as JSON, refusing more than maxBytes (413) without buffering beyond the limit. */
export async function readJsonBody(request: Request, maxBytes: number): Promise<unknown> {
  const declared = Number(request.headers.get("content-length") ?? NaN);
  if (Number.isFinite(declared) && declared > maxBytes) {
    throw new ApiError("payload_too_large", `The request body may be at most ${maxBytes} bytes.`);
  }
  const contentType = request.headers.get("content-type") ?? "";
  if (!request.body) return undefined;
  if (contentType && !/^application\/(?:[\w.+-]+\+)?json\b/i.test(contentType)) {
    throw new ApiError("unsupported_media_type", "Send the body as application/json.");
  }
  const reader = request.body.getReader();
  const chunks: Uint8Array[] = [];
  let size = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    size += value.byteLength;
    if (size > maxBytes) {
      await reader.cancel();
      throw new ApiError("payload_too_large", `The request body may be at most ${maxBytes} bytes.`);
    }
    chunks.push(value);
  }
  const text = Buffer.concat(chunks).toString("utf8");
  if (text.trim() === "") return undefined;
  try {
    return JSON.parse(text) as unknown;
  } catch {
    throw new ApiError("malformed_json", "The request body is not valid JSON.");
  }
}

/** CSRF defence for cookie-authenticated writes: the Origin must be this site. */
export function assertSameOrigin(request: Request): void {
  const origin = request.headers.get("origin");
  if (origin === null) {
    // Browsers send Origin on cross-site writes; without it, Fetch Metadata must say same-origin.
    const site = request.headers.get("sec-fetch-site");
    if (site === null || site === "same-origin" || site === "none") return;
    throw new ApiError("forbidden", "Cross-site request refused.");
  }
  const url = new URL(request.url);
  const host = request.headers.get("x-forwarded-host") ?? request.headers.get("host") ?? url.host;
  let originHost: string;
  try {
    originHost = new URL(origin).host;
  } catch {
    throw new ApiError("forbidden", "Cross-site request refused.");
  }
  if (originHost !== host) throw new ApiError("forbidden", "Cross-site request refused.");
}

/**
 * The Fetch API request of a Node one, as route handlers and the WebSocket upgrade read it: the URL
 * on the Host the client used (https when the socket is TLS), every header, and the body streamed
 * when the method has one.
 */
export function requestFromNode(req: IncomingMessage, method = req.method ?? "GET"): Request {
  const https = "encrypted" in req.socket;
  const url = `${https ? "https" : "http"}://${req.headers.host ?? "localhost"}${req.url ?? "/"}`;
  const headers = new Headers();
  for (const [name, value] of Object.entries(req.headers)) {
    if (value === undefined || name.startsWith(":")) continue;
    if (Array.isArray(value)) for (const item of value) headers.append(name, item);
    else headers.set(name, value);
  }
  const hasBody = method !== "GET" && method !== "HEAD" && (req.headers["transfer-encoding"] !== undefined || Number(req.headers["content-length"] ?? 0) > 0);
  return new Request(url, {
    method,
    headers,
    ...(hasBody ? { body: Readable.toWeb(req) as ReadableStream<Uint8Array>, duplex: "half" } : {}),
  });
}
