// Column groups shared by every domain file: timestamps with time zone and the optimistic-lock version.
import { integer, timestamp } from "drizzle-orm/pg-core";

export const createdAt = () => timestamp("created_at", { withTimezone: true, mode: "date" }).notNull().defaultNow();

export const timestamps = () => ({
  createdAt: createdAt(),
  updatedAt: timestamp("updated_at", { withTimezone: true, mode: "date" })
    .notNull()
    .defaultNow()
    .$onUpdate(() => new Date()),
});

/** Row version for optimistic concurrency: every update bumps it; a stale one is answered 409/412. */
export const rowVersion = () => integer("version").notNull().default(1);

export const tstz = (name: string) => timestamp(name, { withTimezone: true, mode: "date" });

/** SQL list literal for a check constraint, e.g. inList(["a","b"]) → 'a','b'. */
export const inList = (values: readonly string[]) => values.map((v) => `'${v.replace(/'/g, "''")}'`).join(",");
