// Whether a database already holds an organisation: seeding never runs over existing data unless asked.
import { sql } from "drizzle-orm";
import { type DbOrTx, queryRows } from "../client";

export async function hasOrganisationData(db: DbOrTx): Promise<boolean> {
  const rows = await queryRows<{ present: boolean }>(
    db,
    sql`select exists (select 1 from users) or exists (select 1 from entities) as present`,
  );
  return Boolean(rows[0]?.present);
}
