// Email + password sign-in with per-account and per-IP failure limits.
// A wrong password and an unknown email take the same path (same hashing work, same answer).
import { createHash } from "node:crypto";
import { eq, sql } from "drizzle-orm";
import type { DbOrTx } from "../../db/client";
import { users } from "../../db/schema";
import { assertNotLimited, clearLimit, penalize } from "../ratelimit/limiters";
import { hashPassword, verifyPassword } from "./password";
import type { SessionClaims } from "./principal";

let dummyHash: Promise<string> | undefined;

/** A real argon2id hash to verify against when the account does not exist. */
function decoyHash(): Promise<string> {
  dummyHash ??= hashPassword("groundwork-decoy-password-for-timing");
  return dummyHash;
}

export const normalizeEmail = (email: string) => email.trim().toLowerCase();

// Keys are digests: fixed length whatever a client sends, and no email addresses in the counters table.
const digest = (value: string) => createHash("sha256").update(value).digest("base64url");
export const signInAccountKey = (email: string) => digest(normalizeEmail(email));
export const signInIpKey = (ip: string | null) => digest(ip ?? "unknown");

/** Throws 429 (with Retry-After) when this account or address has failed too often. */
export async function assertSignInAllowed(email: string, ip: string | null): Promise<void> {
  const what = "Too many failed sign-ins.";
  await assertNotLimited("signInAccount", signInAccountKey(email), what);
  await assertNotLimited("signInIp", signInIpKey(ip), what);
}

export async function signInWithPassword(
  db: DbOrTx,
  input: { email: string; password: string; ip: string | null },
): Promise<(SessionClaims & { name: string; email: string }) | null> {
  await assertSignInAllowed(input.email, input.ip);
  const [user] = await db
    .select({ id: users.id, name: users.name, email: users.email, hash: users.passwordHash, isActive: users.isActive, sv: users.sessionVersion })
    .from(users)
    .where(sql`lower(${users.email}) = ${normalizeEmail(input.email)}`)
    .limit(1);
  const valid = await verifyPassword(user?.hash ?? (await decoyHash()), input.password);
  if (!user || !user.hash || !user.isActive || !valid) {
    await penalize("signInAccount", signInAccountKey(input.email));
    await penalize("signInIp", signInIpKey(input.ip));
    return null;
  }
  await clearLimit("signInAccount", signInAccountKey(input.email));
  await db.update(users).set({ lastSignInAt: new Date() }).where(eq(users.id, user.id));
  return { uid: user.id, sv: user.sv, name: user.name, email: user.email };
}
