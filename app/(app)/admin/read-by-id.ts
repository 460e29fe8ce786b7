// A row an admin page shows, read by the id in its URL. An id that is not one, a row that does not
// exist and one out of the reader's reach (another organisation's, a draft of another department)
// all give the not-found page, exactly as the API answers 404.
import "server-only";
import { notFound } from "next/navigation";
import { type Db, getDb } from "@/db";
import { ApiError } from "@/lib/api/errors";
import type { Permission } from "@/lib/auth/permissions";
import type { Principal } from "@/lib/auth/principal";
import { requirePrincipal } from "@/lib/auth/session";
import { idParamsSchema } from "@/lib/entities/id-schemas";

type Read<T> = (db: Db, principal: Principal, params: { id: number }) => Promise<T>;

/** The row, with the database and the signed-in reader it was read for; 404 as above. */
export async function readByIdOrNotFound<T>(id: string, access: { permission: Permission; from: string }, read: Read<T>) {
  const parsed = idParamsSchema.safeParse({ id });
  if (!parsed.success) notFound();
  const principal = await requirePrincipal(access.permission, access.from);
  const db = await getDb();
  try {
    return { row: await read(db, principal, parsed.data), db, principal };
  } catch (error) {
    if (error instanceof ApiError && error.status === 404) notFound();
    throw error;
  }
}
