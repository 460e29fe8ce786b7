// Knowledge: languages, formats, guides with one translation per language, their links and acknowledgements.
import { sql } from "drizzle-orm";
import {
  bigint,
  boolean,
  check,
  index,
  integer,
  pgTable,
  primaryKey,
  serial,
  text,
  unique,
  varchar,
} from "drizzle-orm/pg-core";
import { createdAt, inList, rowVersion, timestamps, tstz } from "./columns";
import { entities, users } from "./entities";

export const languages = pgTable(
  "languages",
  {
    id: serial("id").primaryKey(),
    /** BCP 47 tag, e.g. "en", "de", "pt-BR". */
    code: varchar("code", { length: 35 }).notNull(),
    name: varchar("name", { length: 100 }).notNull(),
    ...timestamps(),
  },
  (t) => [unique("languages_code_key").on(t.code)],
);

export const FORMAT_CODES = ["text", "video", "interactive"] as const;
export type FormatCode = (typeof FORMAT_CODES)[number];

export const formats = pgTable(
  "formats",
  {
    id: serial("id").primaryKey(),
    code: varchar("code", { length: 32 }).$type<FormatCode>().notNull(),
    name: varchar("name", { length: 100 }).notNull(),
    ...timestamps(),
  },
  (t) => [
    unique("formats_code_key").on(t.code),
    check("formats_code_check", sql.raw(`code in (${inList(FORMAT_CODES)})`)),
  ],
);

export const guides = pgTable(
  "guides",
  {
    id: serial("id").primaryKey(),
    /** Working title for admins; readers see the translation's title. */
    name: varchar("name", { length: 100 }).notNull(),
    formatId: integer("format_id")
      .notNull()
      .references(() => formats.id),
    entityId: integer("entity_id").references(() => entities.id),
    createdBy: integer("created_by").references(() => users.id),
    isPublished: boolean("is_published").notNull().default(true),
    ...timestamps(),
    version: rowVersion(),
  },
  (t) => [
    index("guides_format_id_idx").on(t.formatId),
    index("guides_entity_id_idx").on(t.entityId),
    index("guides_created_by_idx").on(t.createdBy),
  ],
);

export const guideTranslations = pgTable(
  "guide_translations",
  {
    id: serial("id").primaryKey(),
    guideId: integer("guide_id")
      .notNull()
      .references(() => guides.id, { onDelete: "cascade" }),
    languageId: integer("language_id")
      .notNull()
      .references(() => languages.id),
    title: varchar("title", { length: 200 }).notNull(),
    /** Markdown for text guides; a caption/transcript for video; instructions for interactive. */
    body: text("body").notNull().default(""),
    /** Video URL or interactive content URL, for those formats. */
    mediaUrl: varchar("media_url", { length: 2048 }),
    ...timestamps(),
    version: rowVersion(),
  },
  (t) => [
    unique("guide_translations_guide_language_key").on(t.guideId, t.languageId),
    index("guide_translations_language_id_idx").on(t.languageId),
  ],
);

export const GUIDEABLE_TYPES = [
  "project_template",
  "milestone_template",
  "task_template",
  "step_template",
  "checklist_item",
] as const;
export type GuideableType = (typeof GUIDEABLE_TYPES)[number];

/** Polymorphic link (seed): guideable_id names a row of the table guideable_type names, so it has no FK. */
export const guideables = pgTable(
  "guideables",
  {
    guideId: integer("guide_id")
      .notNull()
      .references(() => guides.id, { onDelete: "cascade" }),
    guideableId: bigint("guideable_id", { mode: "number" }).notNull(),
    guideableType: varchar("guideable_type", { length: 255 }).$type<GuideableType>().notNull(),
    createdAt: createdAt(),
  },
  (t) => [
    primaryKey({ name: "guideables_pkey", columns: [t.guideId, t.guideableType, t.guideableId] }),
    index("guideables_guideable_idx").on(t.guideableType, t.guideableId),
    check("guideables_type_check", sql.raw(`guideable_type in (${inList(GUIDEABLE_TYPES)})`)),
  ],
);

export const guideAcknowledgements = pgTable(
  "guide_acknowledgements",
  {
    id: serial("id").primaryKey(),
    guideId: integer("guide_id")
      .notNull()
      .references(() => guides.id, { onDelete: "cascade" }),
    userId: integer("user_id")
      .notNull()
      .references(() => users.id),
    languageId: integer("language_id").references(() => languages.id),
    /** The guide translation version that was read, so a changed guide can ask again. */
    guideVersion: integer("guide_version").notNull().default(1),
    acknowledgedAt: tstz("acknowledged_at").notNull().defaultNow(),
    createdAt: createdAt(),
  },
  (t) => [
    unique("guide_acknowledgements_guide_user_key").on(t.guideId, t.userId),
    index("guide_acknowledgements_user_id_idx").on(t.userId),
    index("guide_acknowledgements_language_id_idx").on(t.languageId),
  ],
);

export type Language = typeof languages.$inferSelect;
export type NewLanguage = typeof languages.$inferInsert;
export type Format = typeof formats.$inferSelect;
export type NewFormat = typeof formats.$inferInsert;
export type Guide = typeof guides.$inferSelect;
export type NewGuide = typeof guides.$inferInsert;
export type GuideTranslation = typeof guideTranslations.$inferSelect;
export type NewGuideTranslation = typeof guideTranslations.$inferInsert;
export type Guideable = typeof guideables.$inferSelect;
export type NewGuideable = typeof guideables.$inferInsert;
export type GuideAcknowledgement = typeof guideAcknowledgements.$inferSelect;
export type NewGuideAcknowledgement = typeof guideAcknowledgements.$inferInsert;
