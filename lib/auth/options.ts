// next-auth v4 configuration: credentials sign-in, JWT sessions carrying the user id and the
// session_version (checked against the database on every request by lib/auth/principal.ts).
import type { NextAuthOptions } from "next-auth";
import CredentialsProvider from "next-auth/providers/credentials";
import { getDb } from "../../db/client";
import { ApiError } from "../api/errors";
import { clientIp } from "../api/request";
import { signInWithPassword } from "./sign-in";
import { authSecret } from "./secret";

export const SESSION_MAX_AGE_SECONDS = 8 * 60 * 60;

/** next-auth hands authorize() plain header objects; read them as a Request so clientIp() applies. */
function requestOf(headers: unknown): Request {
  const list = new Headers();
  if (headers && typeof headers === "object") {
    for (const [name, value] of Object.entries(headers as Record<string, unknown>)) {
      if (typeof value === "string") list.set(name, value);
    }
  }
  return new Request("http://localhost/", { headers: list });
}

export function authOptions(): NextAuthOptions {
  return {
    secret: authSecret(),
    session: { strategy: "jwt", maxAge: SESSION_MAX_AGE_SECONDS },
    pages: { signIn: "/login", error: "/login" },
    providers: [
      CredentialsProvider({
        name: "Email and password",
        credentials: { email: { label: "Email", type: "email" }, password: { label: "Password", type: "password" } },
        async authorize(credentials, req) {
          const email = credentials?.email ?? "";
          const password = credentials?.password ?? "";
          if (!email || !password || password.length > 1024) return null;
          try {
            const result = await signInWithPassword(await getDb(), { email, password, ip: clientIp(requestOf(req.headers)) });
            return result ? { id: String(result.uid), uid: result.uid, sv: result.sv, name: result.name, email: result.email } : null;
          } catch (err) {
            if (err instanceof ApiError && err.code === "rate_limited") throw new Error("RateLimited");
            throw err;
          }
        },
      }),
    ],
    callbacks: {
      jwt({ token, user }) {
        // `user` is only present on the sign-in call, despite its declared type.
        const signedIn = user as typeof user | undefined;
        if (signedIn) {
          token.uid = signedIn.uid;
          token.sv = signedIn.sv;
        }
        return token;
      },
      session({ session, token }) {
        return { ...session, uid: token.uid, sv: token.sv };
      },
    },
  };
}
