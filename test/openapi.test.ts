// The OpenAPI document is generated from the routes: it must be valid OpenAPI 3.1 and list every
// route file and method under app/api, and the generated route registry must be current.
import { readFileSync } from "node:fs";
import SwaggerParser from "@apidevtools/swagger-parser";
import { describe, expect, it } from "vitest";
import { buildOpenApiDocument } from "../lib/api/openapi";
// @ts-expect-error -- a plain .mjs script without type declarations
import { findRoutes, REGISTRY_FILE, renderRegistry } from "../scripts/gen-routes.mjs";

type RouteFile = { file: string; urlPath: string };
const METHODS = ["GET", "POST", "PUT", "PATCH", "DELETE"];

const routeFiles = (findRoutes as () => RouteFile[])();
const toOpenApiPath = (path: string) => path.replace(/\[\.\.\.(\w+)\]/g, "{$1}").replace(/\[(\w+)\]/g, "{$1}");

describe("OpenAPI document", () => {
  it("the committed route registry matches the app/api file tree (run `npm run gen:routes`)", () => {
    expect(readFileSync(REGISTRY_FILE as string, "utf8")).toBe((renderRegistry as (r: RouteFile[]) => string)(routeFiles));
  });

  it("is valid OpenAPI 3.1", async () => {
    const doc = buildOpenApiDocument("http://localhost:3000");
    expect(doc.openapi).toBe("3.1.0");
    await expect(SwaggerParser.validate(structuredClone(doc) as never)).resolves.toBeTruthy();
  });

  it("lists every route file under app/api with each method it exports", async () => {
    expect(routeFiles.length).toBeGreaterThan(10);
    const doc = buildOpenApiDocument();
    const missing: string[] = [];
    let exportedTotal = 0;
    for (const { file, urlPath } of routeFiles) {
      // The catch-all only answers 404 for paths no route serves: not an operation to document.
      if (urlPath === "/api/[...path]") continue;
      const routeModule = (await import(`../${file}`)) as Record<string, unknown>;
      const exported = METHODS.filter((m) => typeof routeModule[m] === "function");
      expect(exported.length, `${file} exports no HTTP method`).toBeGreaterThan(0);
      exportedTotal += exported.length;
      const item = doc.paths[toOpenApiPath(urlPath)];
      for (const method of exported) if (!item?.[method.toLowerCase()]) missing.push(`${method} ${urlPath}`);
    }
    expect(missing, "routes missing from /api/openapi.json").toEqual([]);
    const documented = Object.values(doc.paths).flatMap((item) => Object.keys(item)).length;
    expect(documented).toBe(exportedTotal);
  });
});
