// The one list of encrypted columns: rotation walks it, and services look up their AAD names here.
// Names come from the Drizzle tables, so renaming a column in the schema cannot leave this list stale.
import { getTableName } from "drizzle-orm";
import type { PgColumn, PgTable } from "drizzle-orm/pg-core";
import { users } from "../../db/schema/entities";
import { submissions } from "../../db/schema/exams";

export interface EncryptedColumn {
  /** Table name in the database; also the `table` part of the AAD. */
  readonly table: string;
  /** Column name in the database; also the `column` part of the AAD. */
  readonly column: string;
  /** Integer primary key: the `rowId` of the AAD and the keyset-pagination cursor of rotation. */
  readonly idColumn: string;
}

function encrypted(table: PgTable, column: PgColumn, idColumn: PgColumn): EncryptedColumn {
  return Object.freeze({ table: getTableName(table), column: column.name, idColumn: idColumn.name });
}

export const ENCRYPTED_COLUMNS: readonly EncryptedColumn[] = Object.freeze([
  encrypted(users, users.phoneEnc, users.id),
  encrypted(users, users.personalNotesEnc, users.id),
  encrypted(users, users.emergencyContactEnc, users.id),
  encrypted(submissions, submissions.privateFeedbackEnc, submissions.id),
]);
