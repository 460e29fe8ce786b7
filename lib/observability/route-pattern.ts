// The route pattern of a request ("/api/tasks/[id]"), for log lines and metric labels: raw URLs
// carry ids, and one label per id would grow the metrics without bound.

/**
 * Rebuilds the pattern of an app/api route from the request path and the params Next matched:
 * each param's value is put back as `[name]` (`[...name]` for a catch-all), in path order.
 */
export function routePatternOf(pathname: string, params: Record<string, string | string[] | undefined>): string {
  const segments = pathname.split("/").map(decodeSegment);
  // The first two segments are "" and "api": a param is never there.
  let from = 2;
  for (const [name, value] of Object.entries(params)) {
    if (value === undefined) continue;
    if (Array.isArray(value)) {
      // A catch-all is the last segment of its route: it takes the rest of the path.
      segments.splice(Math.max(from, segments.length - value.length), value.length, `[...${name}]`);
      from = segments.length;
      continue;
    }
    const at = segments.indexOf(value, from);
    if (at < 0) continue;
    segments[at] = `[${name}]`;
    from = at + 1;
  }
  return segments.join("/");
}

function decodeSegment(segment: string): string {
  try {
    return decodeURIComponent(segment);
  } catch {
    return segment;
  }
}

/** A bounded label for requests no API route handler saw: pages, assets, next-auth, probes. */
export function routeLabelOfPath(pathname: string): string {
  if (pathname.startsWith("/_next/")) return "/_next";
  if (pathname.startsWith("/api/auth/")) return "/api/auth/[...nextauth]";
  if (["/api/health", "/api/health/ready", "/api/openapi.json", "/api/docs", "/api/ws", "/api/metrics"].includes(pathname)) return pathname;
  if (pathname.startsWith("/api/")) return "/api/[...path]";
  return "(page)";
}
