// Translations against a real database: one per language (PUT upserts; duplicates in one create
// are refused), languages from the languages table only, the last translation stays, versions,
// and the reader's fallback chain requested → user → entity default → English → any.
import { eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Database, Db } from "../../db/client";
import { entities, type Entity, guides, languages, users } from "../../db/schema";
import { createTestDatabase } from "../../test/db";
import { createEntity, createOrganisation, createUser, principalOf } from "../../test/factories";
import type { Principal } from "../auth/principal";
import { generateKeyEntry } from "../crypto/keyring";
import { matchLanguage } from "./languages";
import { createGuide, getGuide, listGuides } from "./service";
import { deleteTranslation, getTranslation, listTranslations, upsertTranslation } from "./translations";
import { guideCreateSchema, translationUpsertSchema } from "./validators";

process.env.GROUNDWORK_ENCRYPTION_KEYS ??= generateKeyEntry("guides-translations-test");

let database: Database;
let db: Db;
beforeAll(async () => {
  database = await createTestDatabase();
  db = database.db;
  // Reference data has en and de; the chain needs a few more to tell its steps apart.
  await db.insert(languages).values([
    { code: "fr", name: "Français" },
    { code: "es", name: "Español" },
    { code: "pt-BR", name: "Português (Brasil)" },
  ]);
});
afterAll(async () => {
  await database.close();
});

type Translation = { language: string; title: string; body?: string; media_url?: string };

const create = (principal: Principal, translations: Translation[], format = "text") =>
  createGuide(db, principal, guideCreateSchema.parse({ name: "Onboarding", format, is_published: true, translations }));

const put = (principal: Principal, id: number, language: string, body: Record<string, unknown>, extra: { ifMatch?: number; createOnly?: boolean } = {}) =>
  upsertTranslation(db, principal, { id, language, input: translationUpsertSchema.parse(body), ...extra });

async function languageId(code: string): Promise<number> {
  const [row] = await db.select({ id: languages.id }).from(languages).where(eq(languages.code, code));
  if (!row) throw new Error(`no language ${code}`);
  return row.id;
}

const setUserLanguage = async (userId: number, code: string | null) =>
  db
    .update(users)
    .set({ languageId: code ? await languageId(code) : null })
    .where(eq(users.id, userId));

const setEntityLanguage = async (entity: Entity, code: string | null) =>
  db
    .update(entities)
    .set({ defaultLanguageId: code ? await languageId(code) : null })
    .where(eq(entities.id, entity.id));

