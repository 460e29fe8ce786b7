import { ApiError, problemResponse } from "@/lib/api/errors";

export const dynamic = "force-dynamic";

// Any /api path no route file serves: a problem+json 404 naming the path, instead of Next's HTML page.
function noSuchRoute(request: Request): Response {
  const { pathname } = new URL(request.url);
  return problemResponse(new ApiError("not_found", `There is no API route at ${request.method} ${pathname}. The reference is at /api/docs.`));
}

export const GET = noSuchRoute;
export const POST = noSuchRoute;
export const PUT = noSuchRoute;
export const PATCH = noSuchRoute;
export const DELETE = noSuchRoute;
