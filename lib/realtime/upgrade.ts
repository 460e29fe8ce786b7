// What the hub needs around an upgrade request: the same-origin check for browser sessions, a
// plain HTTP refusal on the raw socket, a message's text, and how to re-check later that the
// socket's credentials still hold.
import type { Duplex } from "node:stream";
import { eq } from "drizzle-orm";
import type { RawData } from "ws";
import type { Database } from "../../db/client";
import { users } from "../../db/schema";
import { assertSameOrigin } from "../api/request";
import { type Principal, principalFromSession, principalFromToken } from "../auth/principal";

export function rawText(data: RawData): string {
  if (Array.isArray(data)) return Buffer.concat(data).toString("utf8");
  return Buffer.from(data instanceof ArrayBuffer ? new Uint8Array(data) : data).toString("utf8");
}

export function refuse(socket: Duplex, status: number, text: string, headers: Record<string, string> = {}): void {
  const extra = Object.entries(headers).map(([name, value]) => `${name}: ${value}\r\n`).join("");
  socket.end(`HTTP/1.1 ${status} ${text}\r\nConnection: close\r\n${extra}Content-Type: text/plain\r\nContent-Length: ${text.length}\r\n\r\n${text}`);
}

/** A browser session may only open the socket from this site's own pages: the REST writes' rule. */
export function sameOrigin(request: Request): boolean {
  try {
    assertSameOrigin(request);
    return true;
  } catch {
    return false;
  }
}

/** How to check later that the credentials the socket opened with still hold. */
export async function reauthenticator(database: Database, request: Request, principal: Principal): Promise<() => Promise<Principal | null>> {
  const bearer = /^Bearer\s+(\S+)$/i.exec(request.headers.get("authorization") ?? "")?.[1];
  if (principal.via === "token" && bearer) return () => principalFromToken(database.db, bearer).catch(() => null);
  const [row] = await database.db.select({ sv: users.sessionVersion }).from(users).where(eq(users.id, principal.userId));
  const claims = { uid: principal.userId, sv: row?.sv ?? -1 };
  return () => principalFromSession(database.db, claims);
}