describe("one translation per language", () => {
  it("creates a translation with the first PUT (created) and replaces it with the next, bumping both versions", async () => {
    const org = await createOrganisation(db);
    const guide = await create(org.admin.principal, [{ language: "en", title: "Welcome" }]);
    const first = await put(org.admin.principal, guide.id, "de", { title: "Willkommen", body: "Hallo" });
    expect(first).toMatchObject({ created: true, translation: { language: "de", title: "Willkommen", body: "Hallo", version: 1 } });
    const second = await put(org.admin.principal, guide.id, "DE", { title: "Herzlich willkommen", version: 1 });
    // PUT replaces the whole translation: the body it did not send is now empty.
    expect(second).toMatchObject({ created: false, translation: { language: "de", title: "Herzlich willkommen", body: "", version: 2 } });
    expect((await listTranslations(db, org.employee.principal, { id: guide.id })).items.map((t) => t.language)).toEqual(["de", "en"]);
    const [row] = await db.select({ version: guides.version }).from(guides).where(eq(guides.id, guide.id));
    expect(row?.version).toBe(3);
  });

  it("does not bump anything when a PUT repeats the current content", async () => {
    const org = await createOrganisation(db);
    const guide = await create(org.admin.principal, [{ language: "en", title: "Welcome", body: "Hi" }]);
    const again = await put(org.admin.principal, guide.id, "en", { title: "Welcome", body: "Hi" });
    expect(again).toMatchObject({ created: false, translation: { version: 1 } });
    expect((await getGuide(db, org.admin.principal, { id: guide.id })).version).toBe(1);
  });

  it("refuses two translations of one language in a create (422), whatever their case", () => {
    const parsed = guideCreateSchema.safeParse({
      name: "Twice",
      format: "text",
      translations: [
        { language: "en", title: "One" },
        { language: "EN", title: "Two" },
      ],
    });
    expect(parsed.success).toBe(false);
  });

  it("answers If-None-Match: * on an existing translation with 412 instead of replacing it", async () => {
    const org = await createOrganisation(db);
    const guide = await create(org.admin.principal, [{ language: "en", title: "Welcome" }]);
    await expect(put(org.admin.principal, guide.id, "en", { title: "Overwritten" }, { createOnly: true })).rejects.toMatchObject({ status: 412 });
    expect((await put(org.admin.principal, guide.id, "fr", { title: "Bienvenue" }, { createOnly: true })).created).toBe(true);
    expect((await getTranslation(db, org.admin.principal, { id: guide.id, language: "en" })).title).toBe("Welcome");
  });

  it("accepts only languages of the languages table (unknown → 422)", async () => {
    const org = await createOrganisation(db);
    const guide = await create(org.admin.principal, [{ language: "en", title: "Welcome" }]);
    await expect(put(org.admin.principal, guide.id, "xx", { title: "?" })).rejects.toMatchObject({ status: 422 });
    await expect(create(org.admin.principal, [{ language: "tlh", title: "nuqneH" }])).rejects.toMatchObject({ status: 422 });
    expect((await put(org.admin.principal, guide.id, "pt-br", { title: "Bem-vindo" })).translation.language).toBe("pt-BR");
  });

  it("keeps video translations to https media", async () => {
    const org = await createOrganisation(db);
    const guide = await create(org.admin.principal, [{ language: "en", title: "Watch", media_url: "https://cdn.example.com/en.mp4" }], "video");
    expect(translationUpsertSchema.safeParse({ title: "Schau", media_url: "http://cdn.example.com/de.mp4" }).success).toBe(false);
    await expect(put(org.admin.principal, guide.id, "de", { title: "Schau" })).rejects.toMatchObject({ status: 422 });
    const ok = await put(org.admin.principal, guide.id, "de", { title: "Schau", media_url: "https://cdn.example.com/de.mp4" });
    expect(ok.translation.media_url).toBe("https://cdn.example.com/de.mp4");
  });
});

describe("who may write translations", () => {
  it("refuses employees (403) and admins of other organisations (404)", async () => {
    const org = await createOrganisation(db);
    const other = await createOrganisation(db);
    const guide = await create(org.admin.principal, [{ language: "en", title: "Welcome" }]);
    await expect(put(org.employee.principal, guide.id, "de", { title: "Hallo" })).rejects.toMatchObject({ status: 403 });
    await expect(put(other.admin.principal, guide.id, "de", { title: "Hallo" })).rejects.toMatchObject({ status: 404 });
    await expect(deleteTranslation(db, other.admin.principal, { id: guide.id, language: "en" })).rejects.toMatchObject({ status: 404 });
    await expect(getTranslation(db, other.employee.principal, { id: guide.id, language: "en" })).rejects.toMatchObject({ status: 404 });
    expect((await listTranslations(db, org.admin.principal, { id: guide.id })).items).toHaveLength(1);
  });
});

describe("versions and deletion", () => {
  it("answers a stale translation version with 409 (body) or 412 (If-Match)", async () => {
    const org = await createOrganisation(db);
    const guide = await create(org.admin.principal, [{ language: "en", title: "Welcome" }]);
    await put(org.admin.principal, guide.id, "en", { title: "Welcome!" });
    await expect(put(org.admin.principal, guide.id, "en", { title: "Late", version: 1 })).rejects.toMatchObject({ status: 409 });
    await expect(put(org.admin.principal, guide.id, "en", { title: "Late" }, { ifMatch: 1 })).rejects.toMatchObject({ status: 412 });
    // If-Match names a version of something that does not exist yet.
    await expect(put(org.admin.principal, guide.id, "de", { title: "Hallo" }, { ifMatch: 1 })).rejects.toMatchObject({ status: 412 });
    expect((await getTranslation(db, org.admin.principal, { id: guide.id, language: "en" })).title).toBe("Welcome!");
  });

  it("deletes a translation but never the last one (409)", async () => {
    const org = await createOrganisation(db);
    const guide = await create(org.admin.principal, [
      { language: "en", title: "Welcome" },
      { language: "de", title: "Willkommen" },
    ]);
    await expect(deleteTranslation(db, org.admin.principal, { id: guide.id, language: "de", ifMatch: 2 })).rejects.toMatchObject({ status: 412 });
    await deleteTranslation(db, org.admin.principal, { id: guide.id, language: "de", ifMatch: 1 });
    await expect(deleteTranslation(db, org.admin.principal, { id: guide.id, language: "en" })).rejects.toMatchObject({ status: 409 });
    await expect(deleteTranslation(db, org.admin.principal, { id: guide.id, language: "de" })).rejects.toMatchObject({ status: 404 });
    expect((await listTranslations(db, org.admin.principal, { id: guide.id })).items.map((t) => t.language)).toEqual(["en"]);
  });
});

