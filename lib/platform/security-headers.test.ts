import { describe, expect, it } from "vitest";
import { apiSecurityHeaders, isHttps, isPlainApiPath } from "./security-headers";

describe("security headers of API answers", () => {
  it("take every /api path past the proxy but the HTML reference page and next-auth's pages", () => {
    for (const path of ["/api/tasks", "/api/tasks/1", "/api/health", "/api/openapi.json", "/api/unknown/thing", "/api/docsx", "/api/authors"]) {
      expect(isPlainApiPath(path), path).toBe(true);
    }
    for (const path of ["/api/docs", "/api/docs/", "/api/auth", "/api/auth/session", "/api", "/apis/x", "/", "/tasks/1", "/login"]) {
      expect(isPlainApiPath(path), path).toBe(false);
    }
  });

  it("forbid framing and sniffing, load nothing, and add HSTS only over HTTPS", () => {
    const plain = apiSecurityHeaders(false);
    expect(plain).toMatchObject({
      "content-security-policy": "default-src 'none'; frame-ancestors 'none'",
      "x-content-type-options": "nosniff",
      "x-frame-options": "DENY",
      "referrer-policy": "strict-origin-when-cross-origin",
    });
    expect(plain["strict-transport-security"]).toBeUndefined();
    expect(apiSecurityHeaders(true)["strict-transport-security"]).toBe("max-age=63072000; includeSubDomains");
    expect([isHttps("https", "http"), isHttps(undefined, "https"), isHttps("http", "https"), isHttps(null, "http")]).toEqual([true, true, false, false]);
  });
});
