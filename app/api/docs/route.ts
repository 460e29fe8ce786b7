import { buildOpenApiDocument } from "@/lib/api/openapi";
import { renderApiReference } from "@/lib/api/openapi-html";

export const dynamic = "force-dynamic";

// GET /api/docs — a readable reference of every endpoint, rendered from the OpenAPI document
export function GET() {
  return new Response(renderApiReference(buildOpenApiDocument() as unknown as Parameters<typeof renderApiReference>[0]), {
    headers: { "content-type": "text/html; charset=utf-8", "cache-control": "public, max-age=300" },
  });
}
