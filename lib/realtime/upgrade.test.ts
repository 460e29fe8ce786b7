// A browser session opens /api/ws only from this site's own pages: the same rule as the REST
// writes' CSRF check (lib/api/request.ts), so a proxy's X-Forwarded-Host and Fetch Metadata count.
import { describe, expect, it } from "vitest";
import { sameOrigin } from "./upgrade";

const upgrade = (headers: Record<string, string>) => new Request("http://app.test/api/ws", { headers: { host: "app.test", ...headers } });

describe("sameOrigin", () => {
  it("accepts this site's pages and refuses any other origin", () => {
    expect(sameOrigin(upgrade({ origin: "http://app.test" }))).toBe(true);
    expect(sameOrigin(upgrade({ origin: "http://evil.test" }))).toBe(false);
    expect(sameOrigin(upgrade({ origin: "not a url" }))).toBe(false);
  });

  it("compares with the host the proxy forwarded", () => {
    expect(sameOrigin(upgrade({ origin: "https://groundwork.example", "x-forwarded-host": "groundwork.example" }))).toBe(true);
    expect(sameOrigin(upgrade({ origin: "http://app.test", "x-forwarded-host": "groundwork.example" }))).toBe(false);
  });

  it("without an Origin, goes by Fetch Metadata: cross-site is refused, a client without it is not", () => {
    expect(sameOrigin(upgrade({ "sec-fetch-site": "cross-site" }))).toBe(false);
    expect(sameOrigin(upgrade({ "sec-fetch-site": "same-origin" }))).toBe(true);
    expect(sameOrigin(upgrade({}))).toBe(true);
  });
});
