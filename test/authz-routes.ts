// Route discovery for the authorization walker: every app/**/route.ts, its URL path and the HTTP
// methods it exports, read from the file tree so a new route is walked without editing the test.
import { readdirSync } from "node:fs";
import path from "node:path";

export const HTTP_METHODS = ["GET", "POST", "PUT", "PATCH", "DELETE"] as const;
export type HttpMethod = (typeof HTTP_METHODS)[number];

export type RouteContext = { params: Promise<Record<string, string | string[]>> };
export type RouteFunction = (request: Request, context: RouteContext) => Promise<Response>;

/** What defineRoute (lib/api/handler.ts) attaches to a handler; absent on hand-written exports. */
export type DeclaredSpec = { permission: unknown; auth?: unknown };

export type RouteParam = { name: string; catchAll: boolean; /** The static segment before it: "users" for /api/users/[id]. */ resource: string };

export type DiscoveredRoute = {
  /** Relative to the app folder, with forward slashes: "api/users/[id]/route.ts". */
  file: string;
  /** The URL path with route groups removed and dynamic segments kept: "/api/users/[id]". */
  urlPath: string;
  params: RouteParam[];
  handlers: Partial<Record<HttpMethod, RouteFunction & { spec?: DeclaredSpec }>>;
};

/** Route handler files below appDir, as sorted forward-slash paths relative to it. */
export function findRouteFiles(appDir: string): string[] {
  return readdirSync(appDir, { recursive: true, encoding: "utf8" })
    .filter((file) => /^route\.(ts|tsx|js|mjs)$/.test(path.basename(file)))
    .map((file) => file.split(path.sep).join("/"))
    .sort();
}

const isRouteGroup = (segment: string) => /^\(.*\)$/.test(segment);
const isParallelSlot = (segment: string) => segment.startsWith("@");

/** "api/(v1)/users/[id]/route.ts" → "/api/users/[id]". Route groups and parallel slots are not in the URL. */
export function urlPathOf(file: string): string {
  const segments = file.split("/").slice(0, -1);
  return `/${segments.filter((s) => !isRouteGroup(s) && !isParallelSlot(s)).join("/")}`;
}

export function paramsOf(urlPath: string): RouteParam[] {
  const segments = urlPath.split("/").filter(Boolean);
  const params: RouteParam[] = [];
  segments.forEach((segment, i) => {
    const match = /^\[{1,2}(\.\.\.)?([^\]]+)\]{1,2}$/.exec(segment);
    if (!match?.[2]) return;
    const before = segments
      .slice(0, i)
      .reverse()
      .find((s) => !s.startsWith("["));
    params.push({ name: match[2], catchAll: match[1] !== undefined, resource: before ?? "" });
  });
  return params;
}

export async function discoverRoutes(appDir: string): Promise<DiscoveredRoute[]> {
  const routes: DiscoveredRoute[] = [];
  for (const file of findRouteFiles(appDir)) {
    const mod = (await import(path.join(appDir, file))) as Record<string, unknown>;
    const handlers: DiscoveredRoute["handlers"] = {};
    for (const method of HTTP_METHODS) {
      const exported = mod[method];
      if (typeof exported === "function") handlers[method] = exported as RouteFunction & { spec?: DeclaredSpec };
    }
    const urlPath = urlPathOf(file);
    routes.push({ file, urlPath, params: paramsOf(urlPath), handlers });
  }
  return routes;
}

/** The URL of a route with its dynamic segments filled in. */
export function fillPath(urlPath: string, values: Record<string, string>): string {
  return urlPath.replace(/\[{1,2}(?:\.\.\.)?([^\]]+)\]{1,2}/g, (_, name: string) => encodeURIComponent(values[name] ?? ""));
}
