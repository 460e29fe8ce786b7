// Security headers on pages: a per-request nonce CSP, and nosniff, frame-ancestors, referrer policy
// and (over HTTPS) HSTS. JSON API answers get the same base set from server.ts and skip this proxy
// (lib/platform/security-headers.ts); /api/docs and /api/auth still pass through it.
import { type NextRequest, NextResponse } from "next/server";
import { BASE_SECURITY_HEADERS, HSTS, isHttps } from "./lib/platform/security-headers";

function contentSecurityPolicy(nonce: string, dev: boolean, https: boolean): string {
  return [
    "default-src 'self'",
    `script-src 'self' 'nonce-${nonce}' 'strict-dynamic'${dev ? " 'unsafe-eval'" : ""}`,
    // Style attributes (charts, transitions) cannot carry a nonce; scripts are the real risk.
    "style-src 'self' 'unsafe-inline'",
    "img-src 'self' data: blob:",
    "font-src 'self' data:",
    "connect-src 'self' ws: wss:",
    "media-src 'self' https:",
    "frame-src https://www.youtube-nocookie.com https://player.vimeo.com",
    "object-src 'none'",
    "base-uri 'self'",
    "form-action 'self'",
    "frame-ancestors 'none'",
    ...(https ? ["upgrade-insecure-requests"] : []),
  ].join("; ");
}

export function proxy(request: NextRequest) {
  const nonce = Buffer.from(crypto.randomUUID()).toString("base64");
  const https = isHttps(request.headers.get("x-forwarded-proto"), request.nextUrl.protocol.replace(":", ""));
  const csp = contentSecurityPolicy(nonce, process.env.NODE_ENV !== "production", https);

  const requestHeaders = new Headers(request.headers);
  requestHeaders.set("x-nonce", nonce);
  // Layouts do not receive the URL; sign-in redirects use this to come back to the page asked for.
  requestHeaders.set("x-pathname", request.nextUrl.pathname + request.nextUrl.search);
  // Next reads the nonce for its own scripts from the request's CSP header.
  requestHeaders.set("content-security-policy", csp);

  const response = NextResponse.next({ request: { headers: requestHeaders } });
  response.headers.set("content-security-policy", csp);
  for (const [name, value] of Object.entries(BASE_SECURITY_HEADERS)) response.headers.set(name, value);
  if (https) response.headers.set("strict-transport-security", HSTS);
  return response;
}

export const config = {
  // Not static files, and not the JSON API (server.ts sets its headers); /api/docs and /api/auth are pages.
  matcher: [{ source: "/((?!_next/static|_next/image|favicon.ico|api/(?!(?:docs|auth)(?:/|$))).*)" }],
};
