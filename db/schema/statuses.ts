// Status codes for every workflow domain; the seed's status_id columns all point here.
import { sql } from "drizzle-orm";
import { boolean, check, integer, pgTable, serial, unique, varchar } from "drizzle-orm/pg-core";
import { inList, timestamps } from "./columns";

export const STATUS_DOMAINS = [
  "project",
  "milestone",
  "task",
  "task_step",
  "checklist",
  "checklist_item",
  "task_request",
] as const;
export type StatusDomain = (typeof STATUS_DOMAINS)[number];

export const statuses = pgTable(
  "statuses",
  {
    id: serial("id").primaryKey(),
    domain: varchar("domain", { length: 32 }).$type<StatusDomain>().notNull(),
    code: varchar("code", { length: 32 }).notNull(),
    name: varchar("name", { length: 100 }).notNull(),
    isFinal: boolean("is_final").notNull().default(false),
    position: integer("position").notNull().default(0),
    ...timestamps(),
  },
  (t) => [
    unique("statuses_domain_code_key").on(t.domain, t.code),
    check("statuses_domain_check", sql.raw(`domain in (${inList(STATUS_DOMAINS)})`)),
  ],
);

export type Status = typeof statuses.$inferSelect;
export type NewStatus = typeof statuses.$inferInsert;
