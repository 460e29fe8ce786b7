// Status rows by (domain, code) and by id. Status codes are reference data, identical on every
// replica and changed only by migrations, so they are cached per process after the first read.
import { type DbOrTx } from "../../db/client";
import { connectionHandleOf } from "../../db/pool-transactions";
import { type Status, type StatusDomain, statuses } from "../../db/schema";
import { ApiError } from "../api/errors";

type Catalogue = { byId: Map<number, Status>; byCode: Map<string, Status> };

const cache = new WeakMap<object, Promise<Catalogue>>();

async function load(db: DbOrTx): Promise<Catalogue> {
  const rows = await db.select().from(statuses).orderBy(statuses.domain, statuses.position);
  return { byId: new Map(rows.map((r) => [r.id, r])), byCode: new Map(rows.map((r) => [`${r.domain}:${r.code}`, r])) };
}

/**
 * Cached per database handle: the process pool's, or for a transaction on a pooled connection that
 * connection's (db/pool-transactions.ts), so a write reads the catalogue once per connection rather
 * than once per transaction. Other transactions read through. An empty catalogue (a database whose
 * reference data is not loaded yet) is not kept.
 */
function catalogue(db: DbOrTx): Promise<Catalogue> {
  const owner = connectionHandleOf(db) ?? db;
  let pending = cache.get(owner);
  if (!pending) {
    const loading = load(owner);
    loading.then(
      (found) => {
        if (found.byId.size === 0 && cache.get(owner) === loading) cache.delete(owner);
      },
      () => cache.delete(owner),
    );
    cache.set(owner, loading);
    pending = loading;
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
