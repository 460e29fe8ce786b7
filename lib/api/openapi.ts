// The OpenAPI 3.1 document, generated from the same zod schemas the route wrapper parses with,
// so the documentation cannot drift from what the API accepts.
import { z } from "zod";
import { PERMISSIONS } from "../auth/permissions";
import type { RouteHandler } from "./handler";
import { ROUTE_MODULES } from "./route-registry.generated";

const METHODS = ["GET", "POST", "PUT", "PATCH", "DELETE"] as const;
type JsonSchema = Record<string, unknown>;

function jsonSchema(schema: z.ZodType): JsonSchema {
  const { $schema: _ignored, ...rest } = z.toJSONSchema(schema, { io: "input", unrepresentable: "any", target: "draft-2020-12" });
  return rest;
}

const openApiPath = (path: string) => path.replace(/\[\.\.\.(\w+)\]/g, "{$1}").replace(/\[(\w+)\]/g, "{$1}");
const tagOf = (path: string) => path.split("/")[2] ?? "api";

function isRouteHandler(value: unknown): value is RouteHandler {
  return typeof value === "function" && "spec" in value;
}

function parametersOf(where: "path" | "query", schema: z.ZodType | undefined, names: string[]) {
  const properties = schema ? ((jsonSchema(schema).properties ?? {}) as Record<string, JsonSchema>) : {};
  const required = schema ? ((jsonSchema(schema).required ?? []) as string[]) : [];
  const keys = where === "path" ? names : Object.keys(properties);
  return keys.map((name) => ({
    name,
    in: where,
    required: where === "path" || required.includes(name),
    schema: properties[name] ?? { type: "string" },
  }));
}

const problem = { $ref: "#/components/responses/Problem" };

function operationFor(path: string, method: (typeof METHODS)[number], handler: RouteHandler) {
  const spec = handler.spec;
  const pathNames = [...path.matchAll(/\{(\w+)\}/g)].map((m) => m[1] ?? "");
  const success = String(spec.successStatus ?? (method === "POST" ? 201 : method === "DELETE" ? 204 : 200));
  const permission = spec.permission;
  const operation: Record<string, unknown> = {
    operationId: `${method.toLowerCase()}${path.replace(/[{}]/g, "").replace(/[^a-zA-Z0-9]+(.)?/g, (_m, c: string | undefined) => (c ?? "").toUpperCase())}`,
    summary: spec.summary ?? `${method} ${path}`,
    tags: [tagOf(path)],
    parameters: [...parametersOf("path", spec.params, pathNames), ...parametersOf("query", spec.query, [])],
    responses: {
      [success]: {
        description: "Success",
        ...(success === "204" ? {} : { content: { [spec.successContentType ?? "application/json"]: { schema: spec.successContentType?.startsWith("text/") ? { type: "string" } : {} } } }),
      },
      ...Object.fromEntries(["400", "401", "403", "404", "409", "412", "413", "422", "429"].map((code) => [code, problem])),
    },
  };
  if (permission) {
    operation.description = `Needs the permission \`${permission}\` (token scope \`${PERMISSIONS[permission]}\`). Rows outside the caller's scope answer 404.`;
    operation.security = [{ bearerAuth: [] }, { sessionCookie: [] }];
  } else {
    operation.security = [];
  }
  if (spec.body) {
    operation.requestBody = { required: true, content: { "application/json": { schema: jsonSchema(spec.body) } } };
    if (method === "POST") {
      (operation.parameters as unknown[]).push({
        name: "Idempotency-Key",
        in: "header",
        required: false,
        schema: { type: "string", maxLength: 255 },
        description: "Same key and body replay the first answer; another body with the same key is refused (422).",
      });
    }
  }
  return operation;
}

export function buildOpenApiDocument(origin = "") {
  const paths: Record<string, Record<string, unknown>> = {};
  for (const { path, module } of ROUTE_MODULES) {
    const apiPath = openApiPath(path);
    const item: Record<string, unknown> = {};
    for (const method of METHODS) {
      const exported: unknown = (module as Record<string, unknown>)[method];
      if (isRouteHandler(exported)) item[method.toLowerCase()] = operationFor(apiPath, method, exported);
      else if (typeof exported === "function") {
        // next-auth's handlers: documented, not generated (its protocol is next-auth's own).
        item[method.toLowerCase()] = {
          operationId: `${method.toLowerCase()}Auth`,
          summary: "next-auth endpoints (sign-in, sign-out, session, CSRF token)",
          tags: ["auth"],
          parameters: parametersOf("path", undefined, [...apiPath.matchAll(/\{(\w+)\}/g)].map((m) => m[1] ?? "")),
          security: [],
          responses: { "200": { description: "next-auth response" }, "429": problem },
        };
      }
    }
    paths[apiPath] = item;
  }
  paths["/api/openapi.json"] = {
    get: { operationId: "getOpenapiJson", summary: "This document", tags: ["meta"], security: [], responses: { "200": { description: "OpenAPI 3.1 document" } } },
  };
  paths["/api/docs"] = {
    get: { operationId: "getDocs", summary: "Readable API reference", tags: ["meta"], security: [], responses: { "200": { description: "HTML page" } } },
  };
  return {
    openapi: "3.1.0",
    info: {
      title: "Groundwork API",
      version: "1.0.0",
      description:
        "Onboarding, training and examination. Authenticate with `Authorization: Bearer <token>` (create tokens under API tokens). Errors are RFC 9457 problem+json; lists paginate with `cursor`; updates accept `If-Match` with the row version.",
    },
    servers: origin ? [{ url: origin }] : [],
    paths,
    components: {
      securitySchemes: {
        bearerAuth: { type: "http", scheme: "bearer", description: "A personal API token (gwt_…)." },
        sessionCookie: { type: "apiKey", in: "cookie", name: "next-auth.session-token" },
      },
      schemas: {
        Problem: {
          type: "object",
          required: ["type", "title", "status"],
          properties: {
            type: { type: "string" },
            title: { type: "string" },
            status: { type: "integer" },
            code: { type: "string" },
            detail: { type: "string" },
            request_id: { type: "string" },
            errors: {
              type: "array",
              items: { type: "object", properties: { path: { type: "string" }, message: { type: "string" }, code: { type: "string" } } },
            },
          },
        },
      },
      responses: {
        Problem: { description: "Error (problem+json)", content: { "application/problem+json": { schema: { $ref: "#/components/schemas/Problem" } } } },
      },
    },
  };
}