describe("reading in the reader's language", () => {
  const all: Translation[] = [
    { language: "en", title: "Welcome" },
    { language: "de", title: "Willkommen" },
    { language: "fr", title: "Bienvenue" },
  ];

  async function reader() {
    const org = await createOrganisation(db);
    const guide = await create(org.admin.principal, all);
    return { org, guide, employee: org.employee };
  }

  it("serves the requested language and says which ones exist", async () => {
    const { guide, employee } = await reader();
    await setUserLanguage(employee.user.id, "de");
    const read = await getGuide(db, employee.principal, { id: guide.id, lang: "fr" });
    expect(read).toMatchObject({
      requested_language: "fr",
      language: "fr",
      language_source: "requested",
      available_languages: ["de", "en", "fr"],
      translation: { title: "Bienvenue" },
    });
    // A regional tag falls back to its language (RFC 4647 lookup).
    expect(await getGuide(db, employee.principal, { id: guide.id, lang: "fr-CA" })).toMatchObject({ language: "fr", language_source: "requested" });
  });

  it("falls back to the reader's own language when the requested one is missing", async () => {
    const { guide, employee } = await reader();
    await setUserLanguage(employee.user.id, "de");
    expect(await getGuide(db, employee.principal, { id: guide.id, lang: "es" })).toMatchObject({ language: "de", language_source: "user" });
    expect(await getGuide(db, employee.principal, { id: guide.id })).toMatchObject({ language: "de", language_source: "user" });
  });

  it("then to the default of the reader's entity, or of the nearest ancestor that sets one", async () => {
    const { org, guide, employee } = await reader();
    await setUserLanguage(employee.user.id, "es");
    await setEntityLanguage(org.company, "fr");
    expect(await getGuide(db, employee.principal, { id: guide.id })).toMatchObject({ language: "fr", language_source: "entity" });
    await setEntityLanguage(org.department, "de");
    expect(await getGuide(db, employee.principal, { id: guide.id })).toMatchObject({ language: "de", language_source: "entity" });
  });

  it("then to English, then to any translation there is", async () => {
    const org = await createOrganisation(db);
    const team = await createEntity(db, { parent: org.department });
    const user = await createUser(db, team);
    const employee = principalOf(user, team);
    const withEnglish = await create(org.admin.principal, all);
    expect(await getGuide(db, employee, { id: withEnglish.id, lang: "es" })).toMatchObject({ language: "en", language_source: "english" });
    const withoutEnglish = await create(org.admin.principal, [
      { language: "fr", title: "Bienvenue" },
      { language: "de", title: "Willkommen" },
    ]);
    expect(await getGuide(db, employee, { id: withoutEnglish.id })).toMatchObject({
      language: "de",
      language_source: "any",
      translation: { title: "Willkommen" },
    });
  });

  it("titles list entries in the reader's language too", async () => {
    const { guide, employee } = await reader();
    await setUserLanguage(employee.user.id, "fr");
    const [entry] = (await listGuides(db, employee.principal, { q: "Welcome" })).items.filter((g) => g.id === guide.id);
    expect(entry).toMatchObject({ language: "fr", title: "Bienvenue" });
  });

  it("matches tags case-insensitively, by prefix, then by region", () => {
    expect(matchLanguage("PT-br", ["en", "pt-BR"])).toBe("pt-BR");
    expect(matchLanguage("de-AT", ["de", "en"])).toBe("de");
    expect(matchLanguage("pt", ["en", "pt-BR"])).toBe("pt-BR");
    expect(matchLanguage("es", ["en", "de"])).toBeUndefined();
  });

  it("follows the reader's own settings, not a colleague's", async () => {
    const { org, guide, employee } = await reader();
    await setUserLanguage(org.peer.user.id, "fr");
    await setUserLanguage(employee.user.id, null);
    expect(await getGuide(db, employee.principal, { id: guide.id })).toMatchObject({ language: "en", language_source: "english" });
  });
});
