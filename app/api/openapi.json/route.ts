import { buildOpenApiDocument } from "@/lib/api/openapi";

export const dynamic = "force-dynamic";

// GET /api/openapi.json — the OpenAPI 3.1 document generated from the routes' zod schemas
export function GET(request: Request) {
  return Response.json(buildOpenApiDocument(new URL(request.url).origin), { headers: { "cache-control": "public, max-age=300" } });
}
