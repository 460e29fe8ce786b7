// The signed-in user for server components and pages, re-checked against the database.
import "server-only";
import { getServerSession } from "next-auth";
import { headers } from "next/headers";
import { notFound, redirect } from "next/navigation";
import { getDb } from "@/db";
import { authOptions } from "./options";
import type { Permission } from "./permissions";
import { roleAllows } from "./permissions";
import { type Principal, principalFromSession } from "./principal";

export async function currentPrincipal(): Promise<Principal | null> {
  const session = await getServerSession(authOptions());
  if (typeof session?.uid !== "number" || typeof session.sv !== "number") return null;
  return principalFromSession(await getDb(), { uid: session.uid, sv: session.sv });
}

/** Pages call this first: no session → sign-in; lacking the permission → 404 (pages do not leak). */
export async function requirePrincipal(permission?: Permission, from?: string): Promise<Principal> {
  const principal = await currentPrincipal();
  if (!principal) {
    const back = from ?? (await headers()).get("x-pathname");
    redirect(back ? `/login?callbackUrl=${encodeURIComponent(back)}` : "/login");
  }
  if (permission && !roleAllows(principal.role, permission)) notFound();
  return principal;
}
