// A status named in a list filter, by id or by code: it must be a status of the listed domain,
// else the filter is the client's error (422), never an empty page that hides the typo.
import "server-only";
import type { DbOrTx } from "../../db/client";
import type { StatusDomain } from "../../db/schema";
import { ApiError } from "../api/errors";
import { listStatuses } from "../statuses/service";

export async function statusFilterId(db: DbOrTx, domain: StatusDomain, value: string, field = "status"): Promise<number> {
  const byId = /^\d+$/.test(value) ? Number(value) : null;
  const match = (await listStatuses(db)).find((s) => s.domain === domain && (byId === null ? s.code === value : s.id === byId));
  if (!match) {
    const message = `${value} is not a ${domain} status; use an id or code from GET /api/statuses.`;
    throw new ApiError("validation_failed", message, { issues: [{ path: field, message }] });
  }
  return match.id;
}

/** Ids of the final statuses of a domain (completed, done, cancelled …): work there never moves again. */
export async function finalStatusIds(db: DbOrTx, domain: StatusDomain): Promise<number[]> {
  return (await listStatuses(db)).filter((s) => s.domain === domain && s.isFinal).map((s) => s.id);
}
