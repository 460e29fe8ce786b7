import NextAuth from "next-auth";
import { ApiError, problemResponse } from "@/lib/api/errors";
import { clientIp, requestIdOf } from "@/lib/api/request";
import { authOptions } from "@/lib/auth/options";
import { assertSignInAllowed } from "@/lib/auth/sign-in";

type Context = { params: Promise<{ nextauth: string[] }> };

function handler(request: Request, context: Context): Promise<Response> {
  return (NextAuth(authOptions()) as (req: Request, ctx: Context) => Promise<Response>)(request, context);
}

// GET /api/auth/* — next-auth's session, CSRF and provider endpoints
export const GET = handler;

// POST /api/auth/* — sign in and out; an account or address over its failure limit gets 429
export async function POST(request: Request, context: Context): Promise<Response> {
  const { nextauth } = await context.params;
  if (nextauth.join("/") === "callback/credentials") {
    const form = await request.clone().formData().catch(() => null);
    const email = form?.get("email");
    try {
      await assertSignInAllowed(typeof email === "string" ? email : "", clientIp(request));
    } catch (err) {
      if (err instanceof ApiError) return problemResponse(err, requestIdOf(request));
      throw err;
    }
  }
  return handler(request, context);
}
