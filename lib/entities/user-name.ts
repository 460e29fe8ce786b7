// A person's name beside rows that hold their id (assignees of tasks and requests, authors). Read by
// primary key per row, not joined: for a page of rows the planner joined by hashing the whole users
// table (7 ms at 12k users for 100 tasks), where these lookups take half a millisecond.
import { type AnyColumn, type SQL, sql } from "drizzle-orm";
import { users } from "../../db/schema";

/** The name of the user whose id `idColumn` holds (ids are foreign keys to users, so never null). */
export const userNameOf = (idColumn: AnyColumn): SQL<string> => sql<string>`(select ${users.name} from ${users} where ${users.id} = ${idColumn})`;
