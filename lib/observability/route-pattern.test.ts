// Route labels for logs and metrics: every API route's pattern comes back from a concrete URL and
// its params, and no id from the URL survives into the label.
import { describe, expect, it } from "vitest";
import { ROUTE_MODULES } from "../api/route-registry.generated";
import { routeLabelOfPath, routePatternOf } from "./route-pattern";

/** A URL of `pattern` with each param filled by `valueOf(name)`, and the params Next would match. */
function instantiate(pattern: string, valueOf: (name: string, index: number) => string) {
  const params: Record<string, string | string[]> = {};
  let index = 0;
  const path = pattern
    .split("/")
    .map((segment) => {
      const catchAll = /^\[\.\.\.(\w+)\]$/.exec(segment);
      if (catchAll?.[1]) {
        params[catchAll[1]] = ["a b", "c"];
        return ["a%20b", "c"].join("/");
      }
      const param = /^\[(\w+)\]$/.exec(segment);
      if (!param?.[1]) return segment;
      const value = valueOf(param[1], index++);
      params[param[1]] = value;
      return encodeURIComponent(value);
    })
    .join("/");
  return { path, params };
}

describe("routePatternOf", () => {
  const patterns = ROUTE_MODULES.map((r) => r.path);

  it("gives back the pattern of every API route from a URL with ids", () => {
    expect(patterns.length).toBeGreaterThan(50);
    for (const pattern of patterns) {
      const { path, params } = instantiate(pattern, (_name, i) => String(4711 + i));
      expect(routePatternOf(path, params), path).toBe(pattern);
    }
  });

  it("tells params apart when two carry the same value, and when a value reads like a later path segment", () => {
    for (const pattern of patterns) {
      const same = instantiate(pattern, () => "42");
      expect(routePatternOf(same.path, same.params), same.path).toBe(pattern);
    }
    expect(routePatternOf("/api/guides/translations/translations/en", { id: "translations", language: "en" })).toBe("/api/guides/[id]/translations/[language]");
    expect(routePatternOf("/api/checklists/7/items/7/validate", { id: "7", itemId: "7" })).toBe("/api/checklists/[id]/items/[itemId]/validate");
  });

  it("keeps no value from the URL in the label", () => {
    const label = routePatternOf("/api/users/alice%40example.com", { id: "alice@example.com" });
    expect(label).toBe("/api/users/[id]");
    expect(label).not.toContain("alice");
  });

  it("leaves a path without params as it is", () => {
    expect(routePatternOf("/api/progress/update", {})).toBe("/api/progress/update");
  });
});

describe("routeLabelOfPath (requests no API route handler saw)", () => {
  it("labels pages, assets, next-auth and unknown API paths with a fixed set of names", () => {
    expect(routeLabelOfPath("/projects/17/timeline")).toBe("(page)");
    expect(routeLabelOfPath("/_next/static/chunks/abc123.js")).toBe("/_next");
    expect(routeLabelOfPath("/api/auth/callback/credentials")).toBe("/api/auth/[...nextauth]");
    expect(routeLabelOfPath("/api/health/ready")).toBe("/api/health/ready");
    expect(routeLabelOfPath("/api/no-such-thing/123")).toBe("/api/[...path]");
  });
});
