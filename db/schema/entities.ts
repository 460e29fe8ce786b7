// The organisation: entities (the org tree), professions and users.
import { sql } from "drizzle-orm";
import {
  type AnyPgColumn,
  boolean,
  check,
  index,
  integer,
  jsonb,
  numeric,
  pgTable,
  serial,
  text,
  uniqueIndex,
  varchar,
} from "drizzle-orm/pg-core";
import { inList, rowVersion, timestamps, tstz } from "./columns";
import { languages } from "./guides";

/** Weights of the progress blend; each entity may set its own. */
export type ScoreWeights = { completion: number; help: number; timing: number; quality: number; technical: number };

export const entities = pgTable(
  "entities",
  {
    id: serial("id").primaryKey(),
    name: varchar("name", { length: 100 }).notNull(),
    parentId: integer("parent_id").references((): AnyPgColumn => entities.id, { onDelete: "restrict" }),
    /** Top of this entity's tree: the tenant key every tenant table would be distributed by. */
    rootId: integer("root_id").references((): AnyPgColumn => entities.id, { onDelete: "restrict" }),
    /** Materialised path of ids, e.g. "/1/4/": subtree reads are one indexed prefix match. */
    path: varchar("path", { length: 512 }).notNull().default("/"),
    defaultLanguageId: integer("default_language_id").references(() => languages.id),
    timeZone: varchar("time_zone", { length: 64 }).notNull().default("UTC"),
    scoreWeights: jsonb("score_weights").$type<ScoreWeights>(),
    /** Progress score (0..1) above which the Advanced specialization unlocks. */
    advancedThreshold: numeric("advanced_threshold", { precision: 4, scale: 3, mode: "number" }).notNull().default(0.8),
    isActive: boolean("is_active").notNull().default(true),
    ...timestamps(),
    version: rowVersion(),
  },
  (t) => [
    index("entities_parent_id_idx").on(t.parentId),
    index("entities_root_id_idx").on(t.rootId),
    index("entities_default_language_id_idx").on(t.defaultLanguageId),
    index("entities_path_idx").using("btree", sql`${t.path} varchar_pattern_ops`),
    check("entities_advanced_threshold_check", sql`${t.advancedThreshold} between 0 and 1`),
  ],
);

export const professions = pgTable(
  "professions",
  {
    id: serial("id").primaryKey(),
    name: varchar("name", { length: 100 }).notNull(),
    description: varchar("description", { length: 500 }),
    entityId: integer("entity_id").references(() => entities.id),
    isActive: boolean("is_active").notNull().default(true),
    ...timestamps(),
  },
  (t) => [index("professions_entity_id_idx").on(t.entityId)],
);

export const USER_ROLES = ["admin", "manager", "employee"] as const;
export type UserRole = (typeof USER_ROLES)[number];

export const users = pgTable(
  "users",
  {
    id: serial("id").primaryKey(),
    email: varchar("email", { length: 254 }).notNull(),
    name: varchar("name", { length: 100 }).notNull(),
    role: varchar("role", { length: 16 }).$type<UserRole>().notNull().default("employee"),
    entityId: integer("entity_id")
      .notNull()
      .references(() => entities.id),
    managerId: integer("manager_id").references((): AnyPgColumn => users.id),
    professionId: integer("profession_id").references(() => professions.id),
    languageId: integer("language_id").references(() => languages.id),
    timeZone: varchar("time_zone", { length: 64 }),
    passwordHash: text("password_hash"),
    /** Encrypted personal fields (AES-256-GCM envelope with key id); never stored in plaintext. */
    phoneEnc: text("phone_enc"),
    personalNotesEnc: text("personal_notes_enc"),
    emergencyContactEnc: text("emergency_contact_enc"),
    /** Bumped to revoke every session of the user at once. */
    sessionVersion: integer("session_version").notNull().default(1),
    isActive: boolean("is_active").notNull().default(true),
    hiredAt: tstz("hired_at"),
    lastSignInAt: tstz("last_sign_in_at"),
    ...timestamps(),
    version: rowVersion(),
  },
  (t) => [
    uniqueIndex("users_email_key").on(sql`lower(${t.email})`),
    index("users_entity_id_idx").on(t.entityId),
    index("users_manager_id_idx").on(t.managerId),
    index("users_profession_id_idx").on(t.professionId),
    index("users_language_id_idx").on(t.languageId),
    check("users_role_check", sql.raw(`role in (${inList(USER_ROLES)})`)),
  ],
);

export type Entity = typeof entities.$inferSelect;
export type NewEntity = typeof entities.$inferInsert;
export type Profession = typeof professions.$inferSelect;
export type NewProfession = typeof professions.$inferInsert;
export type User = typeof users.$inferSelect;
export type NewUser = typeof users.$inferInsert;
