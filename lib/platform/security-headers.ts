// The security headers every answer carries. Pages get theirs from proxy.ts, with a CSP whose nonce
// is new for each request. JSON API answers get the static set below from server.ts, before Next
// sees the request, and skip the proxy: for an answer that loads nothing, a nonce and a page CSP
// are work for no one. The reference page /api/docs (HTML) and next-auth's /api/auth stay with
// the proxy (its matcher excludes the other /api paths).
// Used by the custom server outside Next and by proxy.ts inside it: no "server-only" guard.

export const BASE_SECURITY_HEADERS: Readonly<Record<string, string>> = {
  "x-content-type-options": "nosniff",
  "x-frame-options": "DENY",
  "referrer-policy": "strict-origin-when-cross-origin",
  "permissions-policy": "camera=(), microphone=(), geolocation=()",
  "cross-origin-opener-policy": "same-origin",
};

export const HSTS = "max-age=63072000; includeSubDomains";

/** An API answer loads nothing and may be framed by no one. */
export const API_CONTENT_SECURITY_POLICY = "default-src 'none'; frame-ancestors 'none'";

/** Whether the request came over HTTPS, as the client or the balancer in front says. */
export const isHttps = (forwardedProto: string | null | undefined, protocol: string): boolean => (forwardedProto ?? protocol) === "https";

/** API paths answered without the proxy: every /api path but the HTML reference and next-auth's. */
export function isPlainApiPath(pathname: string): boolean {
  return pathname.startsWith("/api/") && !/^\/api\/(docs|auth)(\/|$)/.test(pathname);
}

/** The headers of an answer to a plain API path. */
export function apiSecurityHeaders(https: boolean): Record<string, string> {
  return { ...BASE_SECURITY_HEADERS, "content-security-policy": API_CONTENT_SECURITY_POLICY, ...(https ? { "strict-transport-security": HSTS } : {}) };
}
