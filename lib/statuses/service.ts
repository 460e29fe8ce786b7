// Status rows by (domain, code) and by id. Status codes are reference data, identical on every
// replica and changed only by migrations, so they are cached per process after the first read.
import { type DbOrTx } from "../../db/client";
import { type Status, type StatusDomain, statuses } from "../../db/schema";
import { ApiError } from "../api/errors";

type Catalogue = { byId: Map<number, Status>; byCode: Map<string, Status> };

const cache = new WeakMap<object, Promise<Catalogue>>();

async function load(db: DbOrTx): Promise<Catalogue> {
  const rows = await db.select().from(statuses).orderBy(statuses.domain, statuses.position);
  return { byId: new Map(rows.map((r) => [r.id, r])), byCode: new Map(rows.map((r) => [`${r.domain}:${r.code}`, r])) };
}

/** Cached per database handle (a transaction reads through, as it may run before commit). */
function catalogue(db: DbOrTx): Promise<Catalogue> {
  let pending = cache.get(db);
  if (!pending) {
    pending = load(db);
    pending.catch(() => cache.delete(db));
    cache.set(db, pending);
  }
  return pending;
}

export async function listStatuses(db: DbOrTx): Promise<Status[]> {
  return [...(await catalogue(db)).byId.values()];
}

export async function statusByCode(db: DbOrTx, domain: StatusDomain, code: string): Promise<Status> {
  const status = (await catalogue(db)).byCode.get(`${domain}:${code}`);
  if (!status) throw new Error(`status ${domain}:${code} is missing from the reference data`);
  return status;
}

export async function statusIdOf(db: DbOrTx, domain: StatusDomain, code: string): Promise<number> {
  return (await statusByCode(db, domain, code)).id;
}

/** A status id sent by a client: it must exist and belong to the expected domain (422 otherwise). */
export async function clientStatus(db: DbOrTx, domain: StatusDomain, id: number, field = "status_id"): Promise<Status> {
  const status = (await catalogue(db)).byId.get(id);
  if (!status || status.domain !== domain) {
    throw new ApiError("validation_failed", `status_id ${id} is not a ${domain} status.`, {
      issues: [{ path: field, message: `Use a status of the ${domain} domain (GET /api/statuses).` }],
    });
  }
  return status;
}

export async function statusById(db: DbOrTx, id: number): Promise<Status | undefined> {
  return (await catalogue(db)).byId.get(id);
}

export function toStatusDto(s: Status) {
  return { id: s.id, domain: s.domain, code: s.code, name: s.name, is_final: s.isFinal, position: s.position };
}
